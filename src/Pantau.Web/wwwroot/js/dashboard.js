// @ts-check
// The dashboard (page /dasbor): pick a period (and, for a Kanwil or Ditjen, an office), read GET /api/dashboard, and show
// each figure as a chart and, always, as a table of the same numbers; link the month's workbook (monthly.xlsx). The
// figures over time are shown per day or per week (the switch); GET /api/dashboard/heat draws where the reports were as
// weighted circles on a map, with its busiest places as a table.
import { t, api, el, formatNumber, formatDate, failureText, say, localDay, locale } from "./pantau.js";
import { newMap } from "./map.js";

const form = document.getElementById("period");
const from = document.getElementById("from");
const to = document.getElementById("to");
const office = document.getElementById("office"); // absent for an office head
const month = document.getElementById("month");
const link = document.getElementById("monthly-link");
const board = document.getElementById("dashboard");
const errorBox = document.getElementById("dash-error");
const heatBox = document.getElementById("heat-map");
const heatNote = document.getElementById("heat-note");

const categories = ["Overstay", "UnauthorisedWork", "PublicDisorder", "SuspiciousActivity", "NotAtAddress", "Other"];
const channels = ["Public", "Neighbourhood", "Partner", "Application"];
const stages = ["Triage", "Dispatch", "Arrival", "Resolution"];
const changes = ["Registered", "MovedIn", "MovedOut", "Departed", "Deported", "Deceased"];
const topPlaces = 10;
const palette = ["#0b4f8a", "#d9822b", "#2e8540", "#8a1c7c", "#c0392b", "#6b7280"];

/** @type {Record<string, any>} the Chart.js charts by id */
const charts = {};

/**
 * A chart and its table from the same rows: the table is the chart's numbers, readable without the chart.
 * @param {string} id "categories" → #chart-categories and #table-categories
 * @param {string[]} headers the table's columns; the first is the row's label
 * @param {{ label: string, key: string, values: number[] }[]} rows each row's label, its key (data-key) and numbers
 * @param {{ type?: "bar" | "doughnut", stacked?: boolean, series?: string[], horizontal?: boolean, decimals?: boolean }} how
 *   series: the names of the number columns, drawn as datasets (by default the rows are the bars of one dataset)
 */
function show(id, headers, rows, how = {}) {
    const table = document.getElementById(`table-${id}`);
    table.tHead.replaceChildren(el("tr", {}, headers.map((h, i) => el("th", { scope: "col", class: i ? "num" : null }, h))));
    table.tBodies[0].replaceChildren(...(rows.length
        ? rows.map(r => el("tr", { "data-key": r.key }, el("th", { scope: "row" }, r.label),
            r.values.map(v => el("td", { class: "num", "data-value": v === null ? "" : String(v) }, v === null ? "–" : formatNumber(v)))))
        : [el("tr", {}, el("td", { colspan: headers.length, class: "muted" }, t("dashboard.none")))]));

    if (!window.Chart) return; // without the chart library the tables still say it all
    const data = how.series
        ? {
            labels: rows.map(r => r.label),
            datasets: how.series.map((name, i) => ({ label: name, data: rows.map(r => r.values[i]), backgroundColor: palette[i % palette.length] })),
        }
        : {
            labels: rows.map(r => r.label),
            datasets: [{ label: headers[1], data: rows.map(r => r.values[0]), backgroundColor: rows.map((_, i) => palette[i % palette.length]) }],
        };
    charts[id]?.destroy();
    charts[id] = new window.Chart(document.getElementById(`chart-${id}`), {
        type: how.type ?? "bar",
        data,
        options: {
            indexAxis: how.horizontal ? "y" : "x",
            locale, // the page's number format, not the browser's
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: Boolean(how.series) || how.type === "doughnut", position: "bottom" } },
            scales: how.type === "doughnut" ? {} : {
                x: { stacked: Boolean(how.stacked), beginAtZero: true, ticks: how.horizontal && !how.decimals ? { precision: 0 } : {} },
                y: { stacked: Boolean(how.stacked), beginAtZero: true, ticks: !how.horizontal && !how.decimals ? { precision: 0 } : {} },
            },
        },
    });
}

/** An outcome as the API names it ("Resolved.Warning", "Rejected.FalseReport", "Open"), in the page's language. */
function outcomeName(outcome) {
    const [kind, detail] = outcome.split(".");
    if (kind === "Resolved") return t("dashboard.outcome.resolved", t(`outcome.${detail}`));
    if (kind === "Rejected") return t("dashboard.outcome.rejected", t(`rejection.${detail}`));
    return t(`dashboard.outcome.${kind}`);
}

/** A share (0.25) as a percentage (25 %). @param {number} share */
const percent = share => `${formatNumber(Math.round(share * 1000) / 10)} %`;

/** The query of the chosen period and office. */
function query() {
    const q = new URLSearchParams({ from: from.value, to: to.value });
    if (office?.value) q.set("officeId", office.value);
    return q;
}

function updateLink() {
    const q = new URLSearchParams({ month: month.value });
    if (office?.value) q.set("officeId", office.value);
    link.setAttribute("href", `/api/dashboard/monthly.xlsx?${q}`);
}

/** The figures last read, shown again when the day/week switch turns. */
let figures = null;

/** Per day or per week, as the switch says: the charts over time and their tables. */
function showOverTime() {
    if (!figures) return;
    const weekly = document.querySelector("input[name=scale]:checked")?.value === "weeks";
    /** @type {{ label: string, key: string, reports: number, byCategory: Record<string, number>, byChannel: Record<string, number>, fieldChecks: number, fieldChecksRegistered: number }[]} */
    const spans = weekly
        ? figures.weeks.map(w => ({ ...w, key: w.start, label: t("dashboard.weekOf", formatDate(w.from), formatDate(w.to)) }))
        : figures.days.map(d => ({ ...d, key: d.date, label: formatDate(d.date) }));
    const first = weekly ? t("dashboard.week") : t("dashboard.date");
    show("categories", [first, ...categories.map(c => t(`reportCategory.${c}`)), t("dashboard.total")],
        spans.map(d => ({ label: d.label, key: d.key, values: [...categories.map(c => d.byCategory[c] ?? 0), d.reports] })),
        { stacked: true, series: categories.map(c => t(`reportCategory.${c}`)) });
    show("channels", [first, ...channels.map(c => t(`dashboard.channel.${c}`))],
        spans.map(d => ({ label: d.label, key: d.key, values: channels.map(c => d.byChannel[c] ?? 0) })),
        { stacked: true, series: channels.map(c => t(`dashboard.channel.${c}`)) });
    show("checks", [first, t("dashboard.fieldChecks"), t("dashboard.fieldChecksRegistered")],
        spans.map(d => ({ label: d.label, key: d.key, values: [d.fieldChecks, d.fieldChecksRegistered] })),
        { series: [t("dashboard.fieldChecks"), t("dashboard.fieldChecksRegistered")] });
}

/** @type {import("leaflet").Map | null} */
let heatMap = null;
/** @type {import("leaflet").LayerGroup | null} */
let heatLayer = null;

/** The place of a heat point as a reader says it: the kelurahan's name (its centre, when the reports had no position). */
function placeName(p) {
    const name = p.village ?? p.villageCode ?? t("dashboard.unknownPlace");
    return p.villageCentre ? t("dashboard.villageCentre", name) : name;
}

/** Where the period's reports were: circles sized and shaded by their count, and the busiest places as a table. */
async function loadHeat(q) {
    const response = await api("GET", `/api/dashboard/heat?${q}`);
    if (!response.ok) return;
    const h = response.data;
    heatNote.textContent = [t("dashboard.heat.placed", formatNumber(h.placed), formatNumber(h.reports)),
        h.capped ? t("dashboard.heat.capped", formatNumber(h.limit), formatNumber(h.shown), formatNumber(h.reports)) : ""].filter(Boolean).join(" ");
    const table = document.getElementById("table-heat");
    const headers = [t("dashboard.place"), t("dashboard.position"), t("dashboard.reports")];
    table.tHead.replaceChildren(el("tr", {}, headers.map((x, i) => el("th", { scope: "col", class: i === 2 ? "num" : null }, x))));
    const top = h.points.slice(0, topPlaces);
    table.tBodies[0].replaceChildren(...(top.length
        ? top.map(p => el("tr", { "data-key": `${p.latitude},${p.longitude}` }, el("th", { scope: "row" }, placeName(p)),
            el("td", {}, `${formatNumber(p.latitude)}, ${formatNumber(p.longitude)}`),
            el("td", { class: "num", "data-value": String(p.reports) }, formatNumber(p.reports))))
        : [el("tr", {}, el("td", { colspan: headers.length, class: "muted" }, t("dashboard.none")))]));

    if (!window.L) return; // without the map library the table still says where
    heatMap ??= newMap(heatBox, [-2.5, 118], 4);
    heatLayer?.remove();
    heatLayer = L.layerGroup().addTo(heatMap);
    const most = Math.max(1, ...h.points.map(p => p.reports));
    // The quietest drawn first, so the busiest lie on top.
    for (const p of [...h.points].reverse()) {
        const weight = p.reports / most;
        const circle = L.circleMarker([p.latitude, p.longitude], {
            radius: 4 + 16 * Math.sqrt(weight), stroke: false, fillColor: "#c0392b", fillOpacity: 0.2 + 0.6 * weight, className: "heat-point",
        });
        // Leaflet puts a string tooltip in as HTML: the place's name goes in as a text node.
        circle.bindTooltip(el("span", { class: "tooltip-text" }, `${placeName(p)} · ${formatNumber(p.reports)}`));
        heatLayer.addLayer(circle);
    }
    if (h.points.length) heatMap.fitBounds(L.latLngBounds(h.points.map(p => [p.latitude, p.longitude])), { padding: [20, 20], maxZoom: 13 });
    heatMap.invalidateSize();
}

/** Reads and shows the chosen period; a period the user chose is kept in the address, to be shared. */
async function load(remember = false) {
    board.setAttribute("aria-busy", "true");
    const q = query();
    if (remember) history.replaceState(null, "", `${location.pathname}?${q}`);
    const heat = loadHeat(q);
    const response = await api("GET", `/api/dashboard?${q}`);
    await heat;
    if (!response.ok) {
        say(errorBox, failureText(response), "error");
        board.setAttribute("aria-busy", "false");
        return;
    }
    say(errorBox, "");
    const f = response.data;
    document.getElementById("dash-area").textContent = f.area.officeName
        ?? (f.area.provinceCode ? t("dashboard.province", f.area.provinceCode) : t("dashboard.country"));
    document.getElementById("tally-reports").textContent = formatNumber(f.reports);
    document.getElementById("tally-false").textContent = percent(f.falseReportShare);
    document.getElementById("tally-checks").textContent = formatNumber(f.fieldChecks);
    document.getElementById("dash-timezone").textContent = t("dashboard.daysIn", f.period.timeZone);

    figures = f;
    showOverTime();
    show("outcomes", [t("dashboard.outcome"), t("dashboard.reports")],
        f.outcomes.map(o => ({ label: outcomeName(o.outcome), key: o.outcome, values: [o.count] })), { type: "doughnut" });
    const sla = stages.map(s => f.sla.find(x => x.stage === s)).filter(Boolean);
    show("sla", [t("dashboard.stage"), t("dashboard.median"), t("dashboard.started"), t("dashboard.completed"), t("dashboard.late"), t("dashboard.lateSharePercent")],
        sla.map(s => ({ label: t(`sla.stage.${s.stage}`), key: s.stage,
            values: [s.medianMinutes, s.started, s.completed, s.late, Math.round(s.lateShare * 1000) / 10] })),
        { decimals: true });
    show("villages", [t("dashboard.village"), t("dashboard.reports")],
        f.topVillages.map(v => ({ label: v.name ?? v.code, key: v.code, values: [v.reports] })), { horizontal: true });
    show("permits", [t("dashboard.month"), t("dashboard.permitsEnding")],
        f.permitsExpiring.map(m => ({ label: m.month, key: m.month, values: [m.permits] })));
    show("registry", [t("dashboard.change"), t("dashboard.people")],
        changes.map(c => ({ label: t(`dashboard.change.${c}`), key: c, values: [f.registryChanges[c.charAt(0).toLowerCase() + c.slice(1)] ?? 0] })));
    show("permitsEnded", [t("dashboard.permitType"), t("dashboard.permitsCancelled"), t("dashboard.permitsLapsed")],
        f.permitsEnded.map(p => ({ label: t(`permitType.${p.type}`), key: p.type, values: [p.cancelled, p.lapsed] })),
        { series: [t("dashboard.permitsCancelled"), t("dashboard.permitsLapsed")] });
    show("lodging", [t("dashboard.flagReason"), t("dashboard.flagsRaised"), t("dashboard.flagsResolved")],
        f.lodgingFlags.map(l => ({ label: t(`flagReason.${l.reason}`), key: l.reason, values: [l.raised, l.resolved] })),
        { series: [t("dashboard.flagsRaised"), t("dashboard.flagsResolved")] });

    month.value = f.period.to.slice(0, 7);
    updateLink();
    board.setAttribute("aria-busy", "false");
}

form.addEventListener("submit", e => {
    e.preventDefault();
    load(true);
});
office?.addEventListener("change", updateLink);
month.addEventListener("change", updateLink);
for (const input of document.querySelectorAll("input[name=scale]")) input.addEventListener("change", showOverTime);

// Start from ?from=&to=&officeId= (a shared link), else the last 30 days.
const asked = new URLSearchParams(location.search);
const today = localDay();
const monthAgo = localDay(new Date(Date.now() - 29 * 24 * 3600 * 1000));
from.value = asked.get("from") ?? monthAgo;
to.value = asked.get("to") ?? today;
if (office && asked.get("officeId")) office.value = asked.get("officeId");
load();
