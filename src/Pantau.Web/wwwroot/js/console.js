// @ts-check
// The operations console (/console): the office's queue ordered by urgency, live over /api/events (the browser's
// EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed), an alert seen and
// heard for each new report, and the officer's decisions: triage, dispatch, messages with the reporter. Beside the
// queue, a map of the open reports (clustered, coloured by SLA state and priority) and of the teams where a member's
// phone last was; on a phone the list comes first and the map is one tap away. Keyboard shortcuts for the frequent
// actions are listed on the page.
import { t, api, el, countryName, facts, say, failureText, problemText, formatTime, formatNumber, placeName } from "./pantau.js";
import { follow } from "./live.js";
import { newMap } from "./map.js";
import { reportMarker, teamMarker, showDispatchGap, ageText } from "./ops-map.js";

const root = document.getElementById("console");
const office = Number(root.dataset.office);
const live = document.getElementById("live-status");
const queue = document.getElementById("queue");
const detail = document.getElementById("detail");
const detailBody = document.getElementById("detail-body");
const detailStatus = document.getElementById("detail-status");
const banner = document.getElementById("new-report");
const soundButton = document.getElementById("sound");

const OPEN = ["Verified", "Accepted", "Dispatched", "EnRoute", "OnSite"];
const items = new Map();
const fresh = new Set();
let selected = null;
let report = null;
let offices = [];
let teams = null;
let audio = null;
let unseen = 0;
const baseTitle = document.title;

// ---- Queue ----
/** The parts that are there, with " · " between them. @param {unknown[]} parts */
const separated = parts => parts.filter(p => p !== null && p !== undefined && p !== "").flatMap((p, i) => (i ? [" · ", p] : [p]));

function card(item) {
    const late = item.overdue.length > 0;
    const badges = el("span", { class: "badges" },
        el("span", { class: "badge neutral", "data-status": item.status }, t(`reportStatus.${item.status}`)),
        item.priority !== "Normal" ? el("span", { class: `badge priority-${item.priority.toLowerCase()}` }, t(`priority.${item.priority}`)) : null,
        item.unreadReplies > 0 ? el("span", { class: "badge expiring", "data-unread": item.unreadReplies }, t("console.unread", item.unreadReplies)) : null,
        ...item.overdue.map(s => el("span", { class: "badge expired", "data-late": s }, t(`sla.late.${s}`))));
    return el("li", {
        class: `card report-card${late ? " overdue" : ""}${fresh.has(item.id) ? " fresh" : ""}${selected === item.id ? " selected" : ""}`,
        "data-id": item.id, "data-ticket": item.ticket, "data-status": item.status,
    },
        el("div", { class: "card-head" },
            el("button", { type: "button", class: "linklike name", "data-open": item.id }, item.ticket),
            badges),
        el("p", {}, ...separated([el("strong", {}, t(`reportCategory.${item.category}`)), placeName(item.place, item.villageCode), ageText(item)])),
        el("p", { class: "breakable" }, item.description),
        el("p", { class: "muted" }, t("console.reporters", item.independentReporters), " · ",
            ...separated([item.client ? t("console.viaClient", item.client) : null,
                item.trustedReporter ? t("console.trusted") : t("console.credibility", Math.round(item.credibility * 100))])));
}

function render() {
    const list = [...items.values()].sort((a, b) => b.urgency - a.urgency);
    queue.replaceChildren(...list.map(card));
    document.getElementById("queue-count").textContent = `(${formatNumber(list.length)})`;
    document.getElementById("queue-empty").hidden = list.length > 0;
    drawSummary();
    // The "new report" banner goes once its report has left the queue (resolved, rejected, merged, handed over).
    if (!banner.hidden && !list.some(i => i.ticket === banner.dataset.ticket)) banner.hidden = true;
    for (const select of [document.getElementById("into")]) fillMergeTargets(select);
    drawReports(list);
    if (teams) showDispatchGap(document.getElementById("dispatch-gap"), list, teams);
}

let drawn = false;
async function loadQueue() {
    const result = await api("GET", "/api/reports");
    if (!result.ok) return;
    // After the first reading, a report this screen has not shown is new to it however it came: in a reading on "ready"
    // (it came before the stream listened), after a break, or in the minute's safety net. Announced as if it came live.
    const arrived = drawn ? result.data.filter(item => !items.has(item.id) && item.status === "Verified") : [];
    items.clear();
    for (const item of result.data) items.set(item.id, item);
    drawn = true;
    arrived.forEach(announce);
    render();
}

queue.addEventListener("click", e => {
    const id = e.target.closest("[data-open]")?.dataset.open;
    if (id) openReport(id);
});

// ---- The map ----
const mapBox = document.getElementById("console-map");
const mapPanel = document.getElementById("map-panel");
const mapToggle = document.getElementById("map-toggle");
const wide = window.matchMedia("(min-width: 1100px)");
/** @type {import("leaflet").Map | null} */
let map = null;
/** @type {import("leaflet").MarkerClusterGroup | import("leaflet").LayerGroup | null} */
let reportLayer = null;
/** @type {import("leaflet").LayerGroup | null} */
let teamLayer = null;
let fitted = false;
const reportMarkers = new Map(); // report id → marker

if (window.L) {
    map = newMap(mapBox, [-6.2, 106.75], 10);
    // Reports close together form one numbered cluster; a click on it zooms in.
    reportLayer = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup({ maxClusterRadius: 40 }) : L.layerGroup();
    reportLayer.addTo(map);
    teamLayer = L.layerGroup().addTo(map);
}

/** @param {any[]} list */
function drawReports(list) {
    mapBox.dataset.tickets = list.filter(i => i.pin).map(i => i.ticket).join(" ");
    if (!map) return;
    reportLayer.clearLayers();
    reportMarkers.clear();
    for (const item of list) {
        if (!item.pin) continue;
        const marker = reportMarker(item, item.id === selected);
        marker.on("click", () => openReport(item.id));
        reportLayer.addLayer(marker);
        reportMarkers.set(item.id, marker);
    }
}

/** Once, when the map is first seen: every report and team in view. */
function fitAll() {
    if (!map || fitted || !isMapShown()) return;
    const points = [...reportMarkers.values(), ...teamLayer.getLayers()].map(m => /** @type {any} */ (m).getLatLng());
    if (!points.length) return;
    fitted = true;
    map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 15 });
}

/** The teams where a member's phone last was, with what they are doing. */
async function loadTeamPositions() {
    const found = await api("GET", "/api/operations/teams");
    if (!found.ok) return;
    /** @type {Array<{teamId: number, name: string, onDuty: boolean, state: string, position: {latitude: number, longitude: number, at: string} | null}>} */
    const placed = found.data.filter(team => team.position);
    mapBox.dataset.teams = String(placed.length);
    mapBox.dataset.teamStates = placed.map(team => `${team.teamId}:${team.state}`).join(" ");
    if (!map) return;
    teamLayer.clearLayers();
    for (const team of placed) teamMarker(team).addTo(teamLayer);
}

const isMapShown = () => wide.matches || !mapPanel.classList.contains("collapsed");

/** On a phone the map waits behind a button; on a wide screen it is always there. @param {boolean} [show] */
function toggleMap(show) {
    const open = show ?? mapPanel.classList.contains("collapsed");
    mapPanel.classList.toggle("collapsed", !open);
    mapToggle.setAttribute("aria-expanded", String(open));
    mapToggle.textContent = t(open ? "console.hideMap" : "console.showMap");
    if (open && map) {
        map.invalidateSize();
        fitAll();
        if (!wide.matches) mapPanel.scrollIntoView({ block: "start" });
    }
}
mapPanel.classList.add("collapsed");
mapToggle.addEventListener("click", () => toggleMap());
wide.addEventListener("change", () => map?.invalidateSize());

/** The selected report, centred on the map (if it has a place to show). */
function showOnMap(id) {
    const marker = reportMarkers.get(id);
    if (!map || !marker || !isMapShown()) return;
    const zoom = Math.max(map.getZoom(), 14);
    if (reportLayer instanceof L.MarkerClusterGroup) reportLayer.zoomToShowLayer(marker, () => marker.openTooltip());
    else map.setView(marker.getLatLng(), zoom);
}

// ---- Live ----
function setLive(state) {
    live.dataset.state = state;
    live.textContent = t(`console.${state}`);
}

function beep() {
    if (!audio) return;
    const now = audio.currentTime;
    for (const at of [0, 0.25]) {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.setValueAtTime(0.2, now + at);
        gain.gain.exponentialRampToValueAtTime(0.001, now + at + 0.2);
        tone.connect(gain).connect(audio.destination);
        tone.start(now + at);
        tone.stop(now + at + 0.2);
    }
}

function announce(item) {
    fresh.add(item.id);
    unseen++;
    document.title = `(${unseen}) ${baseTitle}`;
    banner.textContent = t("console.newReport", item.ticket, t(`reportCategory.${item.category}`));
    banner.hidden = false;
    banner.dataset.ticket = item.ticket;
    beep();
}

function upsert(item) {
    const known = items.has(item.id);
    if (item.officeId !== office || !OPEN.includes(item.status)) items.delete(item.id);
    else {
        items.set(item.id, item);
        if (!known && item.status === "Verified") announce(item);
    }
    render();
    if (selected === item.id) openReport(item.id, true);
    scheduleSummary();
    scheduleTeams();
}

let teamsTimer = null;
function scheduleTeams() {
    clearTimeout(teamsTimer);
    teamsTimer = setTimeout(loadTeamPositions, 1500);
}

function connect() {
    follow("/api/events", {
        on: {
            // Listening from here on: the queue read now misses nothing that happened before (nor since, which comes live).
            ready: () => loadQueue(),
            report: e => upsert(JSON.parse(e.data)),
        },
        state: setLive,
        retrying: loadQueue,
    });
}

banner.addEventListener("click", () => {
    const item = [...items.values()].find(i => i.ticket === banner.dataset.ticket);
    if (item) openReport(item.id);
});

document.addEventListener("visibilitychange", () => {
    if (!document.hidden) { unseen = 0; document.title = baseTitle; }
});

soundButton.addEventListener("click", async () => {
    // Browsers let a page make sound only after the user asked for it.
    if (!audio) {
        audio = new AudioContext();
        await audio.resume();
        soundButton.textContent = t("console.soundOff");
        soundButton.setAttribute("aria-pressed", "true");
        beep();
    } else {
        await audio.close();
        audio = null;
        soundButton.textContent = t("console.soundOn");
        soundButton.setAttribute("aria-pressed", "false");
    }
});

// ---- Summary ----
let summaryTimer = null;
function scheduleSummary() {
    clearTimeout(summaryTimer);
    summaryTimer = setTimeout(loadSummary, 1500);
}

function minutes(value) {
    return value === null || value === undefined ? "–" : t("console.minutes", formatNumber(value));
}

/** @type {any} */
let summary = null;

async function loadSummary() {
    const result = await api("GET", "/api/reports/summary");
    if (!result.ok) return;
    summary = result.data;
    drawSummary();
}

/**
 * Today's figures beside the queue: what is waiting is the queue itself (counted here, so the two never disagree, and
 * reports from earlier days count too); the rest is the office's day as the server counted it.
 */
function drawSummary() {
    const s = summary;
    if (!s) return;
    const pairs = [
        [t("console.sum.reports"), formatNumber(s.reports), "reports"], [t("console.sum.queued"), formatNumber(items.size), "queued"],
        [t("console.sum.resolved"), formatNumber(s.resolved)], [t("console.sum.rejected"), formatNumber(s.rejected)],
        [t("console.sum.overdue"), formatNumber(s.overdueReports)],
        ...["Triage", "Dispatch", "Arrival", "Resolution"].map(stage =>
            [t(`sla.median.${stage}`), `${minutes(s.medianMinutes[stage])} / ${minutes(s.targetMinutes[stage])}`]),
    ];
    document.getElementById("summary").replaceChildren(...pairs.map(([k, v, name]) => el("div", name ? { "data-figure": name } : {}, el("dt", {}, k), el("dd", {}, v))));
}

// ---- One report ----
/** A TimeSpan as .NET writes it ("1.02:03:04.5" or "02:03:04") in whole minutes. */
function totalMinutes(span) {
    const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span);
    return m ? Number(m[1] ?? 0) * 1440 + Number(m[2]) * 60 + Number(m[3]) : 0;
}

function clockText(c) {
    if (c.elapsed === null) return c.done ? t("sla.skipped") : t("sla.notStarted");
    const text = `${t("console.minutes", formatNumber(totalMinutes(c.elapsed)))} / ${t("console.minutes", formatNumber(totalMinutes(c.target)))}`;
    return `${text}${c.done ? "" : " …"}${c.overdue ? " · " + t("sla.overdue") : ""}`;
}

async function openReport(id, quiet) {
    selected = id;
    fresh.delete(id);
    const result = await api("GET", `/api/reports/${id}`);
    if (!result.ok) {
        if (result.status === 404) { items.delete(id); closeReport(); render(); }
        return;
    }
    report = result.data;
    detail.hidden = false;
    document.getElementById("detail-heading").textContent = t("console.report", report.ticket);
    if (!quiet) say(detailStatus, "");
    const photos = el("div", { class: "photos" }, ...Array.from({ length: report.photoCount }, (_, i) =>
        el("a", { href: `/api/reports/${report.id}/photos/${i}`, target: "_blank" },
            el("img", { src: `/api/reports/${report.id}/photos/${i}`, alt: t("console.photo", i + 1), loading: "lazy" }))));
    // The kelurahan by its name; its code, small, for whoever must type it elsewhere.
    const where = separated([placeName(report.place, report.villageCode, { withCode: true }), report.address]);
    detailBody.replaceChildren(
        facts([
            [t("console.status"), t(`reportStatus.${report.status}`), { "data-status": report.status }],
            [t("console.category"), t(`reportCategory.${report.category}`)],
            [t("console.priority"), t(`priority.${report.priority}`)],
            [t("console.occurredAt"), formatTime(report.occurredAt)],
            [t("console.where"), where.length ? where : null, { "data-slot": "where" }],
            [t("console.positionOffPlace"), report.positionOffPlaceMetres !== null ? t("console.positionOffPlaceBy", formatNumber(Math.round(report.positionOffPlaceMetres / 100) / 10)) : null],
            [t("console.position"), report.latitude !== null ? `${report.latitude.toFixed(5)}, ${report.longitude.toFixed(5)}` : null],
            [t("console.description"), report.description],
            [t("console.person"), [report.personName, countryName(report.personNationality), report.workplace].filter(Boolean).join(" · ")],
            [t("console.reporter"), report.reporterPhone ?? (report.trustedReporterId ? t("console.trusted") : null)],
            [t("console.client"), report.client],
            [t("console.reportersCount"), formatNumber(report.independentReporters)],
            [t("console.outcome"), report.outcome ? t(`outcome.${report.outcome}`) : null],
            [t("console.findings"), report.findingsNote],
        ], { id: "detail-facts" }),
        photos,
        el("h3", {}, t("console.clocks")),
        facts(report.clocks.map(c => [t(`sla.stage.${c.stage}`), clockText(c), { class: c.overdue ? "late" : null, "data-stage": c.stage }])),
        el("h3", {}, t("console.history")),
        el("ol", { class: "log" }, ...report.history.map(h =>
            el("li", {}, el("time", { datetime: h.at }, formatTime(h.at)), " · ", t(`reportStatus.${h.status}`), h.note ? el("p", { class: "step-note" }, h.note) : null))));
    document.getElementById("triage").hidden = report.status !== "Verified";
    document.getElementById("triage-priority").value = report.priority;
    // The dispatch block never vanishes: without a team (or none on duty) it says so and offers another office.
    const noTeam = !(teams?.length);
    document.getElementById("dispatch").hidden = !["Verified", "Accepted", "Dispatched"].includes(report.status);
    document.getElementById("no-team").hidden = !noTeam;
    document.getElementById("team-pick").hidden = noTeam;
    const stuck = report.status === "Accepted" && (noTeam || !teams.some(team => team.onDuty));
    document.getElementById("hand-over").hidden = !stuck;
    document.getElementById("escalate-block").hidden = !stuck && !report.escalation;
    document.getElementById("escalate").hidden = !!report.escalation;
    const escalated = document.getElementById("escalated");
    escalated.hidden = !report.escalation;
    if (report.escalation) escalated.textContent = t(`console.escalated.${report.escalation}`, formatTime(report.escalatedAt));
    if (!document.getElementById("dispatch").hidden && !noTeam) await loadTeamChoice(report.id);
    fillMergeTargets(document.getElementById("into"));
    await loadMessages();
    render();
    if (!quiet) showOnMap(id);
}

function closeReport() {
    selected = null;
    report = null;
    detail.hidden = true;
    render();
}
document.getElementById("detail-close").addEventListener("click", closeReport);

function fillMergeTargets(select) {
    if (!report) return;
    const options = [...items.values()].filter(i => i.id !== report.id && OPEN.includes(i.status))
        .map(i => el("option", { value: i.id }, `${i.ticket} · ${t(`reportCategory.${i.category}`)}`));
    select.replaceChildren(...options);
    document.getElementById("merge").disabled = options.length === 0;
}

async function decide(url, body, done) {
    const result = await api("POST", url, { ...body, revision: report.revision });
    if (result.ok) {
        say(detailStatus, t(done), "ok");
        if (result.data?.officeId !== undefined && result.data.officeId !== office) { items.delete(report.id); closeReport(); render(); return; }
        if (result.data?.id) upsert(await queueItemOf(result.data));
        await openReport(report.id, true);
    } else {
        say(detailStatus, result.status === 409 ? problemText(result.data, "api.conflict") : failureText(result), "error");
        if (result.status === 409) await openReport(report.id, true);
    }
}

// The queue item of a report just decided, until its event arrives with the rest.
async function queueItemOf(r) {
    const known = items.get(r.id) ?? {};
    return { ...known, id: r.id, ticket: r.ticket, officeId: r.officeId, category: r.category, status: r.status, priority: r.priority,
        revision: r.revision, overdue: known.overdue ?? [], urgency: known.urgency ?? 0, description: known.description ?? r.description,
        createdAt: r.createdAt, independentReporters: r.independentReporters, credibility: r.credibility, unreadReplies: r.unreadReplies,
        trustedReporter: r.trustedReporterId !== null, villageCode: r.villageCode, place: r.place, client: r.client, escalation: r.escalation };
}

const triageUrl = () => `/api/reports/${report.id}/triage`;
document.getElementById("accept").addEventListener("click", () =>
    decide(triageUrl(), { action: "Accept", priority: document.getElementById("triage-priority").value }, "console.accepted"));
document.getElementById("set-priority").addEventListener("click", () =>
    decide(triageUrl(), { action: "Prioritise", priority: document.getElementById("triage-priority").value }, "console.prioritised"));
const reason = document.getElementById("reject-reason");
reason.addEventListener("change", () => { document.getElementById("forward-field").hidden = reason.value !== "OutsideJurisdiction"; });
document.getElementById("reject").addEventListener("click", () => {
    const note = document.getElementById("reject-note").value.trim();
    const forwardTo = reason.value === "OutsideJurisdiction" ? Number(document.getElementById("forwardTo").value) : undefined;
    // The field says it is for the reporter: it goes as the public note (an officer's "note" stays internal).
    decide(triageUrl(), { action: "Reject", reason: reason.value, publicNote: note || undefined, forwardTo },
        forwardTo ? "console.forwarded" : "console.rejected");
});
document.getElementById("merge").addEventListener("click", () =>
    decide(triageUrl(), { action: "Merge", into: document.getElementById("into").value }, "console.merged"));
document.getElementById("hand-over-button").addEventListener("click", () =>
    decide(triageUrl(), { action: "Reject", reason: "OutsideJurisdiction", forwardTo: Number(document.getElementById("handOverTo").value) }, "console.forwarded"));
document.getElementById("escalate").addEventListener("click", () =>
    decide(triageUrl(), { action: "Escalate" }, "console.escalatedDone"));
document.getElementById("assign").addEventListener("click", () =>
    decide(`/api/reports/${report.id}/assign`, { teamId: Number(document.getElementById("teamId").value), override: document.getElementById("override").checked },
        "console.assigned"));

// ---- Messages ----
async function loadMessages() {
    const result = await api("GET", `/api/reports/${report.id}/messages`);
    if (!result.ok) return;
    document.getElementById("messages").replaceChildren(...result.data.map(m =>
        el("li", { class: m.fromReporter ? "from-reporter" : "from-officer" },
            el("time", { datetime: m.at }, formatTime(m.at)), " · ", m.fromReporter ? t("console.fromReporter") : (m.authorName ?? t("console.officer")),
            el("p", { class: "breakable" }, m.text))));
    if (report.unreadReplies > 0) await api("POST", `/api/reports/${report.id}/messages/read`);
}

document.getElementById("ask").addEventListener("submit", async e => {
    e.preventDefault();
    const text = document.getElementById("text");
    const result = await api("POST", `/api/reports/${report.id}/messages`, { text: text.value });
    if (result.ok) {
        text.value = "";
        say(detailStatus, t("console.sent"), "ok");
        await loadMessages();
    } else say(detailStatus, failureText(result), "error");
});

/**
 * The teams for this report, in the order to choose from (on duty and free first, then the nearest), the suggested
 * one picked and named under the list.
 * @param {string} reportId
 */
async function loadTeamChoice(reportId) {
    const found = await api("GET", `/api/operations/teams?reportId=${encodeURIComponent(reportId)}`);
    const hint = document.getElementById("team-suggestion");
    if (!found.ok || report?.id !== reportId) return;
    /** @type {Array<{teamId: number, name: string, onDuty: boolean, state: string, distanceMetres: number | null, suggested: boolean}>} */
    const choices = found.data;
    const label = team => [team.name, t(team.onDuty ? "console.onDuty" : "console.offDuty"), t(`console.teamState.${team.state}`),
        team.distanceMetres !== null ? t("console.distanceKm", formatNumber(Math.round(team.distanceMetres / 100) / 10)) : null]
        .filter(Boolean).join(" · ");
    const select = document.getElementById("teamId");
    select.replaceChildren(...choices.map(team => el("option", { value: team.teamId }, label(team))));
    const suggested = choices.find(team => team.suggested);
    if (suggested) select.value = String(suggested.teamId);
    hint.textContent = suggested ? t("console.suggestedTeam", label(suggested)) : t("console.noFreeTeam");
    hint.hidden = false;
}

// ---- Keyboard ----
/** The queue's order as shown; n and p walk it. @param {number} step */
function openNeighbour(step) {
    const list = [...items.values()].sort((a, b) => b.urgency - a.urgency);
    if (!list.length) return;
    const at = list.findIndex(i => i.id === selected);
    const next = list[at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length];
    openReport(next.id).then(() => queue.querySelector(`[data-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: "nearest" }));
}

/** Clicks a button if it is there to be clicked (the report is in a state that allows it). @param {string} id */
function press(id) {
    const button = document.getElementById(id);
    if (button && !button.disabled && button.offsetParent !== null) button.click();
}

document.addEventListener("keydown", e => {
    // Never while typing, nor with a modifier (the browser's own shortcuts).
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target instanceof Element && e.target.closest("input, textarea, select, [contenteditable]"))) return;
    const actions = {
        n: () => openNeighbour(1), j: () => openNeighbour(1), p: () => openNeighbour(-1), k: () => openNeighbour(-1),
        a: () => press("accept"), t: () => press("assign"), m: () => toggleMap(), Escape: () => closeReport(),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
});

// ---- Start ----
async function loadChoices() {
    const found = await api("GET", "/api/offices");
    offices = found.ok ? found.data.filter(o => o.id !== office) : [];
    for (const id of ["forwardTo", "handOverTo"])
        document.getElementById(id).replaceChildren(...offices.map(o => el("option", { value: o.id }, o.name)));
    const listed = await api("GET", "/api/teams");
    teams = listed.ok ? listed.data.filter(team => team.active !== false) : [];
    document.getElementById("teamId").replaceChildren(...teams.map(team =>
        el("option", { value: team.id }, `${team.name} · ${team.onDuty ? t("console.onDuty") : t("console.offDuty")}`)));
}

await Promise.all([loadQueue(), loadSummary(), loadChoices(), loadTeamPositions()]);
render(); // with the teams known, the warning if accepted reports have nobody to go to
fitAll();
connect();
setInterval(render, 30000);
setInterval(() => { loadQueue(); loadSummary(); }, 60000); // ages move the order; and a safety net
setInterval(loadTeamPositions, 30000); // the teams' phones report their positions on their own rhythm
