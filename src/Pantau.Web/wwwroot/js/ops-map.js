// @ts-check
// What the console's, the overview's and the supervisor's maps draw alike (npm leaflet, loaded by the page as a global script): an
// open report coloured by its SLA state and priority, and a TIMPORA team by what it is doing. Tooltips go in as text:
// Leaflet would put a string in as HTML, and places and names come from people.
import { t, el, formatTime } from "./pantau.js";

/**
 * How long a report has waited since it was verified, as the queue says it.
 * @param {{verifiedAt: string | null, createdAt: string}} item
 */
export function ageText(item) {
    const minutes = Math.max(0, Math.round((Date.now() - new Date(item.verifiedAt ?? item.createdAt).getTime()) / 60000));
    return minutes < 60 ? t("console.minutesAgo", minutes) : t("console.hoursAgo", Math.floor(minutes / 60), minutes % 60);
}

/**
 * Red when a stage runs late, orange when urgent or high, blue otherwise.
 * @param {{overdue: string[], priority: string}} item
 */
export const reportColour = item => item.overdue.length ? "#b3261e" : ["Urgent", "High"].includes(item.priority) ? "#c25e00" : "#0b4f8a";

/**
 * A queue item (it has a pin) as a marker; bigger and outlined when it is the report open on the page.
 * @param {{pin: {latitude: number, longitude: number}, ticket: string, category: string, status: string, place: string | null, overdue: string[], priority: string}} item
 * @param {boolean} chosen
 */
export function reportMarker(item, chosen) {
    return L.circleMarker([item.pin.latitude, item.pin.longitude], {
        radius: chosen ? 12 : 8, color: chosen ? "#111" : "#fff", weight: chosen ? 3 : 2, fillColor: reportColour(item), fillOpacity: 0.9,
        className: "report-pin",
    }).bindTooltip(el("span", { class: "tooltip-text" },
        [item.ticket, t(`reportCategory.${item.category}`), t(`reportStatus.${item.status}`), item.place].filter(Boolean).join(" · ")));
}

/**
 * A team where a member's phone last was, coloured by its state (free, dispatched or en route, on site).
 * @param {{name: string, state: string, position: {latitude: number, longitude: number, at: string}}} team
 */
export function teamMarker(team) {
    // Up and to the right of the point, like a flag: the officer's own dot on the supervisor's map stays visible.
    const icon = L.divIcon({ className: `team-pin state-${team.state.toLowerCase()}`, iconSize: [22, 22], iconAnchor: [-10, 32] });
    return L.marker([team.position.latitude, team.position.longitude], { icon, keyboard: false })
        .bindTooltip(el("span", { class: "tooltip-text" }, t("console.teamAt", team.name, t(`console.teamState.${team.state}`), formatTime(team.position.at))));
}

/**
 * The warning while accepted reports wait and nobody can be sent: no team at all, or none on duty (the office head sees
 * it on the console and the supervisor's page until it is over).
 * @param {HTMLElement} box
 * @param {Array<{status: string}>} reports the office's open reports
 * @param {Array<{onDuty: boolean}>} teams the office's active teams
 */
export function showDispatchGap(box, reports, teams) {
    const waiting = reports.filter(r => r.status === "Accepted").length;
    const gap = waiting === 0 ? null : teams.length === 0 ? "console.gap.noTeam" : teams.some(team => team.onDuty) ? null : "console.gap.noneOnDuty";
    box.hidden = gap === null;
    box.dataset.gap = gap ?? "";
    if (gap) box.textContent = t(gap, waiting);
}
