using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Partners;

/// <summary>
/// The partner reads when their access ends on the office's clock, named: an approval for 2 hours made at 10.00 WIB
/// ends at 12.00 WIB, whatever the zone of the partner's browser (the test browser's is the machine's, not WIB).
/// </summary>
public sealed class PartnerAccessTimePagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    [Fact]
    public async Task The_partner_sees_the_end_of_an_approved_access_in_WIB()
    {
        var id = await RequestFiledAsync("Nguyen Van An", rw: 5, "Laporan pencurian, perlu identitas saksi");
        var approved = await (await App.LoginAsync("kepala.jaksel@pantau.test")).PostAsJsonAsync($"/api/access-requests/{id}/approve", new { hours = 2 });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var openUntil = DateTimeOffset.Parse((await approved.Content.ReadFromJsonAsync<JsonElement>(PantauApp.Json)).GetProperty("openUntil").GetString()!, CultureInfo.InvariantCulture);
        var wib = openUntil.ToOffset(TimeSpan.FromHours(7));
        var expected = $"{wib:HH}.{wib:mm} WIB";

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync("polsek.setiabudi@pantau.test", PantauApp.Password);
        await page.GotoAsync($"/mitra/akses/{id}");
        await page.Locator("#open-until").WaitForAsync();
        Assert.Contains(expected, await page.ShownTextAsync("#open-until"));
        Assert.Equal("WIB", await page.GetAttributeAsync("body", "data-time-zone-name"));
        await page.AssertFitsPhoneAsync();

        await page.GotoAsync("/mitra");
        var card = page.Locator($"#requests li[data-request='{id}'][data-state=Approved]");
        await card.WaitForAsync();
        Assert.Contains(expected, await card.TextContentAsync());
        await page.ScreenshotAsync("partner-open-until-wib");
    }

    [Fact]
    public async Task The_office_head_reads_what_a_partner_asks_to_see_in_words_not_an_id()
    {
        var id = await RequestFiledAsync("Tran Thi Mai", rw: 6, "Saksi perkelahian di RW 06, perlu identitas");
        var asked = await App.WithDbAsync(db => db.AccessRequests.Where(r => r.Id == id)
            .Join(db.StayPermits, r => r.PermitId, p => p.Id, (r, p) => new { r.ForeignerId, r.PermitId, p.Type }).SingleAsync());

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync("kepala.jaksel@pantau.test", PantauApp.Password);
        await page.GotoAsync("/access-requests");
        var card = page.Locator($"#pending li[data-request='{id}']");
        await card.WaitForAsync();
        var what = (await card.Locator("[data-slot=asked]").TextContentAsync())?.Trim();
        Assert.StartsWith($"Viet Nam · {asked.Type} (", what);
        Assert.EndsWith(" · Bekerja", what);
        Assert.StartsWith("Karet Kuningan, Kec. Setiabudi", (await card.Locator("[data-slot=place]").TextContentAsync())?.Trim());
        Assert.Equal($"/registry/{asked.ForeignerId}", await card.Locator("a[href^='/registry/']").GetAttributeAsync("href"));
        // No id for the head to decode.
        Assert.DoesNotContain(asked.PermitId.ToString(), await card.TextContentAsync());
        Assert.DoesNotContain(id.ToString(), await card.TextContentAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("access-request-asked");
    }

    /// <summary>
    /// Five Vietnamese residents registered in Karet Kuningan's RW <paramref name="rw"/>, and the Polsek Setiabudi partner's
    /// request to see one of the Vietnamese in its permit list: the request's id.
    /// </summary>
    private async Task<Guid> RequestFiledAsync(string name, int rw, string reason)
    {
        var officer = await App.LoginAsync("petugas.jaksel@pantau.test");
        for (var i = 0; i < 5; i++)
            await officer.RegisterAsync(People.Registration(name: name, nationality: "VNM", village: People.KaretKuningan, rw: rw));
        var partner = await App.LoginAsync("polsek.setiabudi@pantau.test");
        var record = (await partner.GetJsonAsync("/api/partner/permits?district=31.74.02&pageSize=500")).GetProperty("items").EnumerateArray()
            .First(p => p.GetProperty("nationality").GetString() == "VNM").GetProperty("record").GetString();
        var filed = await partner.PostAsJsonAsync("/api/partner/access-requests", new { record, reason });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        return (await filed.Content.ReadFromJsonAsync<JsonElement>(PantauApp.Json)).GetProperty("id").GetGuid();
    }
}
