using Microsoft.Playwright;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Home.Resources;
using Pantau.Web.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Home;

/// <summary>The public front door (<c>/</c>) and the page a browser gets for an unknown address, on a phone and a desktop.</summary>
public sealed class FrontDoorPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    public static readonly TheoryData<int, int> Screens = new() { { Chromium.PhoneWidth, Chromium.PhoneHeight }, { 1280, 800 } };

    private static string Id(string key) => TextCatalog.Table(typeof(HomeTexts), TextCatalog.Indonesian)[key];
    private static string En(string key) => TextCatalog.Table(typeof(HomeTexts), TextCatalog.English)[key];

    [Theory, MemberData(nameof(Screens))]
    public async Task A_visitor_finds_the_report_form_a_status_check_the_statistics_and_the_sign_in(int width, int height)
    {
        var receipt = await SubmittedAsync(App.CreateClient(), Form(village: "36.71.01.1006", lat: null, lon: null));
        var key = receipt.GetProperty("key").GetString()!;
        var page = await PhoneAsync(screen: new() { Width = width, Height = height });

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        Assert.Equal("id", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Id("front.title"), await page.ShownTextAsync("h1"));
        // The office of this deployment (appsettings.Development.json), and the published national count.
        Assert.Contains("Kantor Imigrasi", await page.ShownTextAsync("#front-office"));
        Assert.Matches(@"^(\d{1,3}(\.\d{3})*|<5)$", await page.ShownTextAsync("#front-registered"));
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();

        foreach (var (link, path) in new[] { ("#front-report", "/lapor"), ("#front-statistics", "/statistik"), ("#front-sign-in", "/login") })
        {
            await page.GotoAsync("/");
            await page.ClickAsync(link);
            await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == path);
            Assert.True((await page.TitleAsync()).Length > 0, $"{path} has no title");
        }

        // "Check a report's status": the key from the receipt opens the report's page; a word that is no ticket stays here.
        await page.GotoAsync("/");
        await page.FillAsync("#reference", "bukan tiket");
        await page.SubmitAsync("#front-track button[type=submit]");
        Assert.Equal("/", page.PathOf());
        Assert.Equal(Id("front.track.notReference"), await page.ShownTextAsync("#reference-error"));
        await page.FillAsync("#reference", key);
        await page.SubmitAsync("#front-track button[type=submit]");
        Assert.Equal($"/lapor/{key}", page.PathOf());
        Assert.False(await page.Locator("#unknown-ticket").IsVisibleAsync());

        // English is one click away, on the same page.
        await page.GotoAsync("/");
        await page.ClickAsync("a[data-lang=en]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Equal("/", page.PathOf());
        Assert.Equal(En("front.title"), await page.ShownTextAsync("h1"));
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();
    }

    [Theory, MemberData(nameof(Screens))]
    public async Task An_unknown_address_is_a_page_in_the_visitors_language(int width, int height)
    {
        var page = await PhoneAsync(screen: new() { Width = width, Height = height });

        var response = await page.GotoAsync("/halaman-yang-tidak-ada");
        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        Assert.Equal("id", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Id("error.404.title"), await page.ShownTextAsync("#error-page h1"));
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();

        await page.ClickAsync("a[data-lang=en]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Equal(En("error.404.title"), await page.ShownTextAsync("#error-page h1"));
        // The switch came back to the address asked for, not to the error page's own.
        Assert.Equal("/halaman-yang-tidak-ada", page.PathOf());
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();

        // With English chosen, another unknown address answers in English.
        response = await page.GotoAsync("/lapor/tidak/ada");
        Assert.Equal(404, response!.Status);
        Assert.Equal(En("error.404.title"), await page.ShownTextAsync("#error-page h1"));
        await page.ClickAsync("#error-home");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        Assert.Equal(En("front.title"), await page.ShownTextAsync("h1"));
    }
}
