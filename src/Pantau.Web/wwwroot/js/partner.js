// @ts-check
// A partner agency's kecamatan (page /mitra): counts, de-identified records page by page, the access request for one
// record, and the state of the partner's requests. /api/partner decides what may be seen; this only shows it: a field
// it withholds (null) is left out, a count comes as its display ("<5", rounded), a record as this export's designation.
import { t, api, el, countryName, facts, lang, formatTime, permitStatusBadge, accessStateBadge, showFieldErrors, clearFieldErrors, failureText, say } from "./pantau.js";

const PageSize = 20;
const root = document.getElementById("partner");
const district = encodeURIComponent(root.dataset.district);
const errorBox = document.getElementById("partner-error");
const $ = id => document.getElementById(id);
let page = 1;
const shownRecords = new Map();

function fillTable(table, rows) {
    table.tBodies[0].replaceChildren(...(rows.length
        ? rows.map(([label, display, key]) => el("tr", { "data-key": key }, el("td", {}, label), el("td", { class: "num" }, display)))
        : [el("tr", {}, el("td", { class: "muted" }, t("partner.none")))]));
}

async function loadCounts() {
    const r = await api("GET", `/api/partner/counts?district=${district}`);
    if (!r.ok) return say(errorBox, failureText(r), "error");
    $("total").textContent = r.data.totalDisplay;
    fillTable($("by-village"), r.data.byVillage.map(c => [c.name ?? c.key, c.display, c.key]));
    fillTable($("by-nationality"), r.data.byNationality.map(c => [nationality(c.key), c.display, c.key]));
    fillTable($("by-permit-type"), r.data.byPermitType.map(c => [t(`permitType.${c.key}`), c.display, c.key]));
}

const nationality = n => (n === "OTHER" ? t("partner.otherNationality") : countryName(n));
const monthFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { month: "short", year: "numeric" });
/** "2026-05" as a month, "2026" as a year, as the API generalised it. */
const period = s => (s && s.length === 7 ? monthFormat.format(new Date(Number(s.slice(0, 4)), Number(s.slice(5)) - 1, 1)) : s);
const place = p => (p.villageCode ? [p.villageName ?? p.villageCode, p.rw ? `RW ${p.rw}` : null].filter(Boolean).join(" · ") : t("partner.wholeDistrict"));
const headline = p => [p.nationality ? nationality(p.nationality) : null, p.permitType ? t(`permitType.${p.permitType}`) : null].filter(Boolean).join(" · ")
    || t("partner.withheld");
const describe = p => `${headline(p)} · ${place(p)}`;

function recordCard(p) {
    const validity = p.validFrom || p.validUntil ? `${p.validFrom ? period(p.validFrom) : "…"} – ${p.validUntil ? period(p.validUntil) : "…"}` : null;
    return el("li", { class: `card permit${p.status ? ` status-${p.status.toLowerCase()}` : ""}`, "data-record": p.record },
        el("div", { class: "card-head" },
            el("strong", {}, headline(p)),
            p.status ? permitStatusBadge(p.status) : null),
        facts([
            [t("person.purpose"), p.purpose ? t(`permitPurpose.${p.purpose}`) : null],
            [t("person.validity"), validity],
            [t("person.village"), place(p)],
        ]),
        el("div", { class: "actions" },
            el("button", { type: "button", class: "button secondary", "data-ask": p.record }, t("partner.ask"))));
}

async function loadRecords() {
    const r = await api("GET", `/api/partner/permits?district=${district}&page=${page}&pageSize=${PageSize}`);
    if (!r.ok) return say(errorBox, failureText(r), "error");
    const { items, total } = r.data;
    const pages = Math.max(1, Math.ceil(total / PageSize));
    shownRecords.clear();
    items.forEach(p => shownRecords.set(p.record, p));
    $("records-count").textContent = t("partner.recordsCount", total);
    $("records").replaceChildren(...items.map(recordCard));
    $("records-pager").hidden = pages <= 1;
    $("records-page").textContent = t("partner.pageOf", page, pages);
    $("records-prev").disabled = page <= 1;
    $("records-next").disabled = page >= pages;
}

$("records-prev").addEventListener("click", () => { page--; loadRecords(); });
$("records-next").addEventListener("click", () => { page++; loadRecords(); });

// ---- Asking who a record is ----
const section = $("request-section");
const form = $("access-form");

$("records").addEventListener("click", e => {
    const ask = e.target.closest("button[data-ask]");
    if (!ask) return;
    const record = shownRecords.get(ask.dataset.ask);
    $("record").value = ask.dataset.ask;
    $("request-record").textContent = t("partner.askingFor", record ? describe(record) : ask.dataset.ask);
    clearFieldErrors(form);
    section.hidden = false;
    section.scrollIntoView({ block: "start" });
    $("reason").focus();
});

$("request-cancel").addEventListener("click", () => { section.hidden = true; });

form.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(form);
    const submit = $("request-submit");
    submit.disabled = true;
    try {
        const r = await api("POST", "/api/partner/access-requests", { record: $("record").value, reason: $("reason").value.trim() || null });
        if (r.ok) {
            section.hidden = true;
            $("reason").value = "";
            say($("request-state"), t("partner.sent"), "ok");
            await loadRequests();
            document.querySelector(`#requests [data-request="${r.data.id}"]`)?.scrollIntoView({ block: "center" });
        } else if (r.status === 400) {
            const rest = showFieldErrors(form, r.data);
            if (rest.length) say($("request-state"), rest.join(" "), "error");
        } else {
            say($("request-state"), failureText(r), "error");
        }
    } finally {
        submit.disabled = false;
    }
});

// ---- The partner's requests ----
function requestCard(q) {
    return el("li", { class: "card", "data-request": q.id, "data-state": q.state },
        el("div", { class: "card-head" },
            el("strong", {}, t("partner.requestedAt", formatTime(q.requestedAt))),
            accessStateBadge(q.state)),
        facts([
            [t("partner.reason"), q.reason],
            [t("partner.decidedAt"), q.decidedAt ? formatTime(q.decidedAt) : null],
            [t("partner.decision"), q.decisionNote],
            [t("partner.openUntil"), q.state === "Approved" && q.openUntil ? formatTime(q.openUntil) : null],
        ]),
        q.state === "Approved"
            ? el("div", { class: "actions" }, el("a", { class: "button", href: `/mitra/akses/${q.id}`, "data-open": q.id }, t("partner.open")))
            : null);
}

async function loadRequests() {
    const r = await api("GET", "/api/partner/access-requests");
    if (!r.ok) return say(errorBox, failureText(r), "error");
    $("requests").replaceChildren(...(r.data.length ? r.data.map(requestCard) : [el("li", { class: "muted" }, t("partner.noRequests"))]));
}

await Promise.all([loadCounts(), loadRecords(), loadRequests()]);
root.dataset.loaded = "true";
