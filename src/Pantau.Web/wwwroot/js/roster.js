// @ts-check
// The duty roster's day bars (page /teams): each shift and the "now" line placed along the day. The page gives the
// places as data attributes, since the Content-Security-Policy lets no style attribute through; styles set here,
// through the DOM, are allowed.
for (const bar of document.querySelectorAll(".roster-bar [data-left]")) {
    bar.style.left = bar.dataset.left;
    if (bar.dataset.width) bar.style.width = bar.dataset.width;
}
