// @ts-check
// A report's status page (/lapor/{key}, or /lapor/{ticket} for the public status): the server drew it; this shows its
// times in the phone's time and reads GET /api/public/reports/{key or ticket} again every 30 seconds while the page is
// open, redrawing the status, the note, the history and (with the key) the messages. The answer holds nothing
// personal, and it is only ever set as text.
import { t, api, el, formatTime, say, failureText } from "./pantau.js";

const Every = 30_000;
const Looks = { Received: "expiring", Resolved: "valid", Rejected: "expired", Merged: "cancelled" };
const NoteLabels = { Rejected: "tracking.reason", Resolved: "tracking.outcome" };

const root = document.getElementById("tracking");
if (root) {
    const reference = root.dataset.reference;
    const status = document.getElementById("status");
    const note = document.getElementById("status-note");
    const noteLabel = document.getElementById("status-note-label");
    const noteText = document.getElementById("status-note-text");
    const history = document.getElementById("history");
    const updated = document.getElementById("updated");

    const time = instant => el("time", { datetime: instant }, formatTime(instant));
    for (const node of root.querySelectorAll("time[datetime]")) node.textContent = formatTime(node.getAttribute("datetime"));

    function render(report) {
        root.dataset.status = report.status;
        status.className = `badge ${Looks[report.status] ?? "neutral"}`;
        status.textContent = t(`reportStatus.${report.status}`);
        note.hidden = !report.statusNote;
        noteLabel.textContent = t(NoteLabels[report.status] ?? "tracking.note");
        noteText.textContent = report.statusNote ?? "";
        for (const id of ["outcome", "outcome-label"]) document.getElementById(id).hidden = !report.outcome;
        const outcome = document.getElementById("outcome");
        outcome.dataset.outcome = report.outcome ?? "";
        outcome.textContent = report.outcome ? t(`outcome.${report.outcome}`) : "";
        history.replaceChildren(...report.history.map(step => el("li", { "data-status": step.status },
            time(step.at), ` · ${t(`reportStatus.${step.status}`)}`,
            step.note ? el("p", { class: "step-note" }, step.note) : null)));
        messages.replaceChildren(...report.messages.map(m => el("li", { class: m.fromReporter ? "from-reporter" : "from-officer" },
            time(m.at), ` · ${t(m.fromReporter ? "tracking.you" : "tracking.officer")}`, el("p", { class: "breakable" }, m.text))));
        document.getElementById("no-messages").hidden = report.messages.length > 0;
        reply.hidden = !report.canReply;
    }

    // The reporter answers the officers' questions here, with their key (the ticket is public and opens nothing).
    const messages = document.getElementById("messages");
    const reply = document.getElementById("reply");
    const replyStatus = document.getElementById("reply-status");
    reply.addEventListener("submit", async e => {
        e.preventDefault();
        const text = document.getElementById("text");
        const result = await api("POST", `/api/public/reports/${encodeURIComponent(reference)}/messages`, { text: text.value });
        if (result.ok) {
            text.value = "";
            say(replyStatus, t("tracking.replySent"), "ok");
            await refresh();
        } else say(replyStatus, failureText(result), "error");
    });

    async function refresh() {
        if (document.hidden) return;
        const response = await api("GET", `/api/public/reports/${encodeURIComponent(reference)}`);
        if (response.ok) {
            render(response.data);
            updated.textContent = t("tracking.updated", formatTime(new Date().toISOString()));
        } else if (response.status === 0) {
            updated.textContent = t("tracking.offline");
        }
    }

    updated.textContent = t("tracking.updated", formatTime(new Date().toISOString()));
    setInterval(refresh, Every);
    // A phone that comes back to the page (unlocked, or back from another app) sees the news at once.
    document.addEventListener("visibilitychange", refresh);
}

// The status pages open without a signal too, with the last status the phone saw (wwwroot/sw.js).
navigator.serviceWorker?.register("/sw.js", { scope: "/lapor" }).catch(() => { });
