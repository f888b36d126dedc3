// @ts-check
// A Leaflet map (npm leaflet, loaded by the page as a global script) with the tiles the page names: data-tiles and
// data-attribution on the map's element, from Places:TileUrl and Places:TileAttribution (the Content-Security-Policy
// allows that origin). Without tiles (offline, or blocked) the map stays grey and its markers still work.
import { t } from "./pantau.js";

/**
 * A map in box, its zoom buttons titled in the page's language, with the configured tiles.
 * @param {HTMLElement} box
 * @param {import("leaflet").LatLngExpression} centre
 * @param {number} zoom
 */
export function newMap(box, centre, zoom) {
    const map = L.map(box, { zoomControl: false }).setView(centre, zoom);
    L.control.zoom({ zoomInTitle: t("place.zoomIn"), zoomOutTitle: t("place.zoomOut") }).addTo(map);
    // Leaflet puts the attribution in as HTML: the configured text goes in as text.
    const attribution = box.dataset.attribution ?? "";
    L.tileLayer(box.dataset.tiles, {
        maxZoom: 19,
        attribution: attribution.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
        // The page's Referrer-Policy (same-origin) sends nothing to other sites; the tile server asks for the origin.
        referrerPolicy: "strict-origin",
    }).addTo(map);
    return map;
}
