using Pantau.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Pantau.Tests.Browser;

/// <summary>
/// One headless Chromium for the whole run: Debian's, driven by Playwright from NuGet (never <c>playwright install</c>).
/// Each test opens its own context, so cookies and language choices do not leak between tests. (One per test class
/// cost a browser start for each of fifteen classes; the browser ends with the test process.)
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const int PhoneWidth = 360;
    public const int PhoneHeight = 740;

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync() => _browser = await Shared.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Offline but for the app: every other host fails to resolve inside Chromium. (A Playwright route did the same
            // but sent every request through the test process and turned the HTTP cache off.)
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-extensions",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
        });
    }

    /// <summary>
    /// A fresh phone-sized browser on the app at <paramref name="baseUrl"/>, offline but for the app (map tiles and
    /// anything else from outside do not load), standing at <paramref name="position"/> when given.
    /// </summary>
    public async Task<IPage> NewPhoneAsync(string baseUrl, Geolocation? position = null, ViewportSize? screen = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = screen ?? new() { Width = PhoneWidth, Height = PhoneHeight },
            Locale = "en-US", // the browser's language must not matter: Indonesian stays the default
            Geolocation = position,
            Permissions = position is null ? [] : ["geolocation"],
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// A class of page tests: the app on a real port and one Chromium for the class; each test opens its own browser
/// contexts (<see cref="PhoneAsync"/>), closed when it ends.
/// </summary>
public abstract class PageTests(PantauApp app, Chromium chromium) : IClassFixture<PantauApp>, IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _opened = [];

    protected PantauApp App => app;

    public Task InitializeAsync()
    {
        app.StartOnRealPort();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _opened) await context.CloseAsync();
    }

    /// <summary>A fresh browser (a phone unless <paramref name="screen"/> says otherwise) on the app.</summary>
    protected async Task<IPage> PhoneAsync(Geolocation? position = null, ViewportSize? screen = null)
    {
        var page = await chromium.NewPhoneAsync(app.StartOnRealPort(), position, screen);
        _opened.Add(page.Context);
        return page;
    }
}

public static class PhoneChecks
{
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.SubmitAsync("form.form button[type=submit]");
    }

    /// <summary>Clicks and waits until the next document has loaded (a redirect, or the same page rendered again).</summary>
    public static Task SubmitAsync(this IPage page, string selector) => page.SubmitAsync(page.Locator(selector));

    /// <summary>The same for a button found by a locator (a post-back to the same address included, which a URL wait cannot tell).</summary>
    public static async Task SubmitAsync(this IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.__leaving = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__leaving !== true && document.readyState !== 'loading'");
    }

    /// <summary>The element is there now, on a page that has finished loading: a clear failure instead of a timeout.</summary>
    public static async Task<string> ShownTextAsync(this IPage page, string selector)
    {
        Assert.True(await page.Locator(selector).IsVisibleAsync(), $"{selector} is not shown on {page.Url}");
        return (await page.Locator(selector).TextContentAsync() ?? "").Trim();
    }

    /// <summary>The page fits a 360 px screen: nothing makes it scroll sideways.</summary>
    public static async Task AssertFitsPhoneAsync(this IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var widest = width <= Chromium.PhoneWidth ? "" : await page.EvaluateAsync<string>("""
            w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).replaceAll(' ', '.') : ''}`).slice(0, 8).join(', ')
            """, Chromium.PhoneWidth);
        Assert.True(width <= Chromium.PhoneWidth, $"{page.Url} is {width} px wide at a {Chromium.PhoneWidth} px viewport: {widest}");
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public static string PathOf(this IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>Waits up to <paramref name="within"/> for an element to exist; false instead of an exception when it does not.</summary>
    public static async Task<bool> AppearsAsync(this IPage page, string selector, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (await page.Locator(selector).CountAsync() == 0)
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Marks the document, so that a test can tell later that the page was never reloaded.</summary>
    public static Task MarkDocumentAsync(this IPage page) => page.EvaluateAsync("() => { window.__sameDocument = true; }");

    public static Task<bool> IsSameDocumentAsync(this IPage page) => page.EvaluateAsync<bool>("() => window.__sameDocument === true");
}
