// @ts-check
// The place picker (Features/Places/Pages/_PlacePicker.cshtml) of the report form and the lodging registration: "use
// my position" (GET /api/places/at), one search box over the villages' names (GET /api/places?q=: an ARIA combobox
// whose listbox is read by the arrow keys, Enter and Escape, or tapped), and a Leaflet map whose pin can be dragged
// (or the map tapped): each move looks the place up again. Every name from the API is set as text. Without Leaflet
// there is no map, without tiles it is grey; without a signal the typed name and the position stay in the form.
import { t, api, el, say, errorsText, failureText } from "./pantau.js";
import { newMap } from "./map.js";

/**
 * A place as /api/places answers it.
 * @typedef {{ code: string, name?: string, label: string, district?: { code: string, name: string },
 *   regency?: { code: string, name: string }, office?: { id: number, name: string } | null, approximate?: boolean,
 *   distanceMetres?: number, centre?: { latitude: number, longitude: number } | null }} Place
 */

/** At least two letters or digits: what the API searches for. @param {string} text */
const searchable = text => text.replace(/[^\p{L}\p{N}]/gu, "").length >= 2;

/**
 * Starts the picker inside root.
 * @param {HTMLElement} root the element with data-place-picker
 * @param {{ onChange?: () => void, offlineText?: string, positionOfflineText?: string }} [options] onChange: the place
 *   or the position changed; the texts: what to say when a name or a position cannot be looked up without a signal
 */
export function placePicker(root, options = {}) {
    const part = name => root.querySelector(`[data-place="${name}"]`);
    const input = part("input"), list = part("options"), code = part("code"), state = part("state"), count = part("count");
    const locate = part("locate"), clearPosition = part("clear-position"), positionText = part("position"), mapBox = part("map");
    const latitude = part("latitude"), longitude = part("longitude");
    const changed = () => options.onChange?.();

    /** @type {Place | null} */
    let place = null;
    /** @type {{ latitude: number, longitude: number } | null} */
    let position = null;
    let outside = false;
    /** @type {Place[]} */
    let found = [];
    let active = -1;
    let asked = 0; // the latest look-up: an older answer coming late is dropped
    let typing = 0;

    if (code.value && input.value) place = { code: code.value, label: input.value };

    // ---- The map: made when there is something to show ----
    /** @type {import("leaflet").Map | null} */
    let map = null;
    /** @type {import("leaflet").Marker | null} */
    let pin = null;
    function showMap(centre, zoom) {
        if (!window.L) return;
        mapBox.hidden = false;
        if (!map) {
            map = newMap(mapBox, centre, zoom);
            map.on("click", e => moveTo(e.latlng.lat, e.latlng.lng));
        } else {
            map.invalidateSize();
            map.setView(centre, Math.max(map.getZoom(), zoom));
        }
    }
    function drawPin() {
        if (!position) {
            pin?.remove();
            pin = null;
            delete mapBox.dataset.pin;
            return;
        }
        const at = L.latLng(position.latitude, position.longitude);
        showMap(at, 15);
        if (!map) return;
        if (!pin) {
            pin = L.marker(at, { draggable: true, autoPan: true, alt: t("place.pin"), title: t("place.pin") }).addTo(map);
            pin.on("dragend", () => { const p = pin.getLatLng(); moveTo(p.lat, p.lng); });
        } else pin.setLatLng(at);
        mapBox.dataset.pin = `${position.latitude.toFixed(5)},${position.longitude.toFixed(5)}`;
    }

    // ---- What the picker says ----
    function describe() {
        // A place put back from the phone has no office to tell.
        if (!place || place.office === undefined) return say(state, "");
        const parts = [place.office ? t("place.office", place.office.name) : t("place.noOffice")];
        if (place.approximate) parts.unshift(t("place.approximate", place.distanceMetres));
        say(state, parts.join(" "), place.office && !place.approximate ? null : "warn");
        state.classList.add("hint");
    }

    /** @param {Place | null} chosen @param {boolean} [fromPosition] */
    function choose(chosen, fromPosition = false) {
        place = chosen;
        code.value = chosen?.code ?? "";
        input.value = chosen?.label ?? "";
        root.dataset.source = chosen ? (fromPosition ? "position" : "search") : "";
        close();
        describe();
        if (chosen && !fromPosition && chosen.centre && !position) showMap([chosen.centre.latitude, chosen.centre.longitude], 14);
        changed();
    }

    // ---- The position ----
    /** @param {number | null} lat @param {number | null} lng @param {number} [accuracy] */
    function setPosition(lat, lng, accuracy) {
        position = lat === null || lng === null || Number.isNaN(lat) || Number.isNaN(lng) ? null : { latitude: lat, longitude: lng };
        outside = false;
        if (latitude) latitude.value = position ? position.latitude.toFixed(6) : "";
        if (longitude) longitude.value = position ? position.longitude.toFixed(6) : "";
        clearPosition.hidden = !position;
        positionText.hidden = !position;
        if (position) positionText.textContent = accuracy === undefined
            ? t("place.positionOnly", position.latitude.toFixed(5), position.longitude.toFixed(5))
            : t("place.position", position.latitude.toFixed(5), position.longitude.toFixed(5), Math.round(accuracy));
        positionText.className = "hint";
        drawPin();
    }

    /** The pin moved (dragged, the map tapped): the place at its new spot. */
    function moveTo(lat, lng) {
        setPosition(lat, lng);
        changed();
        lookUp();
    }

    async function lookUp() {
        if (!position) return;
        const ask = ++asked;
        say(state, t("place.lookingUp"));
        state.classList.add("hint");
        const r = await api("GET", `/api/places/at?lat=${position.latitude.toFixed(6)}&lng=${position.longitude.toFixed(6)}`);
        if (ask !== asked) return;
        if (r.ok) return choose(r.data, true);
        // The place found from an earlier position is no longer this one's.
        if (root.dataset.source === "position") choose(null, true);
        if (r.status === 400) {
            outside = true;
            say(state, errorsText(r.data), "error");
        } else if (r.status === 0) {
            say(state, options.positionOfflineText ?? t("place.offline"), "warn");
        } else say(state, failureText(r), "warn");
        changed();
    }

    locate.addEventListener("click", () => {
        if (!navigator.geolocation) return say(positionText, t("place.noPosition"), "warn");
        say(positionText, t("place.locating"));
        positionText.className = "hint";
        navigator.geolocation.getCurrentPosition(
            p => { setPosition(p.coords.latitude, p.coords.longitude, p.coords.accuracy); changed(); lookUp(); },
            () => say(positionText, t("place.noPosition"), "warn"),
            { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
    clearPosition.addEventListener("click", () => {
        asked++;
        setPosition(null, null);
        if (!place) say(state, "");
        changed();
    });

    // ---- The search box: a combobox and its listbox ----
    function close() {
        list.hidden = true;
        list.replaceChildren();
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function open(places) {
        found = places;
        active = -1;
        list.replaceChildren(...places.map((p, i) => el("li", { id: `place-option-${i}`, role: "option", "aria-selected": "false", "data-code": p.code }, p.label)));
        list.hidden = places.length === 0;
        input.setAttribute("aria-expanded", String(places.length > 0));
        count.textContent = places.length ? t("place.found", places.length) : "";
    }

    function highlight(i) {
        const options = [...list.children];
        if (!options.length) return;
        active = (i + options.length) % options.length;
        options.forEach((o, n) => o.setAttribute("aria-selected", String(n === active)));
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
    }

    /** Looks the typed name up and lists what matches; false when it could not be looked up (no signal). */
    async function search(text = input.value.trim()) {
        if (!searchable(text)) {
            close();
            if (!place) say(state, "");
            return true;
        }
        const ask = ++asked;
        say(state, t("place.searching"));
        state.classList.add("hint");
        const r = await api("GET", `/api/places?q=${encodeURIComponent(text)}`);
        if (ask !== asked) return true;
        if (r.ok) {
            open(r.data);
            say(state, r.data.length ? "" : t("place.none"), r.data.length ? null : "warn");
            return true;
        }
        close();
        if (r.status === 0) say(state, options.offlineText ?? t("place.offline"), "warn");
        else say(state, r.status === 400 ? errorsText(r.data) : failureText(r), "warn");
        return r.status !== 0;
    }

    input.addEventListener("input", () => {
        // A name typed is not yet a place: the code goes until one is picked.
        if (place && input.value !== place.label) {
            place = null;
            code.value = "";
            root.dataset.source = "typed";
            changed();
        }
        clearTimeout(typing);
        typing = setTimeout(() => search(), 250);
    });
    input.addEventListener("keydown", e => {
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (list.hidden) { search(); return; }
            highlight(active + (e.key === "ArrowDown" ? 1 : -1));
        } else if (e.key === "Enter" && !list.hidden) {
            // Enter picks the highlighted place (or the only one) instead of sending the form.
            e.preventDefault();
            const i = active >= 0 ? active : found.length === 1 ? 0 : -1;
            if (i >= 0) choose(found[i]);
        } else if (e.key === "Escape" && !list.hidden) {
            e.preventDefault();
            close();
        }
    });
    input.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== input) close(); }, 150));
    // The pick happens on click; pressing must not take the focus (and close the list) first.
    list.addEventListener("mousedown", e => e.preventDefault());
    list.addEventListener("click", e => {
        const option = /** @type {HTMLElement} */ (e.target).closest("[role=option]");
        if (option) choose(found[[...list.children].indexOf(option)]);
    });

    return {
        /** The picked kelurahan/desa's code, or "". */
        get code() { return code.value; },
        /** What the box holds: the picked place's label, or a name typed and not yet looked up. */
        get text() { return input.value.trim(); },
        get place() { return place; },
        get position() { return position; },
        /** The last position looked up lies outside Indonesia. */
        get outside() { return outside; },
        /** The box focused, for a reporter asked to choose. */
        focus() { input.focus(); },
        search,
        /**
         * Puts a place back (a report opened again): the code with its label, or a name typed, and the position;
         * nothing is looked up.
         * @param {{ code?: string, label?: string, text?: string, latitude?: string | number, longitude?: string | number }} p
         */
        set(p) {
            asked++;
            close();
            say(state, "");
            setPosition(p.latitude ? Number(p.latitude) : null, p.longitude ? Number(p.longitude) : null);
            place = p.code ? { code: p.code, label: p.label || p.code } : null;
            code.value = p.code ?? "";
            input.value = p.code ? (p.label || p.code) : (p.text ?? "");
            root.dataset.source = p.code ? "search" : p.text ? "typed" : "";
        },
        clear() {
            this.set({});
            mapBox.hidden = true;
        },
    };
}
