using System.Globalization;
using CsvHelper;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>The expiry list in a real Chromium, on a phone (360×740) and on a desk (1280×800): paging, a filter, the export.</summary>
public sealed class PermitExpiryPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Officer = "petugas.tangerang@pantau.test";
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-250);
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<PantauApp, int> Seeded = [];

    /// <summary>27 residents whose permits end within 20 days of <see cref="Day"/>, every third Japanese; how many are Japanese.</summary>
    private async Task<int> SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            lock (Seeded) if (Seeded.TryGetValue(App, out var n)) return n;
            var officer = await App.LoginAsync(Officer);
            var japanese = 0;
            for (var i = 0; i < 27; i++)
            {
                var nationality = i % 3 == 0 ? "JPN" : "CHN";
                if (nationality == "JPN") japanese++;
                var body = People.Registration(People.TangerangVillage, $"Browser Expiry {i:D2}", nationality: nationality,
                    permitExpiry: Day.AddDays(i % 20).ToString("yyyy-MM-dd"));
                ((Dictionary<string, object?>[])body["permits"]!)[0]["issueDate"] = Day.AddDays(-300).ToString("yyyy-MM-dd");
                await officer.RegisterAsync(body);
            }
            lock (Seeded) Seeded[App] = japanese;
            return japanese;
        }
        finally
        {
            Once.Release();
        }
    }

    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 800)]
    public async Task An_officer_pages_filters_and_exports_the_list(int width, int height)
    {
        var japanese = await SeedAsync();
        var page = await PhoneAsync(screen: new() { Width = width, Height = height });
        var url = $"/permit-expiry?day={Day:yyyy-MM-dd}";
        await page.GotoAsync(url);
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/permit-expiry", page.PathOf());

        Assert.Equal("Menampilkan 1–25 dari 27", await page.ShownTextAsync("#shown"));
        Assert.Equal(25, await page.Locator("#permits > li").CountAsync());
        var today = page.Locator("#permits > li", new() { HasText = "Browser Expiry 00" });
        Assert.Equal("hari ini", (await today.Locator(".badge").TextContentAsync())?.Trim());
        Assert.Equal("Jepang", (await today.Locator("dd").First.TextContentAsync())?.Trim());
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync($"permit-expiry-{width}");

        await page.SubmitAsync("#next");
        Assert.Contains("page=2", page.Url);
        Assert.Equal("Menampilkan 26–27 dari 27", await page.ShownTextAsync("#shown"));
        Assert.Equal("Halaman 2 dari 2", await page.ShownTextAsync("#page-of"));
        Assert.Equal(2, await page.Locator("#permits > li").CountAsync());
        await page.SubmitAsync("#previous");
        Assert.Equal(25, await page.Locator("#permits > li").CountAsync());

        // A filter: kept in the URL, so a reload shows the same list.
        await page.Locator("#expiry-filters summary").ClickAsync();
        await page.SelectOptionAsync("#nationality", "JPN");
        await page.SubmitAsync("#apply");
        Assert.Contains("nationality=JPN", page.Url);
        await page.ReloadAsync();
        Assert.Equal(japanese, await page.Locator("#permits > li").CountAsync());
        Assert.Equal($"Menampilkan 1–{japanese} dari {japanese}", await page.ShownTextAsync("#shown"));
        Assert.Equal("JPN", await page.InputValueAsync("#nationality"));
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();

        // The export link carries the filter: the file holds the same people.
        var href = await page.GetAttributeAsync("#export-csv", "href");
        Assert.Contains("nationality=JPN", href);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        using var reader = new CsvReader(new StreamReader(await download.CreateReadStreamAsync()), CultureInfo.InvariantCulture);
        var names = new List<string>();
        await reader.ReadAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetField(0)!);
        var shown = (await page.Locator("#permits > li a.name").AllTextContentsAsync()).Select(n => n.Trim()).ToList();
        Assert.Equal(shown, names);
        Assert.Equal(japanese, names.Count);
    }
}
