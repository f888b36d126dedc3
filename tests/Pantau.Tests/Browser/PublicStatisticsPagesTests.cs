using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>The public statistics page on a phone, for anyone without an account.</summary>
public sealed class PublicStatisticsPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string MampangPrapatan = "31.74.03";

    [Fact]
    public async Task The_public_sees_counts_per_region_with_small_ones_as_less_than_five_and_a_chart()
    {
        // Three people in kecamatan Mampang Prapatan (too few to show), six in Setiabudi.
        var jaksel = await App.LoginAsync("petugas.jaksel@pantau.test");
        foreach (var name in new[] { "Ana Souza", "Bruno Lima", "Carla Dias" })
            await jaksel.RegisterAsync(People.Registration($"{MampangPrapatan}.1001", name, "BRA"));
        for (var i = 0; i < 6; i++)
            await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, $"Kim Tae Hyun {(char)('A' + i)}", "KOR"));

        var page = await PhoneAsync();
        var response = await page.GotoAsync("/statistik");
        Assert.Equal(200, response!.Status);
        Assert.Equal("/statistik", page.PathOf()); // no sign-in needed
        await page.Locator("#stats[aria-busy=false]").WaitForAsync();
        // Indonesia's 38 provinces: those with residents listed, the others one line, not rows of zeros.
        var listed = await page.Locator("#children tr[data-code]").CountAsync();
        Assert.InRange(listed, 1, 37);
        Assert.Equal(0, await page.Locator("#children tr[data-display='0']").CountAsync());
        Assert.Equal($"{38 - listed} wilayah lain tanpa orang asing terdaftar", (await page.Locator("#children-empty td").First.TextContentAsync())?.Trim());
        // The chart writes numbers as the page does, whatever the browser's language.
        Assert.Equal("id-ID", await page.EvaluateAsync<string>("() => Chart.getChart('stats-chart').options.locale"));

        await page.SelectOptionAsync("#province", "31");
        await page.Locator("#children tr[data-code='31.74']").WaitForAsync();
        await page.SelectOptionAsync("#regency", "31.74");
        var small = page.Locator($"#children tr[data-code='{MampangPrapatan}']");
        await small.WaitForAsync();
        Assert.Equal("Mampang Prapatan", (await small.Locator("td").First.TextContentAsync())?.Trim());
        Assert.Equal("<5", (await small.Locator("td.num").TextContentAsync())?.Trim());
        // Rounded to a multiple of five: 6 shows as 5, the total 9 as 10.
        Assert.Equal("5", (await page.Locator("#children tr[data-code='31.74.02'] td.num").TextContentAsync())?.Trim());
        Assert.Equal("10", await page.ShownTextAsync("#stats-total"));
        Assert.Equal("Kota Administrasi Jakarta Selatan", await page.ShownTextAsync("#stats-name"));
        Assert.Equal("5", (await page.Locator("#nationalities tr[data-code=KOR] td.num").TextContentAsync())?.Trim());
        Assert.Equal("<5", (await page.Locator("#nationalities tr[data-code=BRA] td.num").TextContentAsync())?.Trim());

        // The chart draws what may be shown, and no bar for a count below five.
        Assert.True(await page.IsVisibleAsync("#stats-chart"));
        var labels = await page.EvaluateAsync<string[]>("() => Chart.getChart('stats-chart').data.labels");
        Assert.Contains("Setiabudi", labels);
        Assert.DoesNotContain("Mampang Prapatan", labels);
        Assert.True(await page.EvaluateAsync<int>("() => document.getElementById('stats-chart').width") > 0);
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("statistics-id");

        // Down to the kecamatan, by tapping it in the table: its total is "<5" too.
        await small.Locator("button").ClickAsync();
        await page.Locator($"#district:not([disabled])").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('stats-name').textContent === 'Mampang Prapatan'");
        Assert.Equal(MampangPrapatan, await page.InputValueAsync("#district"));
        Assert.Equal("<5", await page.ShownTextAsync("#stats-total"));
        Assert.Contains($"region={MampangPrapatan}", page.Url);
        Assert.True(await page.IsVisibleAsync("#stats-chart"));
        await page.ScreenshotAsync("statistics-district-id");

        // A shared link opens on its region, in English when chosen.
        await page.GotoAsync("/culture/en?returnUrl=%2Fstatistik%3Fregion%3D31.74");
        await page.Locator("#stats[aria-busy=false]").WaitForAsync();
        Assert.Equal("31.74", await page.InputValueAsync("#regency"));
        Assert.Equal("Foreign resident statistics", await page.ShownTextAsync("h1"));
        Assert.Equal("<5", (await page.Locator($"#children tr[data-code='{MampangPrapatan}'] td.num").TextContentAsync())?.Trim());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("statistics-en");
    }
}
