// @ts-check
// The office head's live view of field activity (page /supervisor): each officer's last position on a Leaflet map and
// in a list, the day's timeline, an officer's day on request, and new pings as they come over server-sent events. The
// map also shows what the console's shows (the open reports, the teams by state), and a team's route of the day.
// Without map tiles (offline) the map stays grey, and the markers, the list and the timeline work all the same.
import { t, api, el, formatTime, localDay, placeName } from "./pantau.js";
import { newMap } from "./map.js";
import { reportMarker, teamMarker, showDispatchGap } from "./ops-map.js";
import { follow } from "./live.js";

const $ = id => document.getElementById(id);
const live = $("live-status");
const mapBox = $("map");
const latest = new Map();   // officerId → their latest ping
const markers = new Map();  // officerId → marker
const onTimeline = new Set(); // ping ids already shown
const TimelineLimit = 300;
const colours = { PatrolStarted: "#0b4f8a", Arrived: "#8a5a00", CheckDone: "#1e7b34", PatrolEnded: "#4d5561", Position: "#6b3fa0", SetOut: "#0b4f8a" };

// ---- The map ----
let map = null;
let route = null;
let reportLayer = null;
let teamLayer = null;
if (window.L) {
    map = newMap(mapBox, [-6.2, 106.75], 10);
    reportLayer = L.layerGroup().addTo(map);
    teamLayer = L.layerGroup().addTo(map);
} else {
    mapBox.hidden = true;
}

function place(p) {
    mapBox.dataset.markers = String(markers.size);
    if (!map) return;
    const style = { radius: 9, color: "#fff", weight: 2, fillColor: colours[p.activity] ?? colours.Position, fillOpacity: 0.95, className: "officer-pin" };
    let marker = markers.get(p.officerId);
    if (!marker) {
        marker = L.circleMarker([p.latitude, p.longitude], style).addTo(map);
        marker.on("click", () => showHistory(p.officerId));
        markers.set(p.officerId, marker);
    } else {
        marker.setLatLng([p.latitude, p.longitude]).setStyle(style);
    }
    // Leaflet puts a string tooltip in as HTML: the officer's name (typed by an office admin) goes in as a text node.
    marker.bindTooltip(el("span", { class: "tooltip-text" }, [p.officerName, t(`activity.${p.activity}`), formatTime(p.at), p.place].filter(Boolean).join(" · ")));
    mapBox.dataset.markers = String(markers.size);
}

function fitAll() {
    if (map && markers.size) map.fitBounds(L.latLngBounds([...markers.values()].map(m => m.getLatLng())).pad(0.3), { maxZoom: 15 });
}

// ---- The officers and the timeline ----
const activityBadge = a => el("span", { class: `badge activity ${a.toLowerCase()}`, "data-activity": a }, t(`activity.${a}`));

function officerCard(p) {
    return el("li", { class: "card officer", "data-officer": p.officerId, "data-activity": p.activity },
        el("div", { class: "card-head" }, el("strong", {}, p.officerName), activityBadge(p.activity)),
        el("p", { class: "muted" }, t("supervisor.lastSeen", formatTime(p.at)), " · ",
            // The kelurahan the ping came from; the bare position only at sea or abroad.
            placeName(p.place, null) ?? el("span", { class: "mono" }, `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`)),
        p.note ? el("p", {}, p.note) : null,
        el("div", { class: "actions" },
            el("button", { type: "button", class: "button secondary", "data-history": p.officerId }, t("supervisor.history")),
            map ? el("button", { type: "button", class: "button secondary", "data-locate": p.officerId }, t("supervisor.locate")) : null));
}

function showOfficers() {
    const list = [...latest.values()].sort((a, b) => a.officerName.localeCompare(b.officerName));
    $("officers").replaceChildren(...list.map(officerCard));
    $("no-officers").hidden = list.length > 0;
}

const entry = (p, fresh) => el("li", { "data-position": p.id, "data-officer": p.officerId, "data-activity": p.activity, "data-at": p.at, class: fresh ? "fresh" : null },
    el("time", { datetime: p.at }, formatTime(p.at)), " ", el("strong", {}, p.officerName), " · ", t(`activity.${p.activity}`),
    p.place ? ` · ${p.place}` : null, p.note ? ` · ${p.note}` : null);

/** Newest first; a ping that waited on a phone without network takes its place by its own time. */
function addToTimeline(p, fresh) {
    if (onTimeline.has(p.id)) return;
    onTimeline.add(p.id);
    const timeline = $("timeline");
    const later = [...timeline.children].find(li => new Date(li.dataset.at) < new Date(p.at));
    timeline.insertBefore(entry(p, fresh), later ?? null);
    while (timeline.children.length > TimelineLimit) timeline.lastElementChild.remove();
    $("no-activity").hidden = true;
}

function apply(p, fresh) {
    const known = latest.get(p.officerId);
    if (!known || new Date(p.at) >= new Date(known.at)) {
        latest.set(p.officerId, p);
        place(p);
        showOfficers();
    }
    addToTimeline(p, fresh);
    if (opened.officer === p.officerId && !opened.day) {
        $("history").append(entry(p, fresh));
        route?.addLatLng([p.latitude, p.longitude]);
    }
}

async function refresh() {
    const [officers, today] = await Promise.all([api("GET", "/api/field/officers"), api("GET", "/api/field/positions")]);
    if (officers.ok) officers.data.forEach(p => apply(p, false));
    if (today.ok) today.data.forEach(p => addToTimeline(p, false));
    $("no-officers").hidden = latest.size > 0;
    $("no-activity").hidden = $("timeline").children.length > 0;
    fitAll();
}

// ---- One officer's day ----
const opened = { officer: null, day: null };

async function showHistory(officerId, day = null) {
    opened.officer = officerId;
    opened.day = day;
    const name = latest.get(officerId)?.officerName ?? "";
    $("history-heading").textContent = t("supervisor.historyOf", name);
    $("history-date").value = day ?? localDay();
    $("history-section").hidden = false;
    const r = await api("GET", `/api/field/positions?officer=${encodeURIComponent(officerId)}` + (day ? `&date=${day}` : ""));
    const pings = r.ok ? r.data : [];
    $("history").replaceChildren(...(pings.length ? pings.map(p => entry(p, false)) : [el("li", { class: "muted" }, t("supervisor.noActivity"))]));
    if (map) {
        route?.remove();
        route = L.polyline(pings.map(p => [p.latitude, p.longitude]), { color: "#0b4f8a", weight: 3, dashArray: "6 6" }).addTo(map);
        if (pings.length) map.fitBounds(route.getBounds().pad(0.3), { maxZoom: 16 });
    }
    $("history-section").scrollIntoView({ block: "start" });
}

$("officers").addEventListener("click", e => {
    const historyButton = e.target.closest("button[data-history]");
    if (historyButton) return showHistory(historyButton.dataset.history);
    const locate = e.target.closest("button[data-locate]");
    const marker = locate && markers.get(locate.dataset.locate);
    if (marker) {
        map.setView(marker.getLatLng(), 16);
        marker.openTooltip();
        mapBox.scrollIntoView({ block: "start" });
    }
});
$("history-date").addEventListener("change", e => { if (opened.officer && e.target.value) showHistory(opened.officer, e.target.value); });
$("history-close").addEventListener("click", () => {
    opened.officer = null;
    $("history-section").hidden = true;
    route?.remove();
    route = null;
});

// ---- Live ----
function setLive(state) {
    live.dataset.state = state;
    live.textContent = t(`supervisor.${state}`);
}

function connect() {
    follow("/api/field/stream", {
        // Listening from "ready" on (at the start and after every break): reading the day now misses nothing.
        on: { ready: refresh, position: e => apply(JSON.parse(e.data), true) },
        state: setLive,
    });
}

// ---- Teams: on duty or not, and what each is doing; redrawn when a report moves (the office's queue events) ----
/** The office's open reports and its teams, as last read: together they tell whether anyone can be sent. */
let reportsNow = [];
let teamsNow = [];

async function loadTeams() {
    const result = await api("GET", "/api/operations/teams");
    if (!result.ok) return;
    $("no-teams").hidden = result.data.length > 0;
    $("teams").replaceChildren(...result.data.map(team => el("li", { class: "card team", "data-team": team.teamId, "data-on-duty": team.onDuty },
        el("div", { class: "card-head" }, el("span", { class: "name" }, team.name),
            el("span", { class: `badge ${team.onDuty ? "valid" : "cancelled"}` }, t(team.onDuty ? "console.onDuty" : "console.offDuty"))),
        team.assignments.length === 0 ? el("p", { class: "muted" }, t("supervisor.teamFree"))
            : el("ul", { class: "plain" }, ...team.assignments.map(a => el("li", { "data-ticket": a.ticket, "data-status": a.status },
                el("strong", {}, a.ticket), ` · ${t(`reportStatus.${a.status}`)} · ${t("supervisor.since", formatTime(a.since))}`))),
        el("div", { class: "actions" },
            el("button", { type: "button", class: "button secondary", "data-route": team.teamId, "data-name": team.name }, t("supervisor.teamRoute"))),
        el("p", { class: "muted", "data-route-summary": team.teamId, hidden: true }))));
    teamsNow = result.data;
    showDispatchGap($("dispatch-gap"), reportsNow, teamsNow);
    const placed = result.data.filter(team => team.position);
    mapBox.dataset.teams = String(placed.length);
    if (teamLayer) {
        teamLayer.clearLayers();
        for (const team of placed) teamMarker(team).addTo(teamLayer);
    }
}

/** The office's open reports on the map, as the console shows them. */
async function loadReports() {
    const result = await api("GET", "/api/reports");
    if (!result.ok) return;
    reportsNow = result.data;
    showDispatchGap($("dispatch-gap"), reportsNow, teamsNow);
    const shown = result.data.filter(item => item.pin && ["Verified", "Accepted", "Dispatched", "EnRoute", "OnSite"].includes(item.status));
    mapBox.dataset.tickets = shown.map(item => item.ticket).join(" ");
    if (!reportLayer) return;
    reportLayer.clearLayers();
    for (const item of shown) reportMarker(item, false).addTo(reportLayer);
}

/** A team's route of the day: its members' pings, in the order they were sent. @param {string} teamId @param {string} name */
async function showTeamRoute(teamId, name) {
    const teams = await api("GET", "/api/teams");
    const members = teams.ok ? (teams.data.find(team => String(team.id) === teamId)?.members ?? []).filter(m => m.staffUserId) : [];
    const days = await Promise.all(members.map(m => api("GET", `/api/field/positions?officer=${encodeURIComponent(m.staffUserId)}`)));
    const pings = days.flatMap(r => (r.ok ? r.data : [])).sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    const summary = document.querySelector(`[data-route-summary="${CSS.escape(teamId)}"]`);
    if (summary) {
        summary.textContent = pings.length ? t("supervisor.teamRouteOf", name, pings.length) : t("supervisor.noRoute");
        summary.hidden = false;
    }
    mapBox.dataset.route = String(pings.length);
    if (!map) return;
    route?.remove();
    route = L.polyline(pings.map(p => [p.latitude, p.longitude]), { color: "#1e7b34", weight: 4 }).addTo(map);
    if (pings.length) map.fitBounds(route.getBounds().pad(0.3), { maxZoom: 16 });
    mapBox.scrollIntoView({ block: "start" });
}

$("teams").addEventListener("click", e => {
    const button = e.target.closest("button[data-route]");
    if (button) showTeamRoute(button.dataset.route, button.dataset.name);
});

function followTeams() {
    const load = () => { loadTeams(); loadReports(); };
    follow("/api/events", { on: { ready: load, report: load } });
}

await Promise.all([refresh(), loadTeams(), loadReports()]);
connect();
followTeams();
