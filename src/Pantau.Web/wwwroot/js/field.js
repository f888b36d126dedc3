// @ts-check
// The field check and the patrol pings on an officer's phone (page /field). The API decides and audits; this only
// asks, and shows the answer.
import { t, api, el, countryName, facts, formatDate, formatTime, permitStatusBadge, showFieldErrors, clearFieldErrors, failureText, say, placeName } from "./pantau.js";

const MaxCandidates = 10; // FieldChecksApi.MaxCandidates

/** The phone's position, or null when the officer refused or it did not come in time. */
function currentPosition() {
    return new Promise(resolve => {
        if (!navigator.geolocation) return resolve(null);
        navigator.geolocation.getCurrentPosition(
            p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
            () => resolve(null),
            { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
    });
}

// ---- The check ----
const form = document.getElementById("check-form");
const result = document.getElementById("check-result");
const error = document.getElementById("check-error");
const button = document.getElementById("check-button");
const usePosition = document.getElementById("use-position");
const positionState = document.getElementById("position-state");

const mode = () => form.querySelector("input[name=by]:checked").value;

function showMode() {
    const chosen = mode();
    for (const node of form.querySelectorAll("[data-by]")) node.hidden = !node.dataset.by.split(" ").includes(chosen);
    clearFieldErrors(form);
}
form.addEventListener("change", e => { if (e.target.name === "by") showMode(); });
showMode();
button.disabled = false;

form.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(form);
    say(error, "");
    const value = id => form.querySelector(`#${id}`).value.trim() || null;
    // A check made from a team's report is kept with the report (team.js fills reportId).
    const body = { purpose: value("purpose"), reportId: value("reportId") ?? undefined };
    switch (mode()) {
        case "passport": Object.assign(body, { passportNumber: value("passportNumber"), nationality: value("nationality") }); break;
        case "permit": body.permitNumber = value("permitNumber"); break;
        default: Object.assign(body, { fullName: value("fullName"), nationality: value("nationality"), dateOfBirth: value("dateOfBirth") });
    }

    button.disabled = true;
    button.textContent = t("field.checking");
    try {
        if (usePosition.checked) {
            positionState.hidden = false;
            positionState.textContent = t("field.locating");
            const position = await currentPosition();
            if (position) {
                body.latitude = position.latitude;
                body.longitude = position.longitude;
                positionState.textContent = t("field.positionUsed", position.latitude.toFixed(5), position.longitude.toFixed(5), Math.round(position.accuracy));
            } else {
                positionState.textContent = t("field.positionMissing");
            }
        }
        const response = await api("POST", "/api/field-checks", body);
        if (response.ok) return render(response.data);
        result.hidden = true;
        if (response.status === 400) {
            const rest = showFieldErrors(form, response.data);
            say(error, [t("form.fix"), ...rest].join(" "), "error");
        } else {
            say(error, failureText(response), "error");
        }
    } finally {
        button.disabled = false;
        button.textContent = t("field.check");
    }
});

function render(answer) {
    const people = answer.foreigner ? [answer.foreigner] : answer.candidates ?? [];
    const outcome = !answer.registered
        ? el("p", { class: "notice error outcome", id: "check-outcome", "data-registered": "false" },
            el("strong", {}, t("field.notRegistered")), " ", t("field.notRegisteredHint"))
        : people.length === 1
            ? el("p", { class: "notice ok outcome", id: "check-outcome", "data-registered": "true" }, el("strong", {}, t("field.registered")))
            : el("p", { class: "notice warn outcome", id: "check-outcome", "data-registered": "true" },
                el("strong", {}, t("field.candidates", people.length)), " ",
                people.length >= MaxCandidates ? t("field.moreCandidates", MaxCandidates) : t("field.candidatesHint"));
    const list = el("ul", { class: "cards", id: "check-people" }, people.map(p => el("li", {}, personCard(p))));
    result.replaceChildren(outcome, list, el("p", { class: "hint" }, t("field.audited")));
    result.hidden = false;
    outcome.scrollIntoView({ block: "start", behavior: "smooth" });
}

function personCard(p) {
    const permit = p.permit;
    const a = p.address;
    const held = p.heldBy?.name || null;
    const status = permit ? permit.status.toLowerCase() : "none";
    const passportExpired = p.passport?.expired ? " passport-expired" : "";
    return el("article", { class: `card person-check permit status-${status}${passportExpired}`, "data-person": p.id },
        el("div", { class: "card-head" },
            el("strong", { class: "name" }, p.fullName),
            el("span", { class: "badges" },
                permit ? permitStatusBadge(permit.status) : el("span", { class: "badge expired", "data-status": "none" }, t("field.noPermit")),
                // The passport's validity beside the permit's: a valid permit in an expired passport is not "all in order".
                p.passport ? el("span", { class: `badge ${p.passport.expired ? "expired" : "valid"}`, "data-passport": p.passport.expired ? "expired" : "valid" },
                    t(p.passport.expired ? "field.passportExpired" : "field.passportValid")) : null,
                p.status !== "Active" ? el("span", { class: "badge cancelled", "data-resident": p.status }, t(`residentStatus.${p.status}`)) : null)),
        el("p", { class: "muted" }, `${countryName(p.nationality)} · ${t(`sex.${p.sex}`)} · ${formatDate(p.dateOfBirth)}`),
        p.inYourJurisdiction
            ? el("p", { class: "jurisdiction in", "data-in-jurisdiction": "true" }, t("field.inJurisdiction"))
            : el("p", { class: "jurisdiction out", "data-in-jurisdiction": "false" },
                held ? t("field.heldElsewhere", held) : t("field.heldByNone")),
        el("h3", {}, t("person.permit")),
        permit
            ? facts([
                [t("field.permitType"), t(`permitType.${permit.type}`)],
                [t("field.permitNumber"), permit.number, { class: "mono breakable" }],
                [t("person.expiry"), formatDate(permit.validUntil)],
                [t("person.purpose"), t(`permitPurpose.${permit.purposeCategory}`) + (permit.purpose ? ` (${permit.purpose})` : ""), { "data-slot": "purpose" }],
                [t("person.sponsor"), permit.sponsor, { "data-slot": "sponsor" }],
            ], { "data-slot": "permit" })
            : el("p", { class: "muted" }, t("person.noPermits")),
        el("h3", {}, t("person.passports")),
        p.passport
            ? facts([
                [t("field.passportNumber"), p.passport.number, { class: "mono breakable" }],
                [t("field.passportValidUntil"), formatDate(p.passport.validUntil)],
            ], { "data-slot": "passport" })
            : el("p", { class: "muted" }, t("field.noPassport")),
        el("h3", {}, t("person.currentAddress")),
        facts([
            [t("person.street"), a.street],
            [t("person.rwrt"), `RW ${a.rw} / RT ${a.rt}`],
            [t("person.village"), placeName(a.villageName, a.villageCode)],
            [t("person.district"), a.districtName],
            [t("person.regency"), a.regencyName],
        ], { "data-slot": "address" }),
        facts([
            [t("field.allPassports"), p.passportNumbers.join(", "), { class: "mono breakable" }],
            [t("field.heldBy"), held ?? t("field.noOffice"), { "data-slot": "heldBy" }],
        ]));
}

// ---- Patrol pings ----
// A ping that cannot leave the phone (no network) waits in the phone's storage, per officer, and goes when the
// network is back; its own time travels with it. The API takes pings up to a day old.
const patrol = document.getElementById("patrol");
if (patrol) {
    const state = document.getElementById("patrol-state");
    const log = document.getElementById("patrol-log");
    const buttons = [...patrol.querySelectorAll("button[data-activity]")];
    const queueKey = `pantau.pendingPings.${patrol.dataset.officer}`;
    const pending = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
    const keep = list => list.length ? localStorage.setItem(queueKey, JSON.stringify(list)) : localStorage.removeItem(queueKey);
    const retryable = r => r.status === 0 || r.status >= 500;

    const logLine = (ping, sent) => log.prepend(el("li", { "data-activity": ping.activity, "data-sent": String(sent) },
        `${formatTime(ping.at)} · ${t(`activity.${ping.activity}`)}`, sent ? null : ` · ${t("patrol.waiting")}`));

    let flushing = false;
    async function flush() {
        if (flushing || pending().length === 0) return;
        flushing = true;
        try {
            const list = pending();
            const left = [];
            for (const ping of list) if (retryable(await api("POST", "/api/field/positions", ping))) left.push(ping);
            keep(left);
            if (left.length < list.length) say(state, t("patrol.queueSent", list.length - left.length), "ok");
        } finally {
            flushing = false;
        }
    }

    patrol.addEventListener("click", async e => {
        const pressed = e.target.closest("button[data-activity]");
        if (!pressed) return;
        const activity = pressed.dataset.activity;
        buttons.forEach(b => { b.disabled = true; });
        say(state, t("patrol.locating"));
        try {
            const position = await currentPosition();
            if (!position) return say(state, t("patrol.noPosition"), "error");
            const ping = { latitude: position.latitude, longitude: position.longitude, activity, at: new Date().toISOString() };
            const response = await api("POST", "/api/field/positions", ping);
            if (response.ok) {
                say(state, t("patrol.sent", t(`activity.${activity}`), formatTime(ping.at)), "ok");
                logLine(ping, true);
            } else if (retryable(response)) {
                keep([...pending(), ping]);
                say(state, t("patrol.queued"), "warn");
                logLine(ping, false);
            } else {
                say(state, failureText(response), "error");
            }
        } finally {
            buttons.forEach(b => { b.disabled = false; });
        }
    });

    buttons.forEach(b => { b.disabled = false; });
    addEventListener("online", flush);
    setInterval(flush, 30000);
    flush();
}
