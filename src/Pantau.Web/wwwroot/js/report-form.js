// @ts-check
// The public report form (/lapor) on a resident's phone, made for a weak network.
//
// A report is first written to the phone (IndexedDB, photos as Blobs) with an Idempotency-Key made once, and only then
// sent. Without a signal it waits there, says so, and goes when the network returns (the online event, and retries with
// growing pauses), always with the same key: however often it is sent, the server keeps one report. It leaves the phone
// when the server has acknowledged it. The reporter proves a phone number with a one-time code before sending (the
// report then goes in verified) or after (the pending report is verified with its verificationToken); the proof, a
// reporter token, is remembered for later reports. The API decides everything; the checks here only save a round trip
// and use the API's own messages.
import { t, api, el, formatTime, formatNumber, showFieldErrors, clearFieldErrors, say, sessionHeaders, problemText } from "./pantau.js";
import { placePicker } from "./place-search.js";

const form = document.getElementById("report-form");
const limits = {
    description: Number(form.dataset.maxDescription),
    address: Number(form.dataset.maxAddress),
    text: Number(form.dataset.maxText),
    photos: Number(form.dataset.maxPhotos),
    photoBytes: Number(form.dataset.maxPhotoBytes),
};
// An RT/RW head's or a partner's account reports as a trusted reporter: its session is the proof, no phone code.
const trusted = form.dataset.trusted === "true";
const covered = new Set((form.dataset.covered || "").split(" ").filter(Boolean));

// ---- What the phone remembers ----
const Stored = { reporter: "pantau.reporter", device: "pantau.deviceId", mine: "pantau.myReports" };
const remembered = (key, fallback) => {
    try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
};
const remember = (key, value) => value === null ? localStorage.removeItem(key) : localStorage.setItem(key, JSON.stringify(value));

function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    return [...b].map(x => x.toString(16).padStart(2, "0")).join("");
}

/** Sent as X-Device-Id: the API limits how many reports one phone sends in an hour. */
function deviceId() {
    let id = remembered(Stored.device, null);
    if (!id) remember(Stored.device, id = newKey());
    return id;
}

/** The proof of this phone's number, while it lasts: {token, expiresAt, phone (masked)}. */
function reporter() {
    const r = remembered(Stored.reporter, null);
    if (r && new Date(r.expiresAt) > new Date()) return r;
    if (r) remember(Stored.reporter, null);
    return null;
}

/** The reports sent from this phone, newest first: {ticket, reporterKey, category, at, status, verificationToken?}. */
const mine = () => remembered(Stored.mine, []);
function rememberMine(entry) {
    remember(Stored.mine, [entry, ...mine().filter(m => m.ticket !== entry.ticket)].slice(0, 20));
}

// ---- The phone's outbox: IndexedDB, or (where the browser refuses it) this page's memory ----
const inMemory = new Map();
function outbox(mode, work) {
    return new Promise((resolve, reject) => {
        if (!window.indexedDB) return reject(new Error("no IndexedDB"));
        const open = indexedDB.open("pantau-lapor", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("reports", { keyPath: "key" });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("reports", mode);
            const request = work(tx.objectStore("reports"));
            tx.oncomplete = () => { db.close(); resolve(request.result); };
            tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
        };
    });
}
const queue = {
    async put(report) {
        try { await outbox("readwrite", s => s.put(report)); } catch { inMemory.set(report.key, report); }
    },
    async all() {
        let stored = [];
        try { stored = await outbox("readonly", s => s.getAll()); } catch { /* memory only */ }
        return [...stored, ...inMemory.values()].sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    },
    async remove(key) {
        inMemory.delete(key);
        try { await outbox("readwrite", s => s.delete(key)); } catch { /* memory only */ }
    },
};

// ---- The place: the position (found by the phone, the pin dragged) and the kelurahan/desa by name (place-search.js) ----
// Without a signal the position or the typed name is kept with the report, and the place found when it is sent.
const picker = placePicker(form.querySelector("[data-place-picker]"), {
    offlineText: t("report.placeOffline"),
    positionOfflineText: t("report.positionKept"),
});

// ---- When: the phone's local time, now by default ----
const occurredAt = document.getElementById("occurredAt");
const localInput = d => {
    const pad = n => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

// ---- What happened ----
const description = document.getElementById("description");
const counter = document.getElementById("description-count");
const count = () => {
    const n = description.value.trim().length;
    counter.textContent = `${formatNumber(n)}/${formatNumber(limits.description)}`;
    counter.classList.toggle("over", n > limits.description);
};
description.addEventListener("input", count);

// ---- Photos: kept as Blobs, checked by their first bytes as the API checks them ----
let photos = []; // {name, type, blob, url}
const photoList = document.getElementById("photo-list");
const photosState = document.getElementById("photos-state");

async function imageType(blob) {
    const b = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
    const starts = (bytes, at = 0) => bytes.every((x, i) => b[at + i] === x);
    if (starts([0xFF, 0xD8, 0xFF])) return "image/jpeg";
    if (starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
    if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
    return null;
}

async function addPhotos(files) {
    const problems = [];
    for (const file of files) {
        if (photos.length >= limits.photos) { problems.push(t("report.tooManyPhotos")); break; }
        if (file.size > limits.photoBytes) { problems.push(t("report.photoTooBig", file.name)); continue; }
        const type = await imageType(file);
        if (!type) { problems.push(t("report.photoNotImage", file.name)); continue; }
        photos.push({ name: file.name || "foto", type, blob: file, url: URL.createObjectURL(file) });
    }
    say(photosState, problems.join(" "), problems.length ? "warn" : null);
    drawPhotos();
}

function setPhotos(list) {
    for (const p of photos) URL.revokeObjectURL(p.url);
    photos = list.map(p => ({ ...p, url: URL.createObjectURL(p.blob) }));
    drawPhotos();
}

function drawPhotos() {
    photoList.replaceChildren(...photos.map((p, i) => el("li", { class: "thumb", "data-photo": i },
        el("img", { src: p.url, alt: t("report.photoAlt", i + 1) }),
        el("button", { type: "button", class: "linklike", "data-remove": i }, t("report.removePhoto", i + 1)))));
    for (const input of form.querySelectorAll("input[type=file]")) input.disabled = photos.length >= limits.photos;
}

for (const input of form.querySelectorAll("input[type=file]")) {
    input.addEventListener("change", async () => {
        await addPhotos([...input.files]);
        input.value = "";
    });
}
photoList.addEventListener("click", e => {
    const button = e.target.closest("button[data-remove]");
    if (!button) return;
    const [gone] = photos.splice(Number(button.dataset.remove), 1);
    URL.revokeObjectURL(gone.url);
    say(photosState, "");
    drawPhotos();
});

// ---- Reading, checking and putting back the form ----
const value = id => document.getElementById(id).value.trim();

/** The form as a report: the fields the API takes, the place as shown, and a name typed but not yet looked up. */
function read() {
    const position = picker.position;
    const placeText = picker.code ? "" : picker.text;
    return {
        fields: {
            category: form.querySelector("input[name=category]:checked")?.value ?? "",
            latitude: position ? position.latitude.toFixed(6) : "",
            longitude: position ? position.longitude.toFixed(6) : "",
            villageCode: picker.code,
            address: value("address"),
            occurredAt: occurredAt.value ? new Date(occurredAt.value).toISOString() : "",
            description: value("description"),
            personNationality: value("personNationality"),
            personName: value("personName"),
            workplace: value("workplace"),
        },
        place: picker.code ? picker.text : placeText || (position ? t("report.byPosition") : ""),
        placeText,
    };
}

/** The API's own rules that can be checked on the phone, with the API's own codes (translated by showFieldErrors). */
/** A name from the nationality list (any case), or a 3-letter code: the server resolves either. */
function isCountry(text) {
    const wanted = text.trim().toLocaleLowerCase();
    return /^[a-z]{3}$/i.test(wanted)
        || [...document.querySelectorAll("#nationality-list option")].some(o => /** @type {HTMLOptionElement} */ (o).value.toLocaleLowerCase() === wanted);
}

function check(f, placeText) {
    const errors = {};
    const add = (field, message) => (errors[field] ??= []).push(message);
    const text = (field, max, required) => {
        if (!f[field]) { if (required) add(field, "reports.required"); return; }
        if (f[field].length > max) add(field, { code: "shared.atMostCharacters", args: [max] });
    };
    if (!f.category) add("category", "reports.pickCategoryOverstayUnauthorisedWork");
    // A place picked, a position (intake finds its kelurahan), or a name to look up when the report is sent.
    if (!f.villageCode && !f.latitude && !placeText) add("villageCode", "reports.pickKelurahanDesaWhere");
    else if (f.villageCode && !covered.has(f.villageCode.slice(0, 5))) add("villageCode", "reports.noImmigrationOfficePantau");
    else if (picker.outside) add("villageCode", "reports.positionOutsideIndonesiaPantau");
    text("address", limits.address, false);
    if (!f.occurredAt) add("occurredAt", "reports.whenDidHappen");
    else {
        const at = new Date(f.occurredAt).getTime();
        if (at > Date.now() + 5 * 60_000 || at < Date.now() - 365 * 86_400_000) add("occurredAt", "reports.timePastYearNot");
    }
    text("description", limits.description, true);
    if (f.personNationality && !isCountry(f.personNationality))
        add("personNationality", "reports.apparentNationalityISO3166");
    text("personName", limits.text, false);
    text("workplace", limits.text, false);
    if (photos.length > limits.photos) add("photos", { code: "reports.atMostPhotos", args: [limits.photos] });
    return errors;
}

async function putBack(report) {
    const f = report.fields;
    form.reset();
    for (const radio of form.querySelectorAll("input[name=category]")) radio.checked = radio.value === f.category;
    picker.set({ code: f.villageCode, label: report.place, text: report.placeText, latitude: f.latitude, longitude: f.longitude });
    for (const id of ["address", "description", "personNationality", "personName", "workplace"]) document.getElementById(id).value = f[id] ?? "";
    occurredAt.value = f.occurredAt ? localInput(new Date(f.occurredAt)) : localInput(new Date());
    setPhotos(report.photos);
    count();
}

// ---- What the page shows: the form, or what became of the report ----
const receipt = document.getElementById("receipt");
const receiptState = document.getElementById("receipt-state");
const receiptTicket = document.getElementById("receipt-ticket");
const ticketText = document.getElementById("ticket");
const receiptStatus = document.getElementById("receipt-status");
const statusLink = document.getElementById("status-link");
const retryNow = document.getElementById("retry-now");
const another = document.getElementById("another");
const submitBar = document.getElementById("submit-bar");
const submitButton = document.getElementById("submit-report");
const reportError = document.getElementById("report-error");
const verifySection = document.getElementById("verify");

/** The report this page is about: being written (no key yet), kept, or sent ({key, ticket, status, verificationToken}). */
let current = null;
let dirty = false;
form.addEventListener("input", () => { dirty = true; });

const StatusLooks = { Received: "expiring", Resolved: "valid", Rejected: "expired" };

function showForm() {
    receipt.hidden = true;
    form.hidden = false;
    submitBar.hidden = false;
    verifySection.hidden = trusted;
    drawVerify();
}

function showReceipt(state) {
    const news = receipt.hidden || receipt.dataset.state !== state;
    form.hidden = true;
    submitBar.hidden = true;
    receipt.hidden = false;
    receipt.dataset.state = state;
    retryNow.hidden = state !== "queued";
    another.hidden = state === "sending";
    receiptTicket.hidden = state !== "sent";
    if (state === "sending") say(receiptState, t("report.sending"));
    if (state === "queued") {
        say(receiptState, t("report.queued"), "warn");
        receiptState.append(el("br"), el("span", { class: "hint" }, t("report.queuedHint")));
    }
    if (state === "sent") {
        const waits = current.status === "Received";
        say(receiptState, waits ? `${t("report.sent")} ${t("report.verifyNow")}` : t("report.sent"), waits ? "warn" : "ok");
        ticketText.textContent = current.ticket;
        receiptStatus.className = `badge ${StatusLooks[current.status] ?? "neutral"}`;
        receiptStatus.dataset.status = current.status;
        receiptStatus.textContent = t(`reportStatus.${current.status}`);
        // The private link opens the report's messages; the ticket alone shows its public status only.
        statusLink.href = `/lapor/${encodeURIComponent(current.reporterKey ?? current.ticket)}`;
    }
    // After sending, the phone is to be proved only if the report waits for it.
    verifySection.hidden = trusted || (state === "sent" && current.status !== "Received");
    drawVerify();
    // Each retry says "kept" again; only news moves the page (the reporter may be typing the phone number below).
    if (news) receipt.scrollIntoView({ block: "start" });
}

function startNew() {
    current = null;
    dirty = false;
    form.reset();
    clearFieldErrors(form);
    say(reportError, "");
    say(photosState, "");
    setPhotos([]);
    picker.clear();
    occurredAt.value = localInput(new Date());
    count();
    showForm();
}
another.addEventListener("click", () => { startNew(); window.scrollTo(0, 0); });
retryNow.addEventListener("click", () => { pause = 0; flush(); });

// ---- Sending, once ----
async function send(report) {
    const body = new FormData();
    for (const [name, v] of Object.entries(report.fields)) if (v) body.append(name, v);
    report.photos.forEach((p, i) => body.append("photos", p.blob, p.name || `foto-${i + 1}`));
    // A signed-in RT/RW head or partner reports as a trusted reporter with the cookie: that needs the page's token.
    const headers = sessionHeaders({ Accept: "application/json", "Idempotency-Key": report.key, "X-Device-Id": deviceId() });
    const proof = reporter();
    if (proof) headers["X-Reporter-Token"] = proof.token;
    let response;
    try {
        response = await fetch("/api/public/reports", { method: "POST", body, headers, credentials: "same-origin" });
    } catch {
        return { status: 0, data: null, withProof: !!proof };
    }
    const data = await response.json().catch(() => null);
    return { status: response.status, ok: response.ok, data, withProof: !!proof };
}

/** No signal, or a server that is down or failing: the report waits and goes again. Anything else is an answer. */
const waitsForNetwork = r => r.status === 0 || r.status === 408 || r.status >= 500;

/**
 * A report kept with a typed name and no kelurahan (written without a signal) gets its place before it goes: the one
 * village of that name, else it stays on the phone and the reporter is asked to choose ("choose"). "wait": no signal.
 */
async function resolvePlace(report) {
    if (report.fields.villageCode || !report.placeText) return "ready";
    const found = await api("GET", `/api/places?q=${encodeURIComponent(report.placeText)}`);
    if (waitsForNetwork(found) || found.status === 429) return "wait";
    if (found.ok && found.data.length === 1) {
        report.fields.villageCode = found.data[0].code;
        report.place = found.data[0].label;
        report.placeText = "";
        await queue.put(report);
        return "ready";
    }
    const why = { code: found.ok && found.data.length > 1 ? "report.placeSeveral" : "report.placeNone", args: [report.placeText] };
    report.refused = { status: 400, place: true, errors: { villageCode: [why.code] }, codes: { villageCode: [why] } };
    return "choose";
}

let pause = 0;
let retryTimer = 0;
let running = false;
let again = false;

/** Sends every report waiting on the phone, oldest first; never two sends at once (not even from two tabs). */
async function flush() {
    if (running) { again = true; return; }
    running = true;
    try {
        do {
            again = false;
            await (navigator.locks ? navigator.locks.request("pantau-lapor-outbox", sendWaiting) : sendWaiting());
        } while (again);
    } finally {
        running = false;
    }
}

async function sendWaiting() {
    clearTimeout(retryTimer);
    let stuck = false;
    for (const report of await queue.all()) {
        if (report.refused) continue;
        const place = await resolvePlace(report);
        if (place === "wait") { stuck = true; break; }
        if (place === "choose") { await queue.put(report); await refused(report); continue; }
        let result = await send(report);
        if (result.status === 401 && result.withProof) {
            // The phone's proof ran out: forget it and send without; the report then waits for the phone to be proved.
            remember(Stored.reporter, null);
            drawVerify();
            result = await send(report);
        }
        if (result.ok) {
            await queue.remove(report.key);
            sent(report, result.data);
        } else if (waitsForNetwork(result)) {
            stuck = true;
            break;
        } else {
            report.refused = { status: result.status, errors: result.data?.errors ?? null, codes: result.data?.codes ?? null,
                title: result.data?.title ?? null, code: result.data?.code ?? null, args: result.data?.args ?? null };
            await queue.put(report);
            await refused(report);
        }
    }
    if (stuck) {
        pause = Math.min(Math.max(pause * 2, 2000), 60_000);
        retryTimer = setTimeout(flush, pause);
        if (current?.key && !current.ticket && !current.refused) showReceipt("queued");
    } else {
        pause = 0;
    }
    await drawMine();
}

function sent(report, answer) {
    rememberMine({ ticket: answer.ticket, reporterKey: answer.key ?? null, category: report.fields.category, place: report.place, at: report.savedAt,
        status: answer.status, verificationToken: answer.verificationToken ?? null });
    if (current?.key === report.key) {
        current = { key: report.key, ticket: answer.ticket, reporterKey: answer.key ?? null, status: answer.status, verificationToken: answer.verificationToken ?? null };
        showReceipt("sent");
        // Where the report really went, when that is not the office's officers (an office without staff).
        if (answer.notice) say(receiptState, `${t("report.sent")} ${answer.notice}`, "warn");
    }
}

/** A refused report goes back into the form with the API's messages: now, if it is the page's, else when the form is free. */
async function refused(report) {
    if (current?.key !== report.key && (dirty || current)) return;
    await openRefused(report);
}

async function openRefused(report) {
    current = { key: report.key, refused: true };
    await putBack(report);
    dirty = false;
    showForm();
    const r = report.refused;
    const rest = r.errors ? showFieldErrors(form, { errors: r.errors, codes: r.codes }) : [];
    const why = r.place ? [t("report.placeToChoose"), ...rest] : r.status === 400 ? [t("report.refused"), ...rest] : [problemText(r)];
    say(reportError, why.join(" "), "error");
    form.querySelector("[aria-invalid=true]")?.focus();
    // A name that is several places (or none): the places that match, to choose from.
    if (r.place) await picker.search(report.placeText);
}

form.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(form);
    say(reportError, "");
    const { fields, place, placeText } = read();
    const errors = check(fields, placeText);
    if (Object.keys(errors).length) {
        const rest = showFieldErrors(form, { errors });
        say(reportError, [t("form.fix"), ...rest].join(" "), "error");
        form.querySelector("[aria-invalid=true]")?.focus();
        return;
    }
    // The key is made once per report and kept with it: every retry carries the same one.
    const report = {
        key: current?.key ?? newKey(), savedAt: new Date().toISOString(), fields, place, placeText,
        photos: photos.map(({ name, type, blob }) => ({ name, type, blob })),
    };
    submitButton.disabled = true;
    try {
        await queue.put(report);
        current = { key: report.key };
        dirty = false;
        showReceipt("sending");
        await flush();
    } finally {
        submitButton.disabled = false;
    }
});

// ---- The phone number: a one-time code, before or after sending ----
const verifyForm = document.getElementById("verify-form");
const verifiedAs = document.getElementById("verified-as");
const verifiedText = document.getElementById("verified-text");
const phone = document.getElementById("phone");
const codeField = document.getElementById("code-field");
const code = document.getElementById("code");
const verifyButton = document.getElementById("verify-button");
const resend = document.getElementById("resend");
const verifyState = document.getElementById("verify-state");

function drawVerify() {
    const proof = reporter();
    verifiedAs.hidden = !proof;
    verifyForm.hidden = !!proof;
    if (proof) verifiedText.textContent = t("report.verifiedAs", proof.phone);
}

/** The report a code proves: the one on screen if it waits, else the newest from this phone that waits. */
function waitingToken() {
    if (current?.status === "Received" && current.verificationToken) return current.verificationToken;
    return mine().find(m => m.status === "Received" && m.verificationToken)?.verificationToken ?? null;
}

/**
 * The proof of work the API asks for once this network asked for many codes: the altcha widget (npm altcha, its
 * build without inline styles or blob workers) fetches a challenge and finds its number, a second or so on a phone.
 * Returns the payload to send, or null.
 */
async function solveCheck() {
    const box = document.getElementById("proof-of-work");
    if (!customElements.get("altcha-widget")) {
        // @ts-ignore: a file the build copies into wwwroot/lib, without types (a global custom element)
        await import("/lib/altcha/altcha.js");
        // @ts-ignore: the same, its Indonesian texts
        await import("/lib/altcha/id.js");
        globalThis.$altcha.algorithms.set("SHA-256", () => new Worker("/lib/altcha/sha.js"));
    }
    let widget = box.querySelector("altcha-widget");
    if (!widget) {
        widget = document.createElement("altcha-widget");
        widget.setAttribute("challenge", "/api/reporters/challenge");
        widget.setAttribute("auto", "off");
        widget.setAttribute("language", document.documentElement.lang === "en" ? "en" : "id");
        box.append(widget);
    }
    box.hidden = false;
    // The element's methods answer once it is mounted.
    for (let i = 0; i < 100 && typeof widget.getState?.() !== "string"; i++) await new Promise(r => setTimeout(r, 20));
    widget.reset?.();
    const solved = await widget.verify?.();
    box.hidden = true;
    return solved?.payload ?? null;
}

async function sendCode(altcha) {
    const response = await api("POST", "/api/reporters/otp", { phone: phone.value.trim(), altcha });
    if (response.status === 400 && response.data?.errors?.altcha && !altcha) {
        say(verifyState, t("report.checking"));
        const payload = await solveCheck().catch(() => null);
        if (!payload) {
            say(verifyState, t("report.checkFailed"), "error");
            return;
        }
        say(verifyState, "");
        return sendCode(payload);
    }
    if (response.ok) {
        verifyState.dataset.phone = response.data.phone;
        codeField.hidden = false;
        resend.hidden = false;
        verifyButton.textContent = t("report.verify");
        say(verifyState, t("report.codeSent", response.data.phone, Math.round(response.data.expiresInSeconds / 60)), "ok");
        code.focus();
    } else if (response.status === 400) {
        const rest = showFieldErrors(verifyForm, response.data);
        say(verifyState, rest.join(" "), rest.length ? "error" : null);
    } else {
        say(verifyState, response.status === 0 ? t("api.offline") : problemText(response.data), "error");
    }
}

async function verify() {
    const token = waitingToken();
    const response = await api("POST", "/api/reporters/verify", { phone: phone.value.trim(), code: code.value.trim(), token });
    if (!response.ok) {
        if (response.status === 400) {
            const rest = showFieldErrors(verifyForm, response.data);
            say(verifyState, rest.join(" "), rest.length ? "error" : null);
        } else {
            say(verifyState, response.status === 0 ? t("api.offline") : problemText(response.data), "error");
        }
        return;
    }
    const masked = verifyState.dataset.phone || phone.value.trim();
    remember(Stored.reporter, { token: response.data.reporterToken, expiresAt: response.data.expiresAt, phone: masked });
    for (const ticket of response.data.verifiedTickets) {
        const entry = mine().find(m => m.ticket === ticket);
        if (entry) rememberMine({ ...entry, status: "Verified", verificationToken: null });
        if (current?.ticket === ticket) {
            current = { ...current, status: "Verified", verificationToken: null };
            showReceipt("sent");
            say(receiptState, t("report.nowVerified", ticket), "ok");
        }
    }
    verifyForm.reset();
    codeField.hidden = true;
    resend.hidden = true;
    verifyButton.textContent = t("report.sendCode");
    say(verifyState, "");
    drawVerify();
    await drawMine();
    flush();
}

verifyForm.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(verifyForm);
    say(verifyState, "");
    verifyButton.disabled = true;
    try {
        if (codeField.hidden) await sendCode(); else await verify();
    } finally {
        verifyButton.disabled = false;
    }
});
resend.addEventListener("click", async () => {
    clearFieldErrors(verifyForm);
    await sendCode();
});
document.getElementById("forget-phone").addEventListener("click", () => {
    remember(Stored.reporter, null);
    drawVerify();
    phone.focus();
});

// ---- Reports from this phone ----
const mineSection = document.getElementById("mine");
const mineList = document.getElementById("mine-list");

async function drawMine() {
    // The report open in the form for a fix is not listed again.
    const waiting = (await queue.all()).filter(r => !(r.refused && current?.refused && r.key === current.key));
    const items = [
        ...waiting.map(r => el("li", { class: "card", "data-key": r.key, "data-state": r.refused ? "refused" : "waiting" },
            el("strong", {}, t(`reportCategory.${r.fields.category}`)), " · ", r.place, " · ",
            el("span", { class: "badge expiring" }, r.refused ? t("report.needsFix") : t("report.waiting")),
            r.refused ? el("span", { class: "actions" },
                el("button", { type: "button", class: "linklike", "data-fix": r.key }, t("report.fix")),
                el("button", { type: "button", class: "linklike", "data-discard": r.key }, t("report.discard"))) : null)),
        ...mine().map(m => el("li", { class: "card", "data-ticket": m.ticket, "data-status": m.status },
            el("a", { href: `/lapor/${encodeURIComponent(m.reporterKey ?? m.ticket)}`, class: "mono" }, m.ticket), " · ",
            t(`reportCategory.${m.category}`), m.place ? ` · ${m.place}` : "", el("br"),
            el("span", { class: "hint" }, `${formatTime(m.at)} · ${t(`reportStatus.${m.status}`)}`))),
    ];
    mineList.replaceChildren(...items);
    mineSection.hidden = items.length === 0;
}
mineList.addEventListener("click", async e => {
    const fix = e.target.closest("button[data-fix]");
    const discard = e.target.closest("button[data-discard]");
    if (fix) {
        const report = (await queue.all()).find(r => r.key === fix.dataset.fix);
        if (report) { await openRefused(report); await drawMine(); window.scrollTo(0, 0); }
    } else if (discard) {
        // Only a report the API refused can be thrown away; one waiting for a signal always goes.
        await queue.remove(discard.dataset.discard);
        await drawMine();
    }
});

// ---- Start ----
async function start() {
    occurredAt.value = localInput(new Date());
    count();
    drawVerify();
    submitButton.disabled = false;
    verifyButton.disabled = false;
    addEventListener("online", () => { pause = 0; flush(); });
    document.addEventListener("visibilitychange", () => { if (!document.hidden) flush(); });
    // A report left on the phone by an earlier visit goes now (or is put back, if the API refused it).
    const left = await queue.all();
    const firstRefused = left.find(r => r.refused);
    if (firstRefused) await openRefused(firstRefused);
    await drawMine();
    flush();

    // Offline: the service worker keeps the form itself (and the map's script).
    const worker = "serviceWorker" in navigator
        ? navigator.serviceWorker.register("/sw.js", { scope: "/lapor" }).then(() => navigator.serviceWorker.ready).catch(() => null)
        : Promise.resolve(null);
    // The kelurahan lists an earlier form kept on the phone: the place search needs none.
    window.caches?.delete("pantau-regions-v1").catch(() => { });
    const ready = await worker;
    if (ready) {
        form.dataset.offlineReady = "true";
        document.getElementById("offline-ready").hidden = false;
    }
}
start();
