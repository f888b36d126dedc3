// @ts-check
// The report form's service worker (registered with scope /lapor by report-form.js and report-status.js): keeps the form,
// its styles, scripts (the map's and the proof of work's too) and icons on the phone so that /lapor opens without a
// signal, and keeps the status pages the phone has seen. It never answers the API: reports wait in IndexedDB
// (report-form.js) until the server acknowledges them, and an answer from a cache must never pass for an
// acknowledgement.
const Version = "pantau-lapor-v1";
/** This script runs as a service worker, not in a page. */
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const Shell = [
    "/lapor", "/css/site.css", "/js/pantau.js", "/js/report-form.js", "/js/place-search.js", "/js/map.js", "/js/report-status.js",
    "/lib/leaflet/leaflet.js", "/lib/leaflet/leaflet.css", "/lib/leaflet/images/marker-icon.png", "/lib/leaflet/images/marker-icon-2x.png",
    "/lib/leaflet/images/marker-shadow.png", "/manifest.webmanifest", "/icons/pantau.svg", "/icons/pantau-192.png",
];
// On a weak network a stored copy after a few seconds beats a blank screen; the fresh one is stored when it comes.
const Patience = 4000;

self.addEventListener("install", event => {
    event.waitUntil((async () => {
        const cache = await caches.open(Version);
        // One by one: a file that fails to load must not stop the others from being kept.
        await Promise.all(Shell.map(url => fetch(url, { credentials: "same-origin" })
            .then(response => response.ok ? cache.put(url, response) : null)
            .catch(() => null)));
        await worker.skipWaiting();
    })());
});

self.addEventListener("activate", event => {
    event.waitUntil((async () => {
        for (const name of await caches.keys())
            if (name.startsWith("pantau-lapor-") && name !== Version) await caches.delete(name);
        await worker.clients.claim();
    })());
});

self.addEventListener("fetch", event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) return;
    const page = request.mode === "navigate";
    const kept = page ? url.pathname === "/lapor" || url.pathname.startsWith("/lapor/")
        : /^\/(css|js|icons|lib\/leaflet|lib\/altcha)\//.test(url.pathname) || url.pathname === "/manifest.webmanifest";
    if (!kept) return; // the API and everything else go to the network as if there were no worker
    event.respondWith(!page && unversioned(url.pathname) !== url.pathname ? keptFirst(event, url) : networkFirst(event, url, page));
});

/**
 * A fingerprinted file (the build names it by its content) never changes under its name: the kept copy answers without
 * asking the network. Fetched once, it replaces the copies of older fingerprints; the copy of its plain name, kept at
 * install, stays for a page whose files the phone has never fetched.
 */
async function keptFirst(event, url) {
    const cache = await caches.open(Version);
    const key = url.origin + url.pathname;
    const kept = await cache.match(key);
    if (kept) return kept;
    try {
        const response = await fetch(event.request);
        if (response.ok && response.type === "basic") {
            const plain = unversioned(url.pathname);
            const copy = response.clone(); // now: the page reads the body while the copy is stored
            event.waitUntil((async () => {
                await cache.put(key, copy);
                for (const old of await cache.keys()) {
                    const path = new URL(old.url).pathname;
                    if (path !== url.pathname && path !== plain && unversioned(path) === plain) await cache.delete(old);
                }
            })().catch(() => null));
        }
        return response;
    } catch {
        // No network: the copy kept at install under its plain name.
        return (await cache.match(url.origin + unversioned(url.pathname))) ?? Response.error();
    }
}

/** The network's answer, kept for later; the kept copy when there is no network or it is too slow. */
async function networkFirst(event, url, page) {
    const cache = await caches.open(Version);
    // One copy per path: "?v=…" only busts the browser's HTTP cache, and the newest copy is the one to keep.
    const key = url.origin + url.pathname;
    const fresh = fetch(event.request).then(async response => {
        if (response.ok && response.type === "basic") await cache.put(key, response.clone());
        return response;
    });
    event.waitUntil(fresh.catch(() => null));
    const slow = new Promise(resolve => setTimeout(resolve, Patience, null));
    // Without a network, a status page the phone has never seen falls back to the form, which lists this phone's reports.
    const stored = async () => (await cache.match(key)) ?? (page ? await cache.match(url.origin + "/lapor") : undefined);
    try {
        const first = await Promise.race([fresh, slow]);
        if (first) return first;
        return (await cache.match(key)) ?? await fresh;
    } catch {
        return (await stored()) ?? Response.error();
    }
}

/** "/css/site.k3x9q0w1ab.css" → "/css/site.css": the build's fingerprint (MapStaticAssets) out of a file's name. */
function unversioned(path) {
    return path.replace(/\.[a-z0-9]{10}(\.[a-z]+)$/, "$1");
}
