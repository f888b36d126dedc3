using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Lodging;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Browser;

/// <summary>
/// No script from data: markup typed into every free-text field that pages show is shown as text, and runs nowhere;
/// every page runs under the Content-Security-Policy without a violation.
/// </summary>
public sealed class ScriptSafetyPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Markup = "<img src=x onerror=window.__xss=1><script>window.__xss=1</script>";
    /// <summary>What a page shows when it shows the markup as text.</summary>
    private const string Literal = "<img src=x onerror=window.__xss=1>";

    private const string Officer = "petugas.tangerang@pantau.test";
    private const string Head = "kepala.tangerang@pantau.test";
    private const string OfficeAdmin = "admin.tangerang@pantau.test";
    private static readonly Geolocation Tangerang = new() { Latitude = -6.1781f, Longitude = 106.63f, Accuracy = 20 };

    [Fact]
    public async Task Markup_in_every_free_text_field_is_shown_as_text_and_never_runs()
    {
        // An office admin gives an officer a name with markup (the stored script once found on /supervisor).
        var officerId = await App.WithDbAsync(async db =>
        {
            var officer = await db.Users.SingleAsync(u => u.Email == Officer);
            officer.FullName = "Petugas " + Markup;
            await db.SaveChangesAsync();
            return officer.Id;
        });
        var admin = await App.LoginAsync(OfficeAdmin);
        var created = await admin.PostAsJsonAsync("/api/teams", new
        {
            name = "TIMPORA " + Markup,
            members = new object[] { new { staffUserId = officerId }, new { name = "Aipda " + Markup, agency = "Police" } },
        });
        var team = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        (await admin.PostAsJsonAsync("/api/roster", new { teamId = team, startsAt = now.AddHours(-1), endsAt = now.AddHours(19) })).EnsureSuccessStatusCode();

        // A resident's report, triaged and dispatched with notes, and a conversation, all with markup.
        var resident = App.CreateClient();
        var reporterToken = await VerifyPhoneAsync(resident, NewPhone());
        var receipt = await SubmittedAsync(resident, Form(village: "36.71.01.1006", lat: -6.1781, lon: 106.63, description: "Laporan " + Markup), reporterToken);
        var (reportId, ticket, key) = (receipt.GetProperty("id").GetString()!, receipt.GetProperty("ticket").GetString()!, receipt.GetProperty("key").GetString()!);
        var officer = await App.LoginAsync(Officer);
        await PostOkAsync(officer, $"/api/reports/{reportId}/triage", new { action = "Accept", note = "Catatan " + Markup, publicNote = "Untuk pelapor " + Markup });
        await PostOkAsync(officer, $"/api/reports/{reportId}/assign", new { teamId = team, note = "Tugas " + Markup });
        await PostOkAsync(officer, $"/api/reports/{reportId}/messages", new { text = "Pertanyaan " + Markup });
        await PostOkAsync(resident, $"/api/public/reports/{key}/messages", new { text = "Jawaban " + Markup });
        await PostOkAsync(officer, "/api/field/positions", new { latitude = -6.1702, longitude = 106.6403, activity = "Arrived", note = "Tiba " + Markup });

        // A lodging waiting for verification (its name refuses markup; its address and contact take any text), and a
        // verified one whose guest is not in the registry (a flag).
        var waiting = Lodgings.Registration();
        waiting["address"] = "Jl. " + Markup;
        waiting["contactName"] = "Budi " + Markup;
        await App.RegisterLodgingAsync(waiting);
        var (lodging, _, _) = await App.VerifiedLodgingAsync();
        await lodging.CheckInAsync(Lodgings.CheckIn(People.NextPassport()));

        // A person in Setiabudi whose permit ends soon (a name refuses markup; the street and the sponsor take it), and
        // a partner's access request about them.
        var jaksel = await App.LoginAsync("petugas.jaksel@pantau.test");
        var passport = People.NextPassport();
        var registration = People.Registration(passport: passport, permitExpiry: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd"));
        ((Dictionary<string, object?>[])registration["permits"]!)[0]["sponsor"] = "PT " + Markup;
        ((Dictionary<string, object?>)registration["address"]!)["street"] = "Jl. " + Markup;
        var person = await jaksel.RegisterAsync(registration);
        // Four more alike: a partner's list shows only what covers five people (ADR 011).
        for (var i = 0; i < 4; i++)
            await jaksel.RegisterAsync(People.Registration(passport: People.NextPassport(), permitExpiry: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd")));
        var partner = await App.LoginAsync("polsek.setiabudi@pantau.test");
        // Records are designated by a token of the partner's list (ADR 011), not by the permit's id.
        var records = await partner.GetFromJsonAsync<JsonElement>("/api/partner/permits?district=31.74.02");
        await PostOkAsync(partner, "/api/partner/access-requests",
            new { record = records.GetProperty("items")[0].GetProperty("record").GetString(), reason = "Alasan " + Markup });

        // The pages that show them.
        var head = await SignedInAsync(Head, "/supervisor");
        await AssertLiteralAsync(head, "#officers");
        await AssertLiteralAsync(head, "#timeline");
        await AssertLiteralAsync(head, "#teams");
        await head.HoverAsync("#map path.officer-pin"); // the officer's dot (the open reports are on the same map)
        var tooltip = head.Locator(".leaflet-tooltip");
        await tooltip.WaitForAsync();
        Assert.Contains(Literal, await tooltip.TextContentAsync());
        Assert.Equal(0, await tooltip.Locator("img").CountAsync());
        // The team's pin on the same map: its name, typed by an office admin, is text in the tooltip too.
        // (Every team of the officer stands at the officer's last position, one pin over the other: each is asked.)
        foreach (var pin in await head.Locator("#map .team-pin").AllAsync()) await pin.DispatchEventAsync("mouseover");
        var teamTip = head.Locator(".leaflet-tooltip", new() { HasText = "TIMPORA <img" });
        await teamTip.WaitForAsync();
        Assert.Contains(Literal, await teamTip.TextContentAsync());
        Assert.Equal(0, await teamTip.Locator("img").CountAsync());
        await AssertNothingRanAsync(head);

        await head.GotoAsync("/console");
        var card = head.Locator($".report-card[data-ticket='{ticket}']");
        await card.WaitForAsync();
        await card.Locator("[data-open]").ClickAsync();
        await head.Locator("#detail-heading", new() { HasText = ticket }).WaitForAsync();
        foreach (var text in new[] { "Laporan ", "Pertanyaan ", "Jawaban " })
            await head.GetByText(text + Literal).First.WaitForAsync();
        await AssertLiteralAsync(head, ".step-note"); // the officers' notes in the report's history
        await AssertNothingRanAsync(head);
        await VisitAsync(head, "/teams");

        var field = await SignedInAsync(Officer, "/field", Tangerang);
        await field.Locator($".assignment[data-ticket='{ticket}']").WaitForAsync();
        await AssertLiteralAsync(field, $".assignment[data-ticket='{ticket}']");
        await AssertLiteralAsync(field, "header .who");
        await VisitAsync(field, "/lodgings");
        await field.GotoAsync("/lodging-flags");
        await field.Locator("li.flag").First.WaitForAsync();
        await AssertNothingRanAsync(field);

        var office = await SignedInAsync(OfficeAdmin, "/admin/accounts");
        await AssertLiteralAsync(office, "main");
        await VisitAsync(office, "/teams");
        await VisitAsync(office, $"/teams/{team}");

        var reporter = await PhoneAsync();
        await VisitAsync(reporter, $"/lapor/{key}");

        var registry = await SignedInAsync("petugas.jaksel@pantau.test", $"/registry?q={passport}");
        await registry.GetByText(passport).First.WaitForAsync();
        await AssertNothingRanAsync(registry);
        await VisitAsync(registry, $"/registry/{person.GetProperty("id").GetString()}");
        await registry.GotoAsync("/permit-expiry");
        await registry.Locator($"[data-person='{person.GetProperty("id").GetString()}']").WaitForAsync();
        await AssertNothingRanAsync(registry);

        var decider = await SignedInAsync("kepala.jaksel@pantau.test", "/access-requests");
        await AssertLiteralAsync(decider, "main");
        var requester = await SignedInAsync("polsek.setiabudi@pantau.test", "/mitra");
        await AssertLiteralAsync(requester, "main");
    }

    [Fact]
    public async Task Every_page_runs_under_the_content_security_policy_without_a_violation()
    {
        var receipt = await SubmittedAsync(App.CreateClient(), Form(village: "36.71.01.1006", lat: null, lon: null));
        var key = receipt.GetProperty("key").GetString()!;
        var team = await Operations.Desk.TeamOnDutyAsync(App);
        var (_, lodgingEmail, _) = await App.VerifiedLodgingAsync();
        var someone = (await (await App.LoginAsync("petugas.jaksel@pantau.test")).RegisterAsync(People.Registration())).GetProperty("id").GetString();

        var visits = new (string? Account, string[] Paths)[]
        {
            (null, ["/", "/login", "/lapor", $"/lapor/{key}", "/statistik", "/penginapan/daftar", "/dev/outbox", "/halaman-yang-tidak-ada"]),
            ("admin@pantau.test", ["/admin/accounts", "/admin/offices", "/admin/accounts/new", "/sync", "/registry", "/teams", "/console/overview"]),
            (Head, ["/supervisor", "/console", "/teams", "/access-requests", "/permit-expiry", "/dasbor"]),
            (Officer, ["/field", "/console", "/registry", "/lodgings", "/lodging-flags", "/permit-expiry"]),
            ("petugas.jaksel@pantau.test", [$"/registry/{someone}"]),
            (OfficeAdmin, ["/admin/accounts", "/teams", $"/teams/{team}", "/lodgings"]),
            ("polsek.setiabudi@pantau.test", ["/mitra", "/lapor"]),
            ("rt.setiabudi@pantau.test", ["/rt", "/lapor"]),
            (lodgingEmail, ["/penginapan", "/penginapan/unggah"]),
        };
        var found = new List<string>();
        foreach (var (account, paths) in visits)
        {
            var page = await WatchedPhoneAsync(found);
            if (account is not null)
            {
                await page.GotoAsync("/login");
                await page.SignInAsync(account, PantauApp.Password);
            }
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                await page.WaitForLoadStateAsync(LoadState.Load);
                // Let the scripts draw what they fetch; the live pages keep a stream open and never fall idle.
                try { await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 }); }
                catch (TimeoutException) { }
                Assert.True(new Uri(page.Url).PathAndQuery == path, $"{account ?? "a visitor"} at {path} landed on {page.Url}");
                found.AddRange((await page.EvaluateAsync<string[]>("() => window.__violations")).Select(v => $"{path}: {v}"));
            }
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    /// <summary>A phone that records CSP violations (init script) and console errors into <paramref name="found"/>.</summary>
    private async Task<IPage> WatchedPhoneAsync(List<string> found, Geolocation? position = null)
    {
        var page = await PhoneAsync(position, new() { Width = 1280, Height = 900 });
        await page.Context.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener("securitypolicyviolation", e =>
                window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        page.Console += (_, message) =>
        {
            // Map tiles come from outside; the test browser is offline but for the app, so they fail to load.
            // The not-found page's own 404 is its answer, not a failure of something it loads.
            var ownStatus = message.Location.StartsWith(page.Url + ":", StringComparison.Ordinal) && message.Text.Contains("status of 404", StringComparison.Ordinal);
            if (message.Type == "error" && !ownStatus && !message.Location.StartsWith("https://tile.openstreetmap.org", StringComparison.Ordinal))
                found.Add($"{new Uri(page.Url).AbsolutePath}: console error {message.Text} ({message.Location})");
        };
        return page;
    }

    private async Task<IPage> SignedInAsync(string email, string path, Geolocation? position = null)
    {
        var page = await PhoneAsync(position, new() { Width = 1280, Height = 900 });
        await page.GotoAsync(path);
        await page.SignInAsync(email, PantauApp.Password);
        Assert.Equal(new Uri(page.Url).PathAndQuery, path);
        return page;
    }

    /// <summary>Opens <paramref name="path"/>, finds the markup shown as text in its main part, and nothing ran.</summary>
    private static async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await AssertLiteralAsync(page, "main");
    }

    private static async Task AssertLiteralAsync(IPage page, string within)
    {
        await page.Locator(within).GetByText(Literal).First.WaitForAsync();
        await AssertNothingRanAsync(page);
    }

    private static async Task AssertNothingRanAsync(IPage page)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"script from data ran on {page.Url}");
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
    }

    private static async Task PostOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
