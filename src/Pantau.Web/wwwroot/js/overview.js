// @ts-check
// The operations overview (/console/overview) for a regional division or the national admin: every office's load and
// open reports and teams from GET /api/operations/overview, all offices together or one, on a list and a map. It is
// read again when the overview's event stream says a report of those offices moved, and every minute (ages and SLA
// clocks run on without events). Read only, but for one thing: a report that went
// up to the caller (its office has no staff, or no team) comes first, with the form that hands it to an office.
import { t, api, el, formatNumber, formatTime, placeName, say, problemText, failureText } from "./pantau.js";
import { newMap } from "./map.js";
import { follow } from "./live.js";
import { reportMarker, teamMarker, ageText } from "./ops-map.js";

const $ = id => document.getElementById(id);
const picker = $("office");
const mapBox = $("overview-map");
/** @type {import("leaflet").Map | null} */
let map = null;
/** @type {import("leaflet").LayerGroup | null} */
let layer = null;
let fitted = "";
/** Every office the caller oversees (the list of the unfiltered overview): where a report can be handed. */
let covered = [];
if (window.L) {
    map = newMap(mapBox, [-2.5, 118], 5);
    layer = L.layerGroup().addTo(map);
}

async function load() {
    const chosen = picker.value;
    const result = await api("GET", "/api/operations/overview" + (chosen ? `?officeId=${encodeURIComponent(chosen)}` : ""));
    if (!result.ok) return;
    const { offices, reports, teams } = result.data;
    const names = new Map(offices.map(o => [o.officeId, o.name]));
    if (!chosen) {
        covered = offices;
        picker.replaceChildren(picker.options[0], ...offices.map(o => el("option", { value: o.officeId }, o.name)));
        picker.value = "";
    }
    $("loads").tBodies[0].replaceChildren(...offices.map(o => el("tr", { "data-office": o.officeId },
        el("th", { scope: "row" }, o.name), el("td", { class: "num" }, formatNumber(o.open)), el("td", { class: "num" }, formatNumber(o.late)),
        el("td", { class: "num" }, formatNumber(o.escalated)))));
    $("reports").replaceChildren(...reports.map(item => el("li", { class: `card report-card${item.overdue.length ? " overdue" : ""}${item.escalation ? " escalated" : ""}`,
            "data-ticket": item.ticket, "data-office": item.officeId, "data-escalation": item.escalation ?? "" },
        el("div", { class: "card-head" }, el("strong", {}, item.ticket),
            el("span", { class: "badges" }, el("span", { class: "badge neutral" }, t(`reportStatus.${item.status}`)),
                item.escalation ? el("span", { class: "badge expiring" }, t(`overview.escalated.${item.escalation}`)) : null,
                ...item.overdue.map(s => el("span", { class: "badge expired" }, t(`sla.late.${s}`))))),
        el("p", {}, el("strong", {}, t(`reportCategory.${item.category}`)), " · ", placeName(item.place, item.villageCode) ?? "", " · ", ageText(item)),
        el("p", { class: "muted" }, names.get(item.officeId) ?? covered.find(o => o.officeId === item.officeId)?.name ?? ""),
        item.escalation ? handOverForm(item) : null)));
    $("report-count").textContent = `(${formatNumber(reports.length)})`;
    $("no-reports").hidden = reports.length > 0;
    $("updated").textContent = t("overview.updated", formatTime(new Date().toISOString()));
    const pinned = reports.filter(item => item.pin);
    const placed = teams.filter(team => team.position);
    mapBox.dataset.tickets = pinned.map(item => item.ticket).join(" ");
    mapBox.dataset.teamStates = placed.map(team => `${team.teamId}:${team.state}`).join(" ");
    $("teams").tBodies[0].replaceChildren(...teams.map(team => el("tr", { "data-team": team.teamId },
        el("th", { scope: "row" }, team.name), el("td", {}, names.get(team.officeId) ?? ""),
        el("td", {}, team.onDuty ? t(`console.teamState.${team.state}`) : t("overview.offDuty")),
        el("td", {}, team.position ? formatTime(team.position.at) : t("overview.noPosition")))));
    $("no-teams").hidden = teams.length > 0;
    if (!map) return;
    layer.clearLayers();
    for (const item of pinned) reportMarker(item, false).addTo(layer);
    for (const team of placed) teamMarker(team).addTo(layer);
    const points = [...pinned.map(item => [item.pin.latitude, item.pin.longitude]), ...placed.map(team => [team.position.latitude, team.position.longitude])];
    if (points.length && fitted !== chosen) {
        fitted = chosen;
        map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 14 });
    }
}

/** The form that hands an escalated report to another office of the caller's area. */
function handOverForm(item) {
    const id = `hand-over-${item.id}`;
    const select = el("select", { id, name: "forwardTo" },
        ...covered.filter(o => o.officeId !== item.officeId).map(o => el("option", { value: o.officeId }, o.name)));
    const state = el("p", { class: "notice", role: "status", hidden: "" });
    const form = el("form", { class: "hand-over", novalidate: "" },
        el("div", { class: "field" }, el("label", { for: id }, t("overview.handOverTo")), select),
        el("button", { type: "submit", class: "button" }, t("overview.handOver")), state);
    form.addEventListener("submit", async event => {
        event.preventDefault();
        const result = await api("POST", `/api/operations/escalations/${item.id}/forward`, { forwardTo: Number(select.value), revision: item.revision });
        if (result.ok) await load();
        else say(state, result.status === 409 ? problemText(result.data, "api.conflict") : failureText(result), "error");
    });
    return form;
}

/** @type {import("./live.js").Following | null} */
let stream = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending;
// A burst of changes is one reading; never while a hand-over is being chosen (redrawing would take the form from under the hand).
const busy = () => $("reports").contains(document.activeElement);
function soon() {
    clearTimeout(pending);
    pending = setTimeout(() => busy() ? soon() : load(), 500);
}
function listen() {
    stream?.close();
    const chosen = picker.value;
    stream = follow("/api/operations/overview/events" + (chosen ? `?officeId=${encodeURIComponent(chosen)}` : ""), {
        // "ready" starts every stream, the first and each after a break: a reading from then on misses nothing.
        on: { ready: soon, changed: soon },
        state: live => { mapBox.dataset.live = live; },
        retrying: soon,
    });
}

picker.addEventListener("change", async () => { listen(); await load(); });
listen();
await load();
setInterval(() => { if (!busy()) load(); }, 60000);
