// @ts-check
// The team's side of a report on the officer's phone (/field): the reports assigned to the officer's teams, kept live
// by the office's event stream, and the steps in the field — set out, arrive (each with the phone's position, which
// the office head sees), check the people met (the field check form above, tied to the report), record the findings
// with photos, resolve.
import { t, api, el, countryName, facts, say, failureText, problemText, errorsText, formatTime, formatNumber, sessionHeaders, placeName } from "./pantau.js";
import { follow } from "./live.js";

const list = document.getElementById("assignment-list");
const none = document.getElementById("no-assignments");
const live = document.getElementById("team-live");
const banner = document.getElementById("new-assignment");
const known = new Set();
let first = true;
/** What each card last said (step saved, findings saved, a refusal): a card redrawn by a change keeps saying it. */
const said = new Map();

/**
 * Says a card's message and keeps it for the card's next drawing. On the card shown now, not the one the button was on:
 * the office's stream may have drawn the card again (a new revision) before the answer came.
 */
function tell(a, text, kind) {
    said.set(a.id, [text, kind]);
    const status = list.querySelector(`li[data-id="${CSS.escape(a.id)}"] > [role=status]`);
    if (status) say(/** @type {HTMLElement} */ (status), text, kind);
}

function position() {
    return new Promise(resolve => {
        if (!navigator.geolocation) return resolve(null);
        navigator.geolocation.getCurrentPosition(p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
            () => resolve(null), { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
    });
}

function stepButton(a, step, label) {
    const button = el("button", { type: "button", class: "button", "data-step": step }, t(label));
    button.addEventListener("click", async () => {
        button.disabled = true;
        const where = await position();
        const result = await api("POST", `/api/reports/${a.id}/progress`, { step, revision: a.revision, ...(where ?? {}) });
        if (result.ok) { tell(a, t("team.stepSaved", t(label)), "ok"); await load(); }
        else { tell(a, result.data?.title ? problemText(result.data) : failureText(result), "error"); button.disabled = false; await load(); }
    });
    return button;
}

function findingsForm(a) {
    const id = s => `${s}-${a.id}`;
    const outcome = el("select", { id: id("outcome"), name: "outcome" },
        ...["NoViolation", "Warning", "AdministrativeAction", "ReferredToPolice"].map(o => el("option", { value: o, selected: a.outcome === o }, t(`outcome.${o}`))));
    const count = el("input", { id: id("foreignersChecked"), name: "foreignersChecked", type: "number", min: 0, max: 500, inputmode: "numeric",
        value: a.foreignersChecked ?? 1 });
    const note = el("textarea", { id: id("note"), name: "note", rows: 3, maxlength: 2000 });
    note.value = a.findingsNote ?? "";
    const photos = el("input", { id: id("photos"), name: "photos", type: "file", accept: "image/jpeg,image/png,image/webp", multiple: true });
    const form = el("form", { class: "findings", novalidate: true, "data-findings": a.id },
        el("h3", {}, t("team.findings")),
        el("div", { class: "field" }, el("label", { for: id("outcome") }, t("team.outcome")), outcome),
        el("div", { class: "field" }, el("label", { for: id("foreignersChecked") }, t("team.foreignersChecked")), count),
        el("div", { class: "field" }, el("label", { for: id("note") }, t("team.note")), note),
        el("div", { class: "field" }, el("label", { for: id("photos") }, t("team.photos")), photos),
        el("button", { type: "submit", class: "button secondary" }, t("team.saveFindings")));
    form.addEventListener("submit", async e => {
        e.preventDefault();
        const data = new FormData(form);
        data.append("revision", a.revision);
        let response;
        try {
            response = await fetch(`/api/reports/${a.id}/findings`, { method: "POST", body: data, credentials: "same-origin", headers: sessionHeaders({ Accept: "application/json" }) });
        } catch {
            return tell(a, t("api.offline"), "error");
        }
        const body = await response.json().catch(() => null);
        if (response.ok) { tell(a, t("team.findingsSaved"), "ok"); await load(); }
        else tell(a, body?.errors ? errorsText(body) : (body?.title ? problemText(body) : failureText({ status: response.status })), "error");
    });
    return form;
}

function closeForm(a) {
    const note = el("textarea", { id: `close-note-${a.id}`, rows: 2, maxlength: 500 });
    const button = el("button", { type: "submit", class: "button", disabled: !a.outcome }, t("team.resolve"));
    const form = el("form", { class: "close", novalidate: true, "data-close": a.id },
        el("div", { class: "field" }, el("label", { for: `close-note-${a.id}` }, t("team.closeNote")), note), button);
    form.addEventListener("submit", async e => {
        e.preventDefault();
        button.disabled = true;
        // The field says it is for the reporter: it goes as the public note (an officer's "note" stays internal).
        const result = await api("POST", `/api/reports/${a.id}/close`, { publicNote: note.value.trim() || undefined, revision: a.revision });
        if (result.ok) { tell(a, t("team.resolved"), "ok"); setTimeout(load, 1500); }
        else { tell(a, result.data?.title ? problemText(result.data) : failureText(result), "error"); button.disabled = false; }
    });
    return form;
}

function checkFromReport(a) {
    document.getElementById("reportId").value = a.id;
    const purpose = document.getElementById("purpose");
    if (!purpose.value) purpose.value = t("field.purposeReport");
    if (a.personNationality) document.getElementById("nationality").value = a.personNationality;
    const hint = document.getElementById("check-for-report");
    hint.textContent = t("team.checkingFor", a.ticket);
    hint.hidden = false;
    document.getElementById("check-form").scrollIntoView({ behavior: "smooth" });
}

/**
 * The links to the assignment's destination: geo: (the phone hands it to its map app, the label naming the pin) and a
 * web map beside it for a phone without one. None without a destination: never a link to nowhere.
 */
function navigation(a) {
    const d = a.destination;
    if (!d) return null;
    const lat = d.latitude.toFixed(6), lon = d.longitude.toFixed(6);
    // encodeURIComponent leaves parentheses, which would close geo:'s label early.
    const label = encodeURIComponent(a.place ?? a.ticket).replace(/\(/g, "%28").replace(/\)/g, "%29");
    return el("div", { class: "navigate" },
        el("p", { class: "button-row" },
            el("a", { class: "button secondary", href: `geo:${lat},${lon}?q=${lat},${lon}(${label})`, "data-navigate": "app" }, t("team.navigate")),
            el("a", { href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`, target: "_blank", rel: "noopener noreferrer",
                "data-navigate": "web" }, t("team.webMap"))),
        d.villageCentre ? el("p", { class: "hint", "data-village-centre": "true" }, t("team.toVillageCentre")) : null);
}

function card(a) {
    const status = el("p", { class: "notice", role: "status", hidden: true });
    const kept = said.get(a.id);
    if (kept) say(status, kept[0], kept[1]);
    const actions = el("div", { class: "button-row" });
    if (a.status === "Dispatched") actions.append(stepButton(a, "EnRoute", "team.enRoute"));
    if (a.status === "Dispatched" || a.status === "EnRoute") actions.append(stepButton(a, "OnSite", "team.onSite"));
    const onSite = a.status === "OnSite";
    if (onSite) {
        const check = el("button", { type: "button", class: "button secondary", "data-check": a.id }, t("team.checkPerson"));
        check.addEventListener("click", () => checkFromReport(a));
        actions.append(check);
    }
    const where = [placeName(a.place, a.villageCode), a.address].filter(Boolean).flatMap((p, i) => (i ? [" · ", p] : [p]));
    return el("li", { class: "card assignment", "data-id": a.id, "data-ticket": a.ticket, "data-status": a.status },
        el("div", { class: "card-head" }, el("span", { class: "name" }, a.ticket),
            el("span", { class: "badges" }, el("span", { class: "badge neutral", "data-status": a.status }, t(`reportStatus.${a.status}`)),
                a.priority !== "Normal" ? el("span", { class: `badge priority-${a.priority.toLowerCase()}` }, t(`priority.${a.priority}`)) : null)),
        facts([
            [t("console.category"), t(`reportCategory.${a.category}`)],
            [t("team.where"), where.length ? where : null, { "data-slot": "where" }],
            [t("console.position"), a.latitude !== null ? `${a.latitude.toFixed(5)}, ${a.longitude.toFixed(5)}` : null],
            [t("console.description"), a.description],
            [t("team.person"), [a.personName, countryName(a.personNationality), a.workplace].filter(Boolean).join(" · ")],
            [t("console.outcome"), a.outcome ? t(`outcome.${a.outcome}`) : null],
            [t("team.findings"), a.fieldChecks ? t("team.checks", formatNumber(a.fieldChecks)) : null],
        ]),
        navigation(a),
        actions,
        onSite ? findingsForm(a) : null,
        onSite ? closeForm(a) : null,
        status);
}

async function load() {
    const result = await api("GET", "/api/assignments");
    if (!result.ok) return;
    const fresh = result.data.filter(a => !known.has(a.id));
    for (const a of result.data) known.add(a.id);
    if (!first && fresh.length > 0) {
        banner.textContent = t("team.newAssignment", fresh[0].ticket, t(`reportCategory.${fresh[0].category}`));
        banner.hidden = false;
        navigator.vibrate?.(300);
    }
    first = false;
    // Keep what the officer is typing: redraw only the cards whose report changed.
    const shown = new Map([...list.children].map(li => [li.dataset.id, li]));
    const next = result.data.map(a => {
        const old = shown.get(a.id);
        return old && old.dataset.revision === String(a.revision) ? old : card(a);
    });
    for (const [i, a] of result.data.entries()) next[i].dataset.revision = String(a.revision);
    list.replaceChildren(...next);
    none.hidden = result.data.length > 0;
    settle(result.data);
}

/**
 * What refers to a report no longer on site (resolved, or taken from the team) goes with it: the check form's tie to
 * it, the purpose filled in for it, the "new report" banner.
 * @param {any[]} assignments
 */
function settle(assignments) {
    const reportId = /** @type {HTMLInputElement} */ (document.getElementById("reportId"));
    if (reportId.value && !assignments.some(a => a.id === reportId.value && a.status === "OnSite")) {
        reportId.value = "";
        const purpose = /** @type {HTMLInputElement} */ (document.getElementById("purpose"));
        if (purpose.value === t("field.purposeReport")) purpose.value = "";
        document.getElementById("check-for-report").hidden = true;
    }
    if (!banner.hidden && !assignments.some(a => banner.textContent?.includes(a.ticket))) banner.hidden = true;
    for (const id of said.keys()) if (!assignments.some(a => a.id === id)) said.delete(id);
}

function connect() {
    follow("/api/events", {
        on: { ready: () => load(), report: () => load() },
        state: state => { live.dataset.state = state; live.textContent = t(`console.${state}`); },
        retrying: load,
    });
}

await load();
connect();
