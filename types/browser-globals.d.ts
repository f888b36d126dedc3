// Declarations for what the browser scripts' type check (tsconfig.json at the repository root) cannot see by itself.
import type * as Leaflet from "leaflet";
import type { Chart as ChartJs } from "chart.js";

declare global {
    // The libraries the pages load with a plain <script> (wwwroot/lib, copied from npm by the build), as globals;
    // a page checks window.L / window.Chart first, since a library that did not load must not stop the page.
    const L: typeof Leaflet;
    const Chart: typeof ChartJs;
    interface Window { L?: typeof Leaflet; Chart?: typeof ChartJs }

    // The scripts look their elements up by id and selector in markup that the server drew, and use them as what
    // that markup makes them (an input's value, a table's bodies). Typing each lookup would be a cast per line that
    // the browser tests already prove; so lookups answer `any`, and the rest of the code is checked.
    interface Document { getElementById(elementId: string): any }
    interface ParentNode { querySelector(selectors: string): any; querySelectorAll(selectors: string): NodeListOf<any> }
    interface Element { closest(selectors: string): any }
}

export { };
