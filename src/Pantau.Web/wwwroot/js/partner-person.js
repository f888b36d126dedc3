// @ts-check
// The person an approved access request opens to a partner (page /mitra/akses/{id}). The API checks the approval and
// its time, and writes the read to the audit trail.
import { t, api, el, countryName, facts, formatDate, formatTime, failureText, placeName } from "./pantau.js";

const box = document.getElementById("opened-person");
const r = await api("GET", `/api/partner/access-requests/${encodeURIComponent(box.dataset.request)}/person`);
if (!r.ok) {
    box.replaceChildren(el("p", { class: "notice error", id: "person-closed", role: "alert" },
        r.status === 403 ? t("partner.closed") : failureText(r)));
} else {
    const p = r.data;
    box.replaceChildren(el("article", { class: "card", id: "person" },
        el("h2", { id: "person-name" }, p.fullName),
        facts([
            [t("registry.nationality"), countryName(p.nationality)],
            [t("person.dateOfBirth"), formatDate(p.dateOfBirth)],
            [t("person.passports"), p.passportNumbers.join(", "), { class: "mono breakable", id: "person-passports" }],
            [t("person.permit"), p.permitNumber, { class: "mono breakable" }],
            [t("person.street"), p.street],
            [t("person.rwrt"), `RW ${p.rw} / RT ${p.rt}`],
            [t("person.village"), placeName(p.place, p.villageCode, { withCode: true }), { id: "person-village" }],
        ]),
        el("p", { class: "hint", id: "open-until" }, t("partner.openUntilHint", formatTime(p.openUntil)))));
}
