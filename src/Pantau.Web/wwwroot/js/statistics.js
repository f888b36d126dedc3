// @ts-check
// Public statistics (page /statistik): pick a region, read GET /api/public/stats, show the total, the counts per child
// region and the top nationalities as the API gives them ("<5" stays "<5"), and a bar chart of what may be shown.
import { t, api, el, countryName, formatNumber, failureText, say, locale } from "./pantau.js";

const levels = ["province", "regency", "district"];
const selects = levels.map(id => document.getElementById(id));
const stats = document.getElementById("stats");
const errorBox = document.getElementById("stats-error");
const total = document.getElementById("stats-total");
const name = document.getElementById("stats-name");
const childrenHeading = document.getElementById("children-heading");
const childrenTable = document.getElementById("children");
const nationalities = document.getElementById("nationalities");
const canvas = document.getElementById("stats-chart");
const chartBox = document.getElementById("chart-box");
let chart = null;

/** Fills a region list with the children of parent ("" for the provinces), or empties and disables it (null). */
async function fill(select, parent) {
    select.length = 1; // keeps "the whole …"
    select.disabled = parent === null;
    if (parent === null) return true;
    const response = await api("GET", parent === "" ? "/api/regions" : `/api/regions/${encodeURIComponent(parent)}/children`);
    if (!response.ok) {
        say(errorBox, failureText(response), "error");
        return false;
    }
    for (const region of response.data) select.add(new Option(region.name, region.code));
    return true;
}

/** The deepest region chosen, or "" for all of Indonesia. */
const chosen = () => selects.map(s => s.value).filter(Boolean).at(-1) ?? "";

/** Chooses a region at a level: the lists below it follow, and the numbers are read again. */
async function choose(level, code) {
    selects[level].value = code;
    for (let below = level + 1; below < levels.length; below++) await fill(selects[below], below === level + 1 && code ? code : null);
    const region = chosen();
    const url = new URL(location.href);
    if (region) url.searchParams.set("region", region); else url.searchParams.delete("region");
    history.replaceState(null, "", url);
    await show(region);
}

selects.forEach((select, level) => select.addEventListener("change", () => choose(level, select.value)));

/** A count as the API allows it to be shown: a number, or its display ("<5"). */
const shown = c => (c.count === null || c.count === undefined ? c.display : formatNumber(c.count));

async function show(region) {
    stats.setAttribute("aria-busy", "true");
    const response = await api("GET", "/api/public/stats" + (region ? `?region=${encodeURIComponent(region)}` : ""));
    if (!response.ok) {
        say(errorBox, failureText(response), "error");
        return;
    }
    say(errorBox, "");
    const s = response.data;
    total.textContent = shown(s.total);
    total.dataset.display = s.total.display;
    name.textContent = s.name;

    // Children of Indonesia are provinces, of a province regencies, of a regency kecamatan; a kecamatan shows no villages.
    const level = region ? [2, 5, 8].indexOf(region.length) + 1 : 0;
    // Regions with no one registered are one line, not dozens of zeros (most provinces, when an office starts).
    const inhabited = s.children.filter(c => c.count !== 0);
    const empty = s.children.length - inhabited.length;
    childrenHeading.hidden = childrenTable.hidden = s.children.length === 0;
    childrenTable.tBodies[0].replaceChildren(...inhabited.map(c => el("tr", { "data-code": c.code, "data-display": c.display },
        el("td", {}, level < levels.length
            ? el("button", { type: "button", class: "linklike", "data-level": level }, c.name)
            : c.name),
        el("td", { class: "num" }, shown(c)))),
        ...(empty ? [el("tr", { id: "children-empty", class: "muted" }, el("td", {}, t("stats.othersNone", empty)), el("td", { class: "num" }, formatNumber(0)))] : []));
    nationalities.tBodies[0].replaceChildren(...(s.nationalities.length
        ? s.nationalities.map(n => el("tr", { "data-code": n.nationality, "data-display": n.display },
            el("td", {}, countryName(n.nationality)), el("td", { class: "num" }, shown(n))))
        : [el("tr", {}, el("td", { colspan: 2, class: "muted" }, t("stats.none")))]));
    draw(s);
    stats.setAttribute("aria-busy", "false");
}

childrenTable.addEventListener("click", e => {
    const button = e.target.closest("button[data-level]");
    if (button) choose(Number(button.dataset.level), button.closest("tr").dataset.code);
});

/** Bars for the child regions (or, in a kecamatan, the nationalities); a "<5" gets no bar, since a bar would tell its size. */
function draw(s) {
    const rows = s.children.length ? s.children : s.nationalities.map(n => ({ name: countryName(n.nationality), count: n.count }));
    const plotted = rows.filter(r => r.count > 0);
    chartBox.style.height = `${Math.max(160, plotted.length * 26 + 60)}px`;
    const data = {
        labels: plotted.map(r => r.name),
        datasets: [{ label: t("stats.chartLabel"), data: plotted.map(r => r.count), backgroundColor: "#0b4f8a" }],
    };
    if (!window.Chart) return; // without the chart library the tables still say it all
    if (chart) {
        chart.data = data;
        chart.update();
        return;
    }
    chart = new window.Chart(canvas, {
        type: "bar",
        data,
        options: {
            indexAxis: "y",
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            locale, // the page's number format, not the browser's
            plugins: { legend: { display: false } },
            scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
    });
}

// Start from ?region= (a shared link), else all of Indonesia.
async function start() {
    const wanted = new URLSearchParams(location.search).get("region") ?? "";
    if (!(await fill(selects[0], ""))) return;
    const path = [2, 5, 8].filter(n => wanted.length >= n).map(n => wanted.slice(0, n));
    for (let level = 0; level < path.length; level++) {
        if (![...selects[level].options].some(o => o.value === path[level])) break;
        selects[level].value = path[level];
        if (level + 1 < levels.length) await fill(selects[level + 1], path[level]);
    }
    await show(chosen());
}
start();
