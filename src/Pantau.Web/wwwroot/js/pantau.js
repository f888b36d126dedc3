// @ts-check
// Shared by the pages that talk to the JSON API: texts from the server (the features' resources, via _ClientTexts), dates and numbers
// in the page's language, API calls with the browser's cookie session, field errors from problem details, and a
// small DOM builder that only ever sets text (never HTML), so nothing from the API can inject markup.

const texts = JSON.parse(document.getElementById("client-texts")?.textContent || "{}");

export const lang = document.documentElement.lang === "en" ? "en" : "id";
/** The page's locale for numbers and dates (also given to the charts, which would take the browser's). */
export const locale = lang === "en" ? "en-GB" : "id-ID";

const plurals = new Intl.PluralRules(locale);

/**
 * A text in the page's language; {0}, {1} … are replaced by the arguments. A missing key shows as itself. A text
 * with a singular form (key.one, "1 reporter") takes it when its first whole-number argument is one in the page's
 * language, as TextCatalog.Plural does on the server.
 * @param {string} key
 * @param {...unknown} args
 * @returns {string}
 */
export function t(key, ...args) {
    const count = args.find(a => typeof a === "number" && Number.isInteger(a));
    const text = (typeof count === "number" && plurals.select(count) === "one" ? texts[`${key}.one`] : undefined) ?? texts[key] ?? key;
    // {0:N0} is a number in the page's language (2.000 / 2,000), as string.Format writes it on the server.
    return text.replace(/\{(\d+)(:N0)?\}/g, (m, i, n) => args[i] === undefined ? m : n ? numberFormat.format(Number(args[i])) : args[i].toString());
}

/** @type {Record<string, string> | null} */
let countries = null;

/**
 * A nationality's name in the page's language (the page carries the list: _CountryNames), or the code itself.
 * @param {string | null | undefined} code
 * @returns {string}
 */
export function countryName(code) {
    if (!code) return "";
    countries ??= JSON.parse(document.getElementById("country-names")?.textContent ?? "{}");
    return countries?.[code] ?? code;
}

/**
 * A message from the API: a code (or a key) or { code, args }, translated; an argument that is a key (a status's
 * name) is translated too.
 */
export function message(m) {
    return typeof m === "string" ? t(m) : t(m.code, ...(m.args ?? []).map(a => texts[a] ?? a));
}

/** A problem's title in the page's language: by its code when it has one, else the title as sent. */
export function problemText(problem, fallback = "api.failed") {
    return problem?.code ? message(problem) : t(problem?.title ?? fallback);
}

/** A problem's field errors as one text, translated by their codes. */
export function errorsText(problem) {
    return Object.entries(problem?.errors ?? {}).map(([field, messages]) => (problem.codes?.[field] ?? messages).map(message).join(" ")).join(" ");
}

const dateFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" });
const numberFormat = new Intl.NumberFormat(locale);

/**
 * The office's time zone, which the layout gives on <body> (PageClock on the server): times are read on the office's
 * clock, named WIB, WITA or WIT, whatever the phone's own zone; a page without one shows WIB.
 */
export const timeZone = document.body?.dataset.timeZone || "Asia/Jakarta";
export const timeZoneName = document.body?.dataset.timeZoneName || "WIB";
const zonedDate = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone });
const zonedTime = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
const zonedDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone });

/**
 * "2027-06-30" (a date without time) as 30 Jun 2027, read as a calendar day, not shifted by the time zone.
 * @param {string | null | undefined} day
 */
export function formatDate(day) {
    if (!day) return "";
    const [y, m, d] = day.split("-").map(Number);
    return dateFormat.format(new Date(y, m - 1, d));
}

/**
 * An instant on the office's clock with the zone's name, 14.05 WIB; with the date when it is not today there.
 * @param {string | number | Date} instant
 */
export function formatTime(instant) {
    const at = new Date(instant);
    const sameDay = zonedDay.format(at) === zonedDay.format(new Date());
    return sameDay ? `${zonedTime.format(at)} ${timeZoneName}` : `${zonedDate.format(at)} ${zonedTime.format(at)} ${timeZoneName}`;
}

export const formatNumber = /** @param {number} n */ n => numberFormat.format(n);

/** The calendar day on the office's clock as yyyy-mm-dd. @param {Date} [d] */
export function localDay(d = new Date()) {
    return zonedDay.format(d);
}

/**
 * The headers a change made with the cookie session needs: the page's antiforgery token (a signed-in page's layout
 * carries it; anonymous pages have none and need none).
 * @param {Record<string, string>} [headers]
 * @returns {Record<string, string>}
 */
export function sessionHeaders(headers = {}) {
    const token = document.querySelector('meta[name="request-verification-token"]')?.content;
    return token ? { ...headers, RequestVerificationToken: token } : headers;
}

/**
 * What an API call answered: data is the JSON body (a problem details object when it failed), or null.
 * @typedef {{ ok: boolean, status: number, data: any }} ApiResult
 */

/**
 * Calls the API with the cookie session. Resolves to {ok, status, data}; status 0 is "no network".
 * A session that has ended sends the browser to the sign-in page and back here afterwards.
 * @param {"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} method
 * @param {string} url
 * @param {unknown} [body] sent as JSON
 * @returns {Promise<ApiResult>}
 */
export async function api(method, url, body) {
    let response;
    try {
        response = await fetch(url, {
            method,
            credentials: "same-origin",
            headers: sessionHeaders(body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" }),
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch {
        return { ok: false, status: 0, data: null };
    }
    if (response.status === 401) {
        location.href = "/login?ReturnUrl=" + encodeURIComponent(location.pathname + location.search);
        return { ok: false, status: 401, data: null };
    }
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json().catch(() => null) : null;
    return { ok: response.ok, status: response.status, data };
}

/** Removes the messages that showFieldErrors put into a form. @param {ParentNode} form */
export function clearFieldErrors(form) {
    for (const p of form.querySelectorAll(".field-error[data-client]")) p.remove();
    for (const input of form.querySelectorAll("[aria-invalid]")) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
    }
}

/**
 * Shows a 400's field errors at the fields (an input whose id is the field's name), translated by their codes;
 * returns the messages that belong to no field shown in the form.
 * @param {ParentNode} form
 * @param {{ errors?: Record<string, string[]>, codes?: Record<string, any[]> } | null | undefined} problem
 * @returns {string[]}
 */
export function showFieldErrors(form, problem) {
    clearFieldErrors(form);
    const rest = [];
    for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
        const name = field.replace(/[[.].*$/, "");
        const input = form.querySelector(`#${CSS.escape(name)}`) ?? form.querySelector(`[name="${CSS.escape(name)}"]`);
        const text = (problem.codes?.[field] ?? messages).map(message).join(" ");
        if (!input || input.closest("[hidden]")) { rest.push(text); continue; }
        const id = `${input.id || name}-error`;
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", id);
        const p = el("p", { class: "field-error", id, "data-client": "" }, text);
        input.closest(".field")?.append(p) ?? input.after(p);
    }
    return rest;
}

/** What to tell the user when a call failed without field errors. @param {{ status: number, data?: any }} result */
export function failureText(result) {
    if (result.status === 0) return t("api.offline");
    if (result.status === 403) return t("api.forbidden");
    if (result.status === 404) return t("api.notFound");
    if (result.status === 409) return t("api.conflict");
    if (result.data?.errors) return errorsText(result.data);
    return t("api.failed");
}

/**
 * el("p", {class: "muted"}, "text", child…): attributes are set as attributes, strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs] null, undefined and false leave the attribute out; true sets it empty
 * @param {...unknown} children nodes, text, or arrays of them; null, undefined and false are left out
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
        if (c === null || c === undefined || c === false) continue;
        node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
}

/**
 * A place as a person reads it: its name ("Sukarasa, Kec. Tangerang, Kota Tangerang"), with the Kemendagri code at most
 * a small muted detail after it (`withCode`) that never breaks a line. The code stands alone only where no name is
 * known. Both are text: a name comes from outside data.
 * @param {string | null | undefined} name
 * @param {string | null | undefined} code
 * @param {{ withCode?: boolean }} [options]
 */
export function placeName(name, code, { withCode = false } = {}) {
    if (!name && !code) return null;
    const codeShown = code && (withCode || !name);
    return el("span", { class: "place", "data-code": code ?? null },
        name ? el("span", { class: "place-name" }, name) : null,
        name && codeShown ? " " : null,
        codeShown ? el("span", { class: "place-code", translate: "no" }, code) : null);
}

/** The permit status badge, as the _PermitStatus partial draws it. @param {string} status */
export function permitStatusBadge(status) {
    const css = status.toLowerCase();
    return el("span", { class: `badge ${css}`, "data-status": css }, t(`permitStatus.${status}`));
}

const accessStateLooks = { Pending: "expiring", Approved: "valid", Denied: "expired", Expired: "cancelled" };

/** An access request's state as a badge: waiting, open (green), denied (red), run out (grey). @param {string} state */
export function accessStateBadge(state) {
    return el("span", { class: `badge ${accessStateLooks[state] ?? "neutral"}`, "data-state": state.toLowerCase() }, t(`accessState.${state}`));
}

/**
 * A definition list of [label, value] pairs, leaving out the empty ones.
 * @param {Array<[string, unknown, Record<string, unknown>?]>} pairs
 * @param {Record<string, unknown>} [attrs]
 */
export function facts(pairs, attrs = {}) {
    const dl = el("dl", { class: "facts", ...attrs });
    for (const [label, value, ddAttrs] of pairs) {
        if (value === null || value === undefined || value === "") continue;
        dl.append(el("dt", {}, label), el("dd", ddAttrs ?? {}, value));
    }
    return dl;
}

/**
 * Shows a message in a status element.
 * @param {HTMLElement} node
 * @param {string} text
 * @param {"ok" | "warn" | "error" | null} [kind] none: a plain notice
 */
export function say(node, text, kind) {
    node.textContent = text;
    node.hidden = !text;
    node.className = kind ? `notice ${kind}` : "notice";
}
