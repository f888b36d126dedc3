// @ts-check
// The lodging registration (/penginapan/daftar): its kelurahan/desa is picked by name or by the position
// (place-search.js); the form posts the picked code (hidden VillageCode) and the server checks it as before.
import { placePicker } from "./place-search.js";

placePicker(document.querySelector("[data-place-picker]"));
