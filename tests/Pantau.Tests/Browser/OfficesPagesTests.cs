using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>
/// The national admin sets an office's clock on a page (not only through /api/offices): the zone its staff read and
/// type times in. Kanim Tangerang Selatan (no staff in the demo) is changed and put back, so no other test sees it.
/// </summary>
public sealed class OfficesPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    [Fact]
    public async Task The_national_admin_sets_an_offices_time_zone_from_a_phone()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync("admin@pantau.test", PantauApp.Password);
        await page.ClickAsync(".menu-button");
        await page.SubmitAsync("#staff-nav a[href='/admin/offices']");
        Assert.Equal("/admin/offices", page.PathOf());
        var card = page.Locator("#offices li[data-office=KANIM-TANGSEL]");
        Assert.Equal("WIB", (await card.Locator("[data-zone]").TextContentAsync())?.Trim());
        Assert.Contains("Kota Tangerang Selatan", await card.Locator(".facts").TextContentAsync());

        // A name left empty is refused by its field; nothing is changed.
        await card.Locator("input[name=name]").FillAsync("");
        await card.Locator("select[name=timeZone]").SelectOptionAsync("Asia/Makassar");
        await page.SubmitAsync(card.Locator("button[type=submit]"));
        Assert.Equal("true", await card.Locator("input[name=name]").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Asia/Jakarta", await App.WithDbAsync(db => db.Offices.Where(o => o.Code == "KANIM-TANGSEL").Select(o => o.TimeZone).SingleAsync()));
        await page.AssertFitsPhoneAsync();

        try
        {
            await card.Locator("input[name=name]").FillAsync("Kantor Imigrasi Tangerang Selatan");
            await card.Locator("select[name=timeZone]").SelectOptionAsync("Asia/Makassar");
            await page.SubmitAsync(card.Locator("button[type=submit]"));
            Assert.Equal("Kantor Imigrasi Tangerang Selatan disimpan.", await page.ShownTextAsync(".flash"));
            Assert.Equal("WITA", (await card.Locator("[data-zone]").TextContentAsync())?.Trim());
            Assert.Equal("Asia/Makassar", await App.WithDbAsync(db => db.Offices.Where(o => o.Code == "KANIM-TANGSEL").Select(o => o.TimeZone).SingleAsync()));
            await page.ScreenshotAsync("offices-admin");
        }
        finally
        {
            var admin = await App.LoginAsync("admin@pantau.test");
            var office = await App.WithDbAsync(db => db.Offices.Include(o => o.Jurisdiction).SingleAsync(o => o.Code == "KANIM-TANGSEL"));
            var put = await admin.PutAsJsonAsync($"/api/offices/{office.Id}", new { name = office.Name, provinceCode = office.ProvinceCode, regencyCodes = office.RegencyCodes, timeZone = "Asia/Jakarta" });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        // An office head has no such page.
        var head = await PhoneAsync();
        await head.GotoAsync("/login");
        await head.SignInAsync("kepala.tangerang@pantau.test", PantauApp.Password);
        await head.GotoAsync("/admin/offices");
        Assert.Equal("/login", head.PathOf()); // the sign-in page, saying this account may not open it
        Assert.True(await head.IsVisibleAsync("#denied"));
        Assert.Equal(0, await head.Locator("#staff-nav a[href='/admin/offices']").CountAsync());
    }
}
