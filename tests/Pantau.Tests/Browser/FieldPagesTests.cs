using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.FieldActivity;

namespace Pantau.Tests.Browser;

/// <summary>The officer's field check and patrol pings, and the office head's live view, on a phone (360×740).</summary>
public sealed class FieldPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Officer = "petugas.jaksel@pantau.test";
    private const string TangerangOfficer = "petugas.tangerang@pantau.test";
    private const string TangerangHead = "kepala.tangerang@pantau.test";

    /// <summary>Where the phone is: Jl. H. R. Rasuna Said, Setiabudi.</summary>
    private static readonly Geolocation Setiabudi = new() { Latitude = -6.2146f, Longitude = 106.8305f, Accuracy = 15 };

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task An_officer_checks_a_passport_and_sees_the_permit_status_the_address_and_which_office_holds_the_record()
    {
        var jaksel = await App.LoginAsync(Officer);
        var passport = People.NextPassport();
        await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "Sato Haruki", "JPN", passport, rw: 4, rt: 7,
            permitExpiry: Today.AddDays(20).ToString("yyyy-MM-dd")));
        var elsewherePassport = People.NextPassport();
        var elsewhere = (await (await App.LoginAsync(TangerangOfficer)).RegisterAsync(
            People.Registration(People.TangerangVillage, "Park Seo Yeon", "KOR", elsewherePassport))).GetProperty("id").GetGuid();

        var page = await PhoneAsync(Setiabudi);
        await page.GotoAsync("/field");
        Assert.Equal("/login", page.PathOf());
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/field", page.PathOf());
        await page.Locator("#check-button:not([disabled])").WaitForAsync(); // field.js listens from here on
        Assert.Equal("Cek lapangan", await page.ShownTextAsync("h1"));

        // As copied from a passport photocopy: lower case, with a space.
        await page.FillAsync("#passportNumber", $"{passport[..3].ToLowerInvariant()} {passport[3..]}");
        await page.FillAsync("#purpose", "Patroli rutin");
        await page.CheckAsync("#use-position");
        await page.ClickAsync("#check-button");

        var card = page.Locator("#check-people article.person-check");
        await card.WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#check-outcome", "data-registered"));
        Assert.Equal("Terdaftar", await page.ShownTextAsync("#check-outcome"));
        Assert.Equal(1, await card.CountAsync());
        Assert.Equal("Sato Haruki", (await card.Locator(".name").TextContentAsync())?.Trim());
        Assert.Equal("Segera berakhir", (await card.Locator(".badge[data-status=expiring]").TextContentAsync())?.Trim());
        Assert.Contains("permit status-expiring", await card.GetAttributeAsync("class"));
        var address = await card.Locator("[data-slot=address]").TextContentAsync();
        Assert.Contains("Jl. Setia Budi No. 1", address);
        Assert.Contains("RW 4 / RT 7", address);
        Assert.Contains("Karet Kuningan", address);
        Assert.Contains("Setiabudi", address);
        Assert.Equal("PT Maju Jaya", (await card.Locator("[data-slot=sponsor]").TextContentAsync())?.Trim());
        // The feed's purpose "work" in the page's words, not as the code it came as.
        Assert.Equal("Bekerja", (await card.Locator("[data-slot=purpose]").TextContentAsync())?.Trim());
        Assert.Equal("true", await card.Locator(".jurisdiction").GetAttributeAsync("data-in-jurisdiction"));
        Assert.Equal("Kantor Imigrasi Jakarta Selatan", (await card.Locator("[data-slot=heldBy]").TextContentAsync())?.Trim());
        Assert.Contains("-6.21460", await page.ShownTextAsync("#position-state"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("field-check-id");

        // The check, its purpose and the phone's position are on record.
        var check = await App.WithDbAsync(db => db.FieldChecks.SingleAsync(c => c.Query.Contains(passport)));
        Assert.Equal("Patroli rutin", check.Purpose);
        Assert.Equal(-6.2146, check.Latitude!.Value, 3);
        Assert.Equal(106.8305, check.Longitude!.Value, 3);

        // A person held by Kanim Tangerang is found too, and the answer says who holds the record.
        await page.FillAsync("#passportNumber", elsewherePassport);
        await page.UncheckAsync("#use-position");
        await page.ClickAsync("#check-button");
        var other = page.Locator($"#check-people article[data-person='{elsewhere}']");
        await other.WaitForAsync();
        Assert.Equal("false", await other.Locator(".jurisdiction").GetAttributeAsync("data-in-jurisdiction"));
        Assert.Equal("Di luar wilayah kerja Anda: data dipegang Kantor Imigrasi Tangerang.", (await other.Locator(".jurisdiction").TextContentAsync())?.Trim());
        Assert.Equal("Kantor Imigrasi Tangerang", (await other.Locator("[data-slot=heldBy]").TextContentAsync())?.Trim());
        Assert.Equal("Berlaku", (await other.Locator(".badge[data-status=valid]").TextContentAsync())?.Trim());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("field-check-elsewhere-id");

        await page.SubmitAsync("a[data-lang=en]");
        Assert.Equal("/field", page.PathOf());
        await page.Locator("#check-button:not([disabled])").WaitForAsync(); // field.js listens from here on
        Assert.Equal("Field check", await page.ShownTextAsync("h1"));
        await page.FillAsync("#passportNumber", elsewherePassport);
        await page.FillAsync("#purpose", "Routine patrol");
        await page.ClickAsync("#check-button");
        await page.Locator($"#check-people article[data-person='{elsewhere}']").WaitForAsync();
        Assert.Equal("Registered", await page.ShownTextAsync("#check-outcome"));
        Assert.Equal("Outside your jurisdiction: the record is held by Kantor Imigrasi Tangerang.", await page.ShownTextAsync(".jurisdiction"));
        Assert.Equal("Valid", await page.ShownTextAsync("#check-people .badge[data-status=valid]"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("field-check-elsewhere-en");
    }

    [Fact]
    public async Task A_person_whose_passport_expired_is_not_shown_as_all_in_order_even_with_a_valid_permit()
    {
        var jaksel = await App.LoginAsync(Officer);
        var passport = People.NextPassport();
        var body = People.Registration(People.KaretKuningan, "Lena Fischer", "DEU", passport);
        body["passports"] = new[] { new Dictionary<string, object?> { ["number"] = passport, ["issuingState"] = "DEU", ["expiryDate"] = Today.AddDays(-3).ToString("yyyy-MM-dd") } };
        await jaksel.RegisterAsync(body);

        foreach (var screen in new ViewportSize[] { new() { Width = Chromium.PhoneWidth, Height = Chromium.PhoneHeight }, new() { Width = 1280, Height = 800 } })
        {
            var page = await PhoneAsync(Setiabudi, screen);
            await page.GotoAsync("/field");
            await page.SignInAsync(Officer, PantauApp.Password);
            await page.Locator("#check-button:not([disabled])").WaitForAsync();
            await page.FillAsync("#passportNumber", passport);
            await page.FillAsync("#purpose", "Patroli rutin");
            await page.ClickAsync("#check-button");
            var card = page.Locator("#check-people article.person-check");
            await card.WaitForAsync();
            // The permit is valid and says so; the passport beside it says it expired, and the card is not green.
            Assert.Equal("valid", await card.Locator(".badge[data-status]").First.GetAttributeAsync("data-status"));
            Assert.Equal("Paspor kedaluwarsa", (await card.Locator(".badge[data-passport=expired]").TextContentAsync())?.Trim());
            Assert.Contains("passport-expired", await card.GetAttributeAsync("class"));
            Assert.Contains(Today.AddDays(-3).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), await card.Locator("[data-slot=passport]").TextContentAsync());
            var border = await card.EvaluateAsync<string>("e => getComputedStyle(e).borderLeftColor");
            var expiredColour = await page.EvaluateAsync<string>("() => { const b = document.createElement('span'); b.className = 'badge expired'; document.body.append(b); const c = getComputedStyle(b).color; b.remove(); return c; }");
            Assert.Equal(expiredColour, border);
            if (screen.Width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();
            await page.ScreenshotAsync($"field-check-passport-expired-{screen.Width}");
        }
    }

    [Fact]
    public async Task A_check_by_name_lists_every_match_and_a_missing_purpose_or_an_unknown_passport_is_said_plainly()
    {
        var jaksel = await App.LoginAsync(Officer);
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Lê Thị Mai", "VNM", dateOfBirth: "1991-03-04"));
        await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "Le Thi Mai", "VNM", dateOfBirth: "1991-03-04", permitExpiry: Today.AddDays(-30).ToString("yyyy-MM-dd")));
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Le Thi Mai", "VNM", dateOfBirth: "1992-03-04"));

        var page = await PhoneAsync();
        await page.GotoAsync("/login?ReturnUrl=%2Ffield");
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/field", page.PathOf());
        await page.Locator("#check-button:not([disabled])").WaitForAsync(); // field.js listens from here on

        await page.ClickAsync("label:has(input[name=by][value=name])");
        // The radio's change handler hides the passport field: waited for, not read at once (it failed on a loaded machine).
        await page.Locator("#passportNumber").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 5000 });
        await page.FillAsync("#fullName", "mai LE thi");
        await page.FillAsync("#nationality", "vnm");
        await page.FillAsync("#dateOfBirth", "1991-03-04");
        await page.ClickAsync("#check-button");
        Assert.Equal("Tujuan pemeriksaan wajib diisi.", (await page.Locator("#purpose-error").TextContentAsync())?.Trim());
        Assert.Equal("true", await page.GetAttributeAsync("#purpose", "aria-invalid"));
        Assert.True(await page.IsHiddenAsync("#check-result"));

        await page.FillAsync("#purpose", "Tindak lanjut laporan masyarakat");
        await page.ClickAsync("#check-button");
        await page.Locator("#check-outcome").WaitForAsync();
        Assert.Equal(0, await page.Locator("#purpose-error").CountAsync());
        Assert.StartsWith("2 orang cocok.", await page.ShownTextAsync("#check-outcome"));
        var statuses = await page.Locator("#check-people .badge[data-status]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.status)");
        Assert.Equal(["expired", "valid"], statuses.Order());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("field-check-candidates-id");

        await page.ClickAsync("label:has(input[name=by][value=passport])");
        await page.FillAsync("#passportNumber", People.NextPassport());
        await page.FillAsync("#nationality", "");
        await page.ClickAsync("#check-button");
        await page.Locator("#check-outcome[data-registered=false]").WaitForAsync();
        Assert.StartsWith("Tidak terdaftar.", await page.ShownTextAsync("#check-outcome"));
        Assert.Equal(0, await page.Locator("#check-people li").CountAsync());
    }

    [Fact]
    public async Task An_officer_sends_patrol_pings_with_the_phones_position()
    {
        var page = await PhoneAsync(Setiabudi);
        await page.GotoAsync("/login?ReturnUrl=%2Ffield");
        await page.SignInAsync(Officer, PantauApp.Password);
        var officerId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == Officer).Select(u => u.Id).SingleAsync());

        await page.ClickAsync("#patrol button[data-activity=PatrolStarted]");
        await page.Locator("#patrol-log li[data-activity=PatrolStarted][data-sent=true]").WaitForAsync();
        Assert.StartsWith("Mulai patroli terkirim", await page.ShownTextAsync("#patrol-state"));
        await page.ClickAsync("#patrol button[data-activity=Arrived]");
        await page.Locator("#patrol-log li[data-activity=Arrived][data-sent=true]").WaitForAsync();
        Assert.Equal(2, await page.Locator("#patrol-log li").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("field-patrol-id");

        var pings = await App.WithDbAsync(db => db.FieldPositions.Where(p => p.OfficerId == officerId).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal([FieldActivityKind.PatrolStarted, FieldActivityKind.Arrived], pings.Select(p => p.Activity));
        Assert.All(pings, p =>
        {
            Assert.Equal(-6.2146, p.Latitude, 3);
            Assert.Equal(106.8305, p.Longitude, 3);
        });
    }

    [Fact]
    public async Task The_office_head_sees_an_officers_ping_arrive_on_the_map_and_timeline_without_reloading()
    {
        var tangerang = await App.LoginAsync(TangerangOfficer);
        var earlier = await PingAsync(tangerang, "PatrolStarted", -6.1783, 106.6319, "apel pagi");

        var page = await PhoneAsync();
        await page.GotoAsync("/supervisor");
        await page.SignInAsync(TangerangHead, PantauApp.Password);
        Assert.Equal("/supervisor", page.PathOf());
        var officer = earlier.GetProperty("officerId").GetGuid();
        var card = page.Locator($"#officers li[data-officer='{officer}']");
        await card.WaitForAsync();
        Assert.Equal("PatrolStarted", await card.GetAttributeAsync("data-activity"));
        await page.Locator($"#timeline li[data-position='{earlier.GetProperty("id").GetInt64()}']").WaitForAsync();
        await page.MarkDocumentAsync();

        // The page opens the stream as it loads; until the server has the subscription a ping can pass it by, so the
        // officer pings until one shows (each is a new ping, and it can only come over the stream: nothing reloads).
        var jaksel = await App.LoginAsync(Officer);
        var otherOffice = await PingAsync(jaksel, "Arrived", -6.2146, 106.8305, "kantor lain");
        JsonElement? arrived = null;
        for (var i = 0; i < 20 && arrived is null; i++)
        {
            var ping = await PingAsync(tangerang, "Arrived", -6.1702, 106.6403, $"tiba di lokasi laporan {i}");
            if (await page.AppearsAsync($"#timeline li[data-position='{ping.GetProperty("id").GetInt64()}']", TimeSpan.FromSeconds(1.5))) arrived = ping;
        }
        Assert.True(arrived is not null, "no ping reached the supervisor page over the stream");
        Assert.True(await page.IsSameDocumentAsync(), "the page was reloaded");
        Assert.Equal("live", await page.GetAttributeAsync("#live-status", "data-state"));
        Assert.Equal("Langsung", await page.ShownTextAsync("#live-status"));
        var entry = await page.ShownTextAsync($"#timeline li[data-position='{arrived.Value.GetProperty("id").GetInt64()}']");
        Assert.Contains("Petugas Kanim Tangerang", entry);
        Assert.Contains("Tiba di lokasi", entry);
        Assert.Equal("Arrived", await card.GetAttributeAsync("data-activity"));
        // Where the officer is, by the kelurahan's name (the ping's answer names it), not as coordinates.
        var place = arrived.Value.GetProperty("place").GetString()!;
        Assert.Equal((await App.CreateClient().GetJsonAsync("/api/places/at?lat=-6.1702&lng=106.6403")).GetProperty("label").GetString(), place);
        Assert.Contains(place, entry);
        Assert.Contains(place, await card.TextContentAsync());
        Assert.DoesNotContain("-6.17020", await card.TextContentAsync());
        Assert.Equal(0, await page.Locator($"#timeline li[data-position='{otherOffice.GetProperty("id").GetInt64()}']").CountAsync());
        Assert.Equal(0, await page.Locator("#timeline li", new() { HasText = "kantor lain" }).CountAsync());

        // The officer's marker is on the map though no tile could load (the phone is offline but for the app).
        Assert.Equal("1", await page.GetAttributeAsync("#map", "data-markers"));
        Assert.Equal(1, await page.Locator("#map path.leaflet-interactive").CountAsync());
        Assert.Equal(0, await page.Locator("#map img.leaflet-tile-loaded").CountAsync());

        // The officer's day, in order.
        await card.Locator("button[data-history]").ClickAsync();
        await page.Locator("#history li[data-position]").First.WaitForAsync();
        var day = await page.Locator("#history li[data-position]").EvaluateAllAsync<string[]>("lis => lis.map(li => li.dataset.activity)");
        Assert.Equal("PatrolStarted", day[0]);
        Assert.Contains("Arrived", day);
        Assert.Equal("Riwayat Petugas Kanim Tangerang", await page.ShownTextAsync("#history-heading"));
        Assert.True(await page.IsSameDocumentAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("supervisor-id");
    }

    [Fact]
    public async Task What_happens_while_the_supervisor_page_opens_its_streams_still_shows()
    {
        var report = await Operations.Desk.ReportAsync(App);
        var team = await Operations.Desk.SendAsync(App, report.Id, "EnRoute");
        var tangerang = await App.LoginAsync(TangerangOfficer);

        // The page reads the teams and the pings, and only then do its streams reach the server: what happens in between
        // comes over no stream, so the page has to read again once it listens.
        var page = await PhoneAsync();
        var listening = new TaskCompletionSource();
        foreach (var stream in new[] { "**/api/events", "**/api/field/stream" })
            await page.RouteAsync(stream, async route => { await listening.Task; await route.ContinueAsync(); });
        await page.GotoAsync("/supervisor");
        await page.SignInAsync(TangerangHead, PantauApp.Password);
        await page.Locator($"[data-team='{team}'] li[data-ticket='{report.Ticket}'][data-status=EnRoute]").WaitForAsync();
        await page.MarkDocumentAsync();

        await Operations.Desk.PostOkAsync(tangerang, $"/api/reports/{report.Id}/progress", new { step = "OnSite", latitude = -6.1781, longitude = 106.63 });
        var ping = await PingAsync(tangerang, "Arrived", -6.1702, 106.6403, "tiba sebelum halaman mendengar");
        listening.SetResult();

        await page.Locator($"[data-team='{team}'] li[data-ticket='{report.Ticket}'][data-status=OnSite]").WaitForAsync();
        await page.Locator($"#timeline li[data-position='{ping.GetProperty("id").GetInt64()}']").WaitForAsync();
        Assert.True(await page.IsSameDocumentAsync(), "the page was reloaded");
    }

    [Fact]
    public async Task Findings_saved_are_said_on_the_card_even_when_the_office_stream_redraws_it_first()
    {
        var report = await Operations.Desk.ReportAsync(App);
        await Operations.Desk.SendAsync(App, report.Id, "OnSite");

        var page = await PhoneAsync();
        await page.GotoAsync("/field");
        await page.SignInAsync(TangerangOfficer, PantauApp.Password);
        await page.Locator("#team-live[data-state=live]").WaitForAsync();
        var assignment = page.Locator($".assignment[data-ticket='{report.Ticket}'][data-status=OnSite]");
        await assignment.Locator("select[name=outcome]").SelectOptionAsync("Warning");

        // The answer to the save is held until the office's stream has made the page draw the card's new revision (the
        // report's event can beat the answer on a slow network): the message must land on the card that is shown.
        var redrawn = new TaskCompletionSource();
        await page.RouteAsync("**/api/reports/*/findings", async route =>
        {
            var answer = await route.FetchAsync();
            await redrawn.Task;
            await route.FulfillAsync(new() { Response = answer });
        });
        await assignment.Locator("form.findings button[type=submit]").ClickAsync();
        await assignment.Locator("form.close button[type=submit]:not([disabled])").WaitForAsync();
        redrawn.SetResult();

        await page.WaitForFunctionAsync($"() => document.querySelector(\".assignment[data-ticket='{report.Ticket}'] [role=status]\")?.textContent.trim() === 'Temuan tersimpan.'");
    }

    [Fact]
    public async Task The_field_pages_are_for_their_roles_only()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/login?ReturnUrl=%2Fsupervisor");
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/login", page.PathOf());
        Assert.True(await page.IsVisibleAsync("#denied"));
        var menu = await page.Locator("nav.nav a").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        Assert.Contains("/field", menu);
        Assert.DoesNotContain("/supervisor", menu);
        Assert.DoesNotContain("/access-requests", menu);

        var rt = await PhoneAsync();
        await rt.GotoAsync("/login?ReturnUrl=%2Ffield");
        await rt.SignInAsync("rt.setiabudi@pantau.test", PantauApp.Password);
        Assert.Equal("/login", rt.PathOf());
        Assert.True(await rt.IsVisibleAsync("#denied"));
    }

    private static async Task<JsonElement> PingAsync(HttpClient officer, string activity, double latitude, double longitude, string note)
    {
        var response = await officer.PostAsJsonAsync("/api/field/positions", new { latitude, longitude, activity, note });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"ping: {(int)response.StatusCode} {body}");
        return body;
    }
}
