// @ts-check
// The office head's access requests (page /access-requests): approve for some hours, or deny with a reason.
// /api/access-requests keeps the list to the head's office and refuses a second decision.
import { t, api, el, facts, countryName, formatTime, accessStateBadge, showFieldErrors, clearFieldErrors, failureText, say } from "./pantau.js";

const root = document.getElementById("access-requests");
const state = document.getElementById("decision-state");
const $ = id => document.getElementById(id);

const field = (id, label, attrs) => el("div", { class: "field" }, el("label", { for: id }, label), el("input", { id, ...attrs }));

// What the partner asks to see, in words as the export showed it, and the person's record for the head to look at first.
const about = q => facts([
    [t("requests.requestedAt"), formatTime(q.requestedAt)],
    [t("requests.asked"), q.asked
        ? `${countryName(q.asked.nationality)} · ${t(`permitType.${q.asked.permitType}`)} · ${t(`permitPurpose.${q.asked.permitPurpose}`)}`
        : t("requests.recordGone"), { "data-slot": "asked" }],
    [t("requests.place"), q.asked?.place ?? q.asked?.villageCode, { "data-slot": "place" }],
    [t("requests.reason"), q.reason],
    [t("requests.record"), q.foreignerId && q.asked ? el("a", { href: `/registry/${encodeURIComponent(q.foreignerId)}` }, t("requests.openRecord")) : null],
]);

function pendingCard(q) {
    return el("li", { class: "card", "data-request": q.id, "data-state": q.state },
        el("div", { class: "card-head" }, el("strong", {}, q.partnerName), accessStateBadge(q.state)),
        about(q),
        el("form", { class: "decision", "data-action": "approve", novalidate: true },
            el("div", { class: "pair" },
                field(`hours-${q.id}`, t("requests.hours"), { name: "hours", type: "number", inputmode: "numeric", min: 1, max: root.dataset.longestHours, value: root.dataset.defaultHours }),
                field(`approve-note-${q.id}`, t("requests.noteOptional"), { name: "note", maxlength: 500 })),
            el("button", { type: "submit", class: "button" }, t("requests.approve"))),
        el("form", { class: "decision", "data-action": "deny", novalidate: true },
            field(`deny-note-${q.id}`, t("requests.denyReason"), { name: "note", maxlength: 500 }),
            el("button", { type: "submit", class: "button danger" }, t("requests.deny"))));
}

function decidedCard(q) {
    return el("li", { class: "card", "data-request": q.id, "data-state": q.state },
        el("div", { class: "card-head" }, el("strong", {}, q.partnerName), accessStateBadge(q.state)),
        about(q),
        facts([
            [t("requests.decidedAt"), q.decidedAt ? formatTime(q.decidedAt) : null],
            [t("requests.note"), q.decisionNote],
            [t("requests.openUntil"), q.state === "Approved" && q.openUntil ? formatTime(q.openUntil) : null],
        ]));
}

async function load() {
    const r = await api("GET", "/api/access-requests");
    if (!r.ok) return say(state, failureText(r), "error");
    const pending = r.data.filter(q => q.state === "Pending");
    const decided = r.data.filter(q => q.state !== "Pending");
    $("pending").replaceChildren(...pending.map(pendingCard));
    $("decided").replaceChildren(...decided.map(decidedCard));
    $("no-pending").hidden = pending.length > 0;
    $("no-decided").hidden = decided.length > 0;
    root.dataset.loaded = "true";
}

root.addEventListener("submit", async e => {
    const form = e.target.closest("form[data-action]");
    if (!form) return;
    e.preventDefault();
    clearFieldErrors(form);
    const id = form.closest("[data-request]").dataset.request;
    const action = form.dataset.action;
    const note = form.elements.note.value.trim() || null;
    const hours = form.elements.hours?.value.trim();
    const body = action === "approve" ? { hours: hours ? Number(hours) : null, note } : { note };
    for (const b of form.querySelectorAll("button")) b.disabled = true;
    const r = await api("POST", `/api/access-requests/${encodeURIComponent(id)}/${action}`, body);
    for (const b of form.querySelectorAll("button")) b.disabled = false;
    if (r.ok) {
        say(state, t(action === "approve" ? "requests.approved" : "requests.denied", r.data.partnerName), "ok");
        await load();
    } else if (r.status === 400) {
        const rest = showFieldErrors(form, r.data);
        if (rest.length) say(state, rest.join(" "), "error");
    } else {
        say(state, failureText(r), "error");
        if (r.status === 404 || r.status === 409) await load();
    }
});

load();
