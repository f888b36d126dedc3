#:package Microsoft.Playwright
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Transferred bytes and the time to a usable form of /lapor and /statistik on a phone under emulated slow 3G
// (Chrome DevTools' "Slow 3G": 2,000 ms latency, 50,000 bytes/s down and up), in the Chromium the browser tests use.
// Usage: dotnet run bench/slow3g/slow3g.cs -- http://127.0.0.1:5000
// A first visit (empty cache) and a second visit in the same browser (its HTTP cache), service workers blocked.
using System.Diagnostics;
using Microsoft.Playwright;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5000";
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-extensions", "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
});

// What "usable" means: the form's send button is enabled (report-form.js started); the figures are drawn.
(string Path, string Ready)[] pages = [("/lapor", "#submit-report:enabled"), ("/statistik", "#stats[aria-busy=false]")];
Console.WriteLine("| page | visit | transferred (bytes) | requests | usable after (ms) |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var (path, ready) in pages)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, Locale = "id-ID",
        // The HTTP cost only: /lapor's service worker fetches outside the page's throttled session, where it would not be counted.
        ServiceWorkers = ServiceWorkerPolicy.Block });
    foreach (var visit in new[] { "first", "second" })
    {
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        long bytes = 0;
        var requests = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e?.GetProperty("encodedDataLength").GetDouble() is { } n) { bytes += (long)n; requests++; }
        };
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 2000, ["downloadThroughput"] = 50_000, ["uploadThroughput"] = 50_000,
        });
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(baseUrl + path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.Locator(ready).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        var usable = clock.ElapsedMilliseconds;
        try { await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 }); } catch (TimeoutException) { }
        Console.WriteLine($"| {path} | {visit} | {bytes:N0} | {requests} | {usable:N0} |");
        await page.CloseAsync();
    }
}
