// @ts-check
// Following one of the server's event streams (/api/events, /api/field/stream), for every live page. The browser's
// EventSource reconnects by itself after a dropped connection and sends Last-Event-ID, so the server replays what was
// missed; it gives up only when the server answers with an error (a restart, a sign-in that ran out), and then a new
// stream is opened here, after a wait that grows while the server keeps refusing. Each stream starts with "ready", sent
// once the server listens for the page: a page reads its data on "ready", so that nothing falls between its reading
// and its listening, at the start or after a break.

/** What the page shows about its connection: connecting, receiving, or waiting to come back. */
/** @typedef {"listening" | "live" | "reconnecting"} LiveState */

/**
 * @typedef {object} FollowOptions
 * @property {Record<string, (event: MessageEvent<string>) => void>} on the stream's named events and what each does
 * @property {(state: LiveState) => void} [state] shows the connection's state to the user
 * @property {() => void} [retrying] the server refused the stream and a new one opens now: reads the page's data over
 *   the API (which also sends a signed-out user to the sign-in page, where the stream alone would retry forever)
 */

/** @typedef {{ close(): void }} Following */

// The first wait after a refusal, as before, then twice as long each time up to a minute.
const FirstWait = 5000;
const LongestWait = 60000;

/**
 * Opens the stream at `url` and keeps it open until `close()`.
 * @param {string} url
 * @param {FollowOptions} options
 * @returns {Following}
 */
export function follow(url, { on, state = () => { }, retrying }) {
    /** @type {EventSource | null} */
    let source = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let retry;
    let wait = FirstWait;
    let closed = false;

    function open() {
        const current = new EventSource(url);
        source = current;
        state("listening");
        current.addEventListener("open", () => {
            wait = FirstWait;
            state("live");
        });
        for (const [name, handle] of Object.entries(on))
            current.addEventListener(name, event => { state("live"); handle(/** @type {MessageEvent<string>} */ (event)); });
        current.addEventListener("error", () => {
            if (closed) return;
            state("reconnecting");
            if (current.readyState !== EventSource.CLOSED) return; // the browser is already trying again
            retry = setTimeout(() => { retrying?.(); open(); }, wait);
            wait = Math.min(wait * 2, LongestWait);
        });
    }

    open();
    return {
        close() {
            closed = true;
            clearTimeout(retry);
            source?.close();
        },
    };
}
