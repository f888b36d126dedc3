using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Audit;

namespace Pantau.Tests.Browser;

/// <summary>
/// What the community sees on a phone (360×740): an RT head's one number, a partner agency's de-identified kecamatan
/// and its access requests, and the office head's decisions on them.
/// </summary>
public sealed class CommunityPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Officer = "petugas.jaksel@pantau.test";
    private const string RtHead = "rt.setiabudi@pantau.test";
    private const string Partner = "polsek.setiabudi@pantau.test";
    private const string Head = "kepala.jaksel@pantau.test";

    [Fact]
    public async Task An_rt_head_sees_how_many_foreigners_live_actively_in_their_rt_and_nothing_else()
    {
        var rtHead = await App.LoginAsync(RtHead);
        var before = (await rtHead.GetJsonAsync($"/api/stats/count?region={People.SetiaBudi}&rw=1&rt=1")).GetProperty("count").GetInt32();

        var jaksel = await App.LoginAsync(Officer);
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Ahmad Karimi", "IRN", rw: 1, rt: 1));
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Lee Ji Eun", "KOR", rw: 1, rt: 1));
        var departed = People.Registration(People.SetiaBudi, "Thomas Smith", "GBR", rw: 1, rt: 1);
        departed["status"] = "Departed";
        await jaksel.RegisterAsync(departed);
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Maria Santos", "PHL", rw: 1, rt: 2));
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Rahul Sharma", "IND", rw: 2, rt: 1));
        await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "John Miller", "USA", rw: 1, rt: 1));
        var expected = before + 2;

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync(RtHead, PantauApp.Password);
        Assert.Equal("/rt", page.PathOf());
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.ShownTextAsync("#count"));
        Assert.Equal("RT 1 / RW 1 · Setia Budi, Kecamatan Setiabudi", await page.ShownTextAsync("#area"));
        Assert.Contains("orang asing terdaftar", await page.ShownTextAsync("#count-label"));
        // The number and nothing else: no names, no list, and no other page but the public ones (statistics, the report form).
        var content = await page.ContentAsync();
        foreach (var name in new[] { "Ahmad Karimi", "Lee Ji Eun", "Thomas Smith" }) Assert.DoesNotContain(name, content);
        var menu = await page.Locator("nav.nav a").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        Assert.Equal(["/rt", "/lapor", "/statistik"], menu);
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("rt-id");

        await page.SubmitAsync("a[data-lang=en]");
        Assert.Equal("/rt", page.PathOf());
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.ShownTextAsync("#count"));
        Assert.Contains("registered foreigners live in your area", await page.ShownTextAsync("#count-label"));
        await page.ScreenshotAsync("rt-en");

        foreach (var path in new[] { "/registry", "/mitra", "/field" })
        {
            await page.GotoAsync(path);
            Assert.Equal("/login", page.PathOf());
            Assert.True(await page.IsVisibleAsync("#denied"), path);
        }
    }

    [Fact]
    public async Task A_partner_sees_records_without_names_asks_for_one_and_opens_it_once_the_office_head_approves()
    {
        // Five people alike in all a partner sees, so that their records are released however the kecamatan is generalised.
        var jaksel = await App.LoginAsync(Officer);
        var passport = People.NextPassport();
        var created = await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "Olivia Hartmann", "DEU", passport, rw: 3, rt: 2));
        var permitNumber = created.GetProperty("permits")[0].GetProperty("number").GetString()!;
        var passports = new List<string> { passport };
        for (var i = 0; i < 4; i++)
        {
            passports.Add(People.NextPassport());
            await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "Olivia Hartmann", "DEU", passports[^1], rw: 3, rt: 2));
        }
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Chen Jing", "CHN", rw: 1, rt: 3));
        await (await App.LoginAsync("petugas.tangerang@pantau.test")).RegisterAsync(People.Registration(People.TangerangVillage, "Outside Person", "AUS"));

        var partner = await PhoneAsync();
        await partner.GotoAsync("/login");
        await partner.SignInAsync(Partner, PantauApp.Password);
        Assert.Equal("/mitra", partner.PathOf());
        await partner.Locator("#partner[data-loaded=true]").WaitForAsync();
        Assert.Equal("Setiabudi, Kota Administrasi Jakarta Selatan", (await partner.Locator("#district option:checked").TextContentAsync())?.Trim());
        Assert.Equal("31.74.02", await partner.Locator("#district option:checked").GetAttributeAsync("value"));

        // De-identified and generalised: the record is listed by what five or more share, never by who it is.
        var record = partner.Locator("#records li[data-record]", new() { HasText = "Jerman" }).First;
        await record.WaitForAsync();
        Assert.Contains("Karet Kuningan", await record.TextContentAsync());
        var page = await partner.ContentAsync();
        foreach (var secret in new[] { "Olivia Hartmann", passport, passports[^1], permitNumber, "Chen Jing", "Jl. Setia Budi", "Apr 1985", "Outside Person",
            created.GetProperty("permits")[0].GetProperty("id").GetString()! })
            Assert.DoesNotContain(secret, page);
        Assert.True(int.Parse(await partner.ShownTextAsync("#total"), System.Globalization.CultureInfo.InvariantCulture) >= 5);
        Assert.Contains("Jerman", await partner.Locator("#by-nationality").TextContentAsync());
        Assert.Equal("/api/partner/permits.csv?district=31.74.02", await partner.GetAttributeAsync("#csv", "href"));

        // A request needs a real reason.
        await record.Locator("button[data-ask]").ClickAsync();
        Assert.True(await partner.IsVisibleAsync("#access-form"));
        Assert.Contains("Jerman", await partner.ShownTextAsync("#request-record"));
        await partner.FillAsync("#reason", "cek");
        await partner.ClickAsync("#request-submit");
        await partner.Locator("#reason-error").WaitForAsync();
        Assert.Equal("Alasan terdiri dari 10 sampai 500 karakter.", await partner.ShownTextAsync("#reason-error"));
        const string reason = "Laporan warga RW 3 tentang keributan; perlu identitas untuk pemanggilan";
        await partner.FillAsync("#reason", reason);
        await partner.ClickAsync("#request-submit");
        var mine = partner.Locator("#requests li[data-state=Pending]", new() { HasText = reason });
        await mine.WaitForAsync();
        Assert.True(await partner.IsHiddenAsync("#access-form"));
        Assert.Equal("Menunggu keputusan", (await mine.Locator(".badge").TextContentAsync())?.Trim());
        Assert.Equal(0, await mine.Locator("a[data-open]").CountAsync());
        var requestId = await mine.GetAttributeAsync("data-request");
        await partner.AssertFitsPhoneAsync();
        await partner.ScreenshotAsync("partner-id");

        // Not yet approved: the person's page says so and shows no one.
        await partner.GotoAsync($"/mitra/akses/{requestId}");
        await partner.Locator("#person-closed").WaitForAsync();
        Assert.DoesNotContain("Olivia Hartmann", await partner.ContentAsync());

        // The office head approves it for two hours.
        var head = await PhoneAsync();
        await head.GotoAsync("/access-requests");
        await head.SignInAsync(Head, PantauApp.Password);
        Assert.Equal("/access-requests", head.PathOf());
        var pending = head.Locator($"#pending li[data-request='{requestId}']");
        await pending.WaitForAsync();
        Assert.Contains("Polsek Setiabudi", await pending.TextContentAsync());
        Assert.Contains(reason, await pending.TextContentAsync());
        Assert.Equal("24", await pending.Locator("input[name=hours]").InputValueAsync());
        await head.AssertFitsPhoneAsync();
        await head.ScreenshotAsync("access-requests-id");
        await pending.Locator("input[name=hours]").FillAsync("200");
        await pending.Locator("form[data-action=approve] button").ClickAsync();
        await pending.Locator("p.field-error").WaitForAsync();
        Assert.Equal("Persetujuan membuka data selama 1 sampai 168 jam.", (await pending.Locator("p.field-error").TextContentAsync())?.Trim());
        await pending.Locator("input[name=hours]").FillAsync("2");
        await pending.Locator("form[data-action=approve] button").ClickAsync();
        var decided = head.Locator($"#decided li[data-request='{requestId}'][data-state=Approved]");
        await decided.WaitForAsync();
        Assert.Equal(0, await head.Locator($"#pending li[data-request='{requestId}']").CountAsync());
        Assert.Equal("Disetujui", (await decided.Locator(".badge").TextContentAsync())?.Trim());
        Assert.StartsWith("Permintaan Polsek Setiabudi disetujui", await head.ShownTextAsync("#decision-state"));
        await head.AssertFitsPhoneAsync();
        await head.ScreenshotAsync("access-requests-decided-id");

        // Now the partner opens that one person.
        await partner.GotoAsync("/mitra");
        var approved = partner.Locator($"#requests li[data-request='{requestId}'][data-state=Approved]");
        await approved.WaitForAsync();
        Assert.Equal("Disetujui", (await approved.Locator(".badge").TextContentAsync())?.Trim());
        await partner.SubmitAsync($"a[data-open='{requestId}']");
        Assert.Equal($"/mitra/akses/{requestId}", partner.PathOf());
        await partner.Locator("#person-name").WaitForAsync();
        Assert.Equal("Olivia Hartmann", await partner.ShownTextAsync("#person-name"));
        var shownPassports = await partner.ShownTextAsync("#person-passports");
        Assert.Contains(passports, p => shownPassports.Contains(p, StringComparison.Ordinal)); // one of the five: the record designated
        Assert.Contains("Karet Kuningan", await partner.ShownTextAsync("#person"));
        // The name first, the code after it as its small detail.
        Assert.Equal("Karet Kuningan, Kec. Setiabudi, Kota Administrasi Jakarta Selatan", await partner.ShownTextAsync("#person-village .place-name"));
        Assert.Equal("31.74.02.1003", await partner.ShownTextAsync("#person-village .place-code"));
        await partner.AssertFitsPhoneAsync();
        await partner.ScreenshotAsync("partner-person-id");

        // Every step is in the audit trail: the request, the approval and the partner's reading.
        var id = (await (await App.LoginAsync(Head)).GetJsonAsync("/api/access-requests")).EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == requestId).GetProperty("foreignerId").GetString()!;
        var steps = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordIds.Contains(id)).Select(e => new { e.Actor, e.Action }).ToListAsync());
        Assert.Contains(steps, s => s.Actor == Partner && s.Action == AuditActions.AccessRequest);
        Assert.Contains(steps, s => s.Actor == Head && s.Action == AuditActions.AccessApproved);
        Assert.Contains(steps, s => s.Actor == Partner && s.Action == AuditActions.Read);
    }

    [Fact]
    public async Task A_denied_request_shows_the_partner_its_reason_and_opens_nothing()
    {
        var jaksel = await App.LoginAsync(Officer);
        for (var i = 0; i < 5; i++) await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Hiroshi Yamamoto", "JPN", rw: 5, rt: 1));

        var partner = await PhoneAsync();
        await partner.GotoAsync("/mitra?district=31.74.02");
        await partner.SignInAsync(Partner, PantauApp.Password);
        await partner.Locator("#records li[data-record]", new() { HasText = "Jepang" }).First.Locator("button[data-ask]").ClickAsync();
        await partner.FillAsync("#reason", "Ingin tahu saja siapa orang ini");
        await partner.ClickAsync("#request-submit");
        var mine = partner.Locator("#requests li[data-state=Pending]", new() { HasText = "Ingin tahu saja" });
        await mine.WaitForAsync();
        var requestId = await mine.GetAttributeAsync("data-request");

        var head = await PhoneAsync();
        await head.GotoAsync("/access-requests");
        await head.SignInAsync(Head, PantauApp.Password);
        var pending = head.Locator($"#pending li[data-request='{requestId}']");
        await pending.Locator("form[data-action=deny] button").ClickAsync();
        await pending.Locator("p.field-error").WaitForAsync();
        Assert.Equal("Penolakan wajib diberi alasan (paling banyak 500 karakter).", (await pending.Locator("p.field-error").TextContentAsync())?.Trim());
        await pending.Locator("form[data-action=deny] input[name=note]").FillAsync("Alasan tidak berkaitan dengan tugas kepolisian");
        await pending.Locator("form[data-action=deny] button").ClickAsync();
        await head.Locator($"#decided li[data-request='{requestId}'][data-state=Denied]").WaitForAsync();

        await partner.GotoAsync("/mitra");
        var denied = partner.Locator($"#requests li[data-request='{requestId}'][data-state=Denied]");
        await denied.WaitForAsync();
        Assert.Equal("Ditolak", (await denied.Locator(".badge").TextContentAsync())?.Trim());
        Assert.Contains("Alasan tidak berkaitan dengan tugas kepolisian", await denied.TextContentAsync());
        Assert.Equal(0, await denied.Locator("a[data-open]").CountAsync());
        await partner.GotoAsync($"/mitra/akses/{requestId}");
        await partner.Locator("#person-closed").WaitForAsync();
        Assert.DoesNotContain("Hiroshi Yamamoto", await partner.ContentAsync());
        await partner.AssertFitsPhoneAsync();
    }
}
