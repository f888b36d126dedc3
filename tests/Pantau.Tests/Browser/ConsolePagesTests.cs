using System.Globalization;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Operations;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Browser;

/// <summary>
/// The operations console on an office's screen and the team's phone (360×740), live: a report submitted through the
/// public API appears on the console without a reload, the console accepts it and sends a team, the team sets out,
/// arrives, records its findings and resolves it from the phone, and the reporter's status page shows the outcome.
/// </summary>
public sealed class ConsolePagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private static readonly Geolocation Tangerang = new() { Latitude = -6.1781f, Longitude = 106.6300f, Accuracy = 20 };

    [Fact]
    public async Task A_report_reaches_the_console_live_and_the_team_resolves_it_from_a_phone()
    {
        var team = await Desk.TeamOnDutyAsync(App);

        // The office's console, on a desk.
        var console = await PhoneAsync(screen: new() { Width = 1280, Height = 900 });
        await console.GotoAsync("/console");
        await console.SignInAsync("kepala.tangerang@pantau.test", PantauApp.Password);
        Assert.Equal("/console", console.PathOf());
        await console.Locator("#live-status[data-state=live]").WaitForAsync();
        await console.MarkDocumentAsync();

        // The team's phone, on /field.
        var phone = await PhoneAsync(position: Tangerang);
        await phone.GotoAsync("/field");
        await phone.SignInAsync("petugas.tangerang@pantau.test", PantauApp.Password);
        await phone.Locator("#team-live[data-state=live]").WaitForAsync();
        await phone.MarkDocumentAsync();

        // A resident reports through the public API.
        var resident = App.CreateClient();
        var number = NewPhone();
        var token = await VerifyPhoneAsync(resident, number);
        var receipt = await SubmittedAsync(resident, Form("UnauthorisedWork", village: "36.71.01.1006", lat: -6.1781, lon: 106.63,
            description: "Enam WNA bekerja di pabrik tanpa izin kerja."), token);
        var ticket = receipt.GetProperty("ticket").GetString()!;

        var card = console.Locator($".report-card[data-ticket='{ticket}']");
        await card.WaitForAsync();
        Assert.True(await console.IsSameDocumentAsync(), "the report came without a reload");
        Assert.Contains(ticket, await console.ShownTextAsync("#new-report"));
        Assert.StartsWith("(1)", await console.TitleAsync());
        // Today's figures say what the queue shows: as many waiting as there are cards, the new one among them.
        var cards = await console.Locator("#queue .report-card").CountAsync();
        await console.WaitForFunctionAsync($"() => document.querySelector('#summary [data-figure=queued] dd')?.textContent === '{cards}'");
        await console.WaitForFunctionAsync("() => Number(document.querySelector('#summary [data-figure=reports] dd')?.textContent) >= 1");
        await console.ScreenshotAsync("console-new-report");

        // Triage and dispatch.
        await card.Locator("[data-open]").ClickAsync();
        await console.Locator("#detail-heading", new() { HasText = ticket }).WaitForAsync();
        Assert.Contains(Intl(number), await console.ShownTextAsync("#detail-facts")); // immigration sees the reporter's number
        await console.ClickAsync("#accept");
        await console.Locator("#detail-facts [data-status=Accepted]").WaitForAsync();
        // The teams in the order to choose from, the suggested one picked and named: as the API gives them.
        await console.Locator("#team-suggestion:not([hidden])").WaitForAsync();
        var head = await App.LoginAsync("kepala.tangerang@pantau.test");
        var choices = (await head.GetJsonAsync($"/api/operations/teams?reportId={receipt.GetProperty("id").GetString()}")).EnumerateArray().ToList();
        Assert.Equal(choices.Select(c => c.GetProperty("teamId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await console.Locator("#teamId option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        var suggested = choices.Single(c => c.GetProperty("suggested").GetBoolean());
        Assert.Equal(suggested.GetProperty("teamId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), await console.InputValueAsync("#teamId"));
        Assert.StartsWith("Disarankan", await console.ShownTextAsync("#team-suggestion"));
        Assert.Contains(suggested.GetProperty("name").GetString()!, await console.ShownTextAsync("#team-suggestion"));
        await console.SelectOptionAsync("#teamId", team.ToString());
        await console.ClickAsync("#assign");
        await console.Locator($".report-card[data-ticket='{ticket}'][data-status=Dispatched]").WaitForAsync();
        await console.ScreenshotAsync("console-dispatched");

        // The team sees it at once, and works it from the phone.
        var assignment = phone.Locator($".assignment[data-ticket='{ticket}']");
        await assignment.WaitForAsync();
        Assert.True(await phone.IsSameDocumentAsync());
        Assert.Contains(ticket, await phone.ShownTextAsync("#new-assignment"));
        Assert.DoesNotContain(Intl(number), await assignment.TextContentAsync() ?? "");
        await assignment.Locator("[data-step=EnRoute]").ClickAsync();
        await phone.Locator($".assignment[data-ticket='{ticket}'][data-status=EnRoute]").WaitForAsync();
        await console.Locator($".report-card[data-ticket='{ticket}'][data-status=EnRoute]").WaitForAsync();

        // The office head sees the team's state with the officers' pings.
        var supervisor = await console.Context.NewPageAsync();
        await supervisor.GotoAsync("/supervisor");
        await supervisor.Locator($"[data-team='{team}'] li[data-ticket='{ticket}'][data-status=EnRoute]").WaitForAsync();
        // Setting out to the report reads as that on the timeline, not as the start of a patrol.
        var setOut = supervisor.Locator("#timeline li[data-activity=SetOut]", new() { HasText = ticket }).First;
        await setOut.WaitForAsync();
        Assert.Contains("Berangkat ke laporan", await setOut.TextContentAsync());
        await phone.Locator($".assignment[data-ticket='{ticket}'] [data-step=OnSite]").ClickAsync();
        var onSite = phone.Locator($".assignment[data-ticket='{ticket}'][data-status=OnSite]");
        await onSite.WaitForAsync();
        await supervisor.Locator($"[data-team='{team}'] li[data-ticket='{ticket}'][data-status=OnSite]").WaitForAsync();
        await supervisor.ScreenshotAsync("supervisor-team-on-site");
        await onSite.Locator("select[name=outcome]").SelectOptionAsync("AdministrativeAction");
        await onSite.Locator("input[name=foreignersChecked]").FillAsync("6");
        await onSite.Locator("textarea[name=note]").FillAsync("Enam WNA tanpa izin kerja dibawa ke kantor imigrasi.");
        // A person checked from the report: the check form says for which report.
        await onSite.Locator("[data-check]").ClickAsync();
        Assert.Contains(ticket, await phone.ShownTextAsync("#check-for-report"));
        await onSite.Locator("form.findings button[type=submit]").ClickAsync();
        var found = phone.Locator($".assignment[data-ticket='{ticket}'] form.close button[type=submit]:not([disabled])");
        await found.WaitForAsync();
        // The card was drawn again for its new revision, and still says the findings were saved.
        Assert.Equal("Temuan tersimpan.", (await phone.Locator($".assignment[data-ticket='{ticket}'] [role=status]").TextContentAsync())?.Trim());
        await phone.AssertFitsPhoneAsync();
        await phone.ScreenshotAsync("team-on-site-360");
        await phone.Locator($".assignment[data-ticket='{ticket}'] form.close textarea").FillAsync("Terima kasih, WNA telah ditindak.");
        await found.ClickAsync();
        await phone.Locator($".assignment[data-ticket='{ticket}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        // Done: the check form is no longer tied to it, nor does the banner announce it.
        Assert.False(await phone.IsVisibleAsync("#check-for-report"));
        Assert.Equal("", await phone.InputValueAsync("#reportId"));
        Assert.False(await phone.IsVisibleAsync("#new-assignment"));

        // Closed: it leaves the console's queue, live.
        await console.Locator($".report-card[data-ticket='{ticket}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.True(await console.IsSameDocumentAsync());
        // Nor does the "new report" banner stay for a report that is done.
        Assert.False(await console.IsVisibleAsync("#new-report"));
        await console.WaitForFunctionAsync($"() => document.querySelector('#summary [data-figure=queued] dd')?.textContent === '{cards - 1}'");

        // The reporter's status page shows the outcome.
        var reporter = await PhoneAsync();
        await reporter.GotoAsync($"/lapor/{ticket}");
        Assert.Equal("Selesai ditangani", await reporter.ShownTextAsync("#status"));
        Assert.Equal("Terima kasih, WNA telah ditindak.", await reporter.ShownTextAsync("#status-note-text"));
        Assert.Equal(["Verified", "Accepted", "Dispatched", "EnRoute", "OnSite", "Resolved"],
            await reporter.Locator("#history li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status)"));
        await reporter.AssertFitsPhoneAsync();
        await reporter.ScreenshotAsync("report-status-resolved-360");
    }

    [Fact]
    public async Task The_console_at_phone_width_fits_and_the_reporter_answers_an_officers_question()
    {
        var report = await Desk.ReportAsync(App);
        var console = await PhoneAsync();
        await console.GotoAsync("/console");
        await console.SignInAsync("petugas.tangerang@pantau.test", PantauApp.Password);
        var card = console.Locator($".report-card[data-ticket='{report.Ticket}']");
        await card.Locator("[data-open]").ClickAsync();
        await console.FillAsync("#text", "Apakah orangnya masih di lokasi?");
        await console.ClickAsync("#ask button[type=submit]");
        await console.Locator("#messages li.from-officer").WaitForAsync();
        await console.AssertFitsPhoneAsync();
        await console.ScreenshotAsync("console-360");

        var reporter = await PhoneAsync();
        await reporter.GotoAsync($"/lapor/{report.Key}"); // the reporter's private link
        Assert.Equal("Apakah orangnya masih di lokasi?", (await reporter.Locator("#messages li.from-officer p").TextContentAsync())?.Trim());
        await reporter.FillAsync("#text", "Masih, di warung depan.");
        await reporter.ClickAsync("#reply button[type=submit]");
        await reporter.Locator("#messages li.from-reporter").WaitForAsync();
        await reporter.AssertFitsPhoneAsync();

        // The console, with the report open, shows the reply at once (and so it counts as read).
        await console.Locator("#messages li.from-reporter").WaitForAsync();
        Assert.Equal("Masih, di warung depan.", (await console.Locator("#messages li.from-reporter p").TextContentAsync())?.Trim());
        await console.Locator($".report-card[data-ticket='{report.Ticket}']:not(:has([data-unread]))").WaitForAsync();
    }

    [Fact]
    public async Task A_report_that_came_while_the_console_opened_its_stream_is_announced_as_new()
    {
        var console = await PhoneAsync(screen: new() { Width = 1280, Height = 900 });
        var listening = new TaskCompletionSource();
        await console.RouteAsync("**/api/events", async route => { await listening.Task; await route.ContinueAsync(); });
        await console.GotoAsync("/console");
        await console.SignInAsync("kepala.tangerang@pantau.test", PantauApp.Password);
        await console.WaitForFunctionAsync("() => document.querySelector('#queue-count').textContent !== ''"); // the first reading, drawn
        await console.MarkDocumentAsync();

        // Its first reading is drawn; the report comes before the stream listens, so no event carries it: the reading
        // on "ready" finds it, and it is as new to this screen as one that came live.
        var report = await Desk.ReportAsync(App);
        listening.SetResult();
        await console.Locator($".report-card[data-ticket='{report.Ticket}']").WaitForAsync();
        Assert.Contains(report.Ticket, await console.ShownTextAsync("#new-report"));
        Assert.StartsWith("(1)", await console.TitleAsync());
        Assert.True(await console.IsSameDocumentAsync());
    }

    [Fact]
    public async Task Another_offices_console_lists_only_its_own_reports()
    {
        var tangerang = await App.LoginAsync("petugas.tangerang@pantau.test");
        var theirs = await Desk.ReportAsync(App);
        var forwarded = await Desk.ReportAsync(App);
        var jakselOffice = await Desk.OfficeIdAsync(tangerang, "KANIM-JAKSEL");
        await Desk.TriageAsync(tangerang, forwarded.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice });

        var console = await PhoneAsync(screen: new() { Width = 1280, Height = 900 });
        await console.GotoAsync("/console");
        await console.SignInAsync("petugas.jaksel@pantau.test", PantauApp.Password);
        // The forwarded report is Jakarta Selatan's now: once it shows, the queue has been drawn.
        await console.Locator($".report-card[data-ticket='{forwarded.Ticket}']").WaitForAsync();
        Assert.Equal(0, await console.Locator($".report-card[data-ticket='{theirs.Ticket}']").CountAsync());
        Assert.DoesNotContain(theirs.Ticket, await console.ShownTextAsync("#queue"));
    }

    [Fact]
    public async Task The_console_and_the_teams_phone_name_the_kelurahan_and_the_team_navigates_there()
    {
        const string Code = "36.71.01.1002", Label = "Sukaasih, Kec. Tangerang, Kota Tangerang";
        var team = await Desk.TeamOnDutyAsync(App);
        var resident = App.CreateClient();
        var located = await SubmittedAsync(resident, Form("Overstay", village: Code, lat: -6.1781, lon: 106.63), await VerifyPhoneAsync(resident, NewPhone()));
        var (withPosition, ticket) = (located.GetProperty("id").GetString()!, located.GetProperty("ticket").GetString()!);
        var unlocated = await Desk.ReportAsync(App, village: Code); // no position
        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        foreach (var id in new[] { withPosition, unlocated.Id }) await Desk.PostOkAsync(officer, $"/api/reports/{id}/assign", new { teamId = team });

        // The console on a phone: the queue names the kelurahan and shows no code.
        var console = await PhoneAsync();
        await console.GotoAsync("/console");
        await console.SignInAsync("petugas.tangerang@pantau.test", PantauApp.Password);
        var card = console.Locator($".report-card[data-ticket='{ticket}']");
        await card.WaitForAsync();
        var cardText = await card.InnerTextAsync();
        Assert.Contains(Label, cardText);
        Assert.DoesNotContain(Code, cardText);

        // The report: the name first, the code only as the small muted detail after it, on one line.
        await card.Locator("[data-open]").ClickAsync();
        var where = console.Locator("#detail-facts [data-slot=where]");
        await where.WaitForAsync();
        Assert.StartsWith(Label, await where.InnerTextAsync());
        Assert.Equal(Code, await where.Locator(".place-code").InnerTextAsync());
        Assert.DoesNotContain(Code, await VisibleTextWithoutCodesAsync(console, "#detail"));
        var look = await where.Locator(".place-code").EvaluateAsync<string[]>(
            "e => { const s = getComputedStyle(e), p = getComputedStyle(e.closest('dd')); return [s.whiteSpace, String(parseFloat(s.fontSize) < parseFloat(p.fontSize)), s.color]; }");
        Assert.Equal(["nowrap", "true", "rgb(91, 102, 117)"], look); // --muted
        Assert.Equal(1, await where.Locator(".place-code").EvaluateAsync<int>("e => e.getClientRects().length"));
        await console.ScreenshotAsync("console-place-name-360");
        await console.AssertFitsPhoneAsync();

        // The team's phone: the name, no code, and links to the position (or the kelurahan's centre).
        var phone = await PhoneAsync();
        await phone.GotoAsync("/field");
        await phone.SignInAsync("petugas.tangerang@pantau.test", PantauApp.Password);
        var assignment = phone.Locator($".assignment[data-ticket='{ticket}']");
        await assignment.WaitForAsync();
        Assert.StartsWith(Label, await assignment.Locator("[data-slot=where]").InnerTextAsync());
        Assert.DoesNotContain(Code, await VisibleTextWithoutCodesAsync(phone, "#assignment-list"));
        Assert.Equal(0, await phone.Locator("#assignment-list .place-code").CountAsync());
        Assert.Equal("geo:-6.178100,106.630000?q=-6.178100,106.630000(Sukaasih%2C%20Kec.%20Tangerang%2C%20Kota%20Tangerang)",
            await assignment.Locator("a[data-navigate=app]").GetAttributeAsync("href"));
        Assert.Equal("https://www.openstreetmap.org/?mlat=-6.178100&mlon=106.630000#map=17/-6.178100/106.630000",
            await assignment.Locator("a[data-navigate=web]").GetAttributeAsync("href"));
        Assert.Equal(0, await assignment.Locator("[data-village-centre]").CountAsync());

        var centre = (await officer.GetJsonAsync("/api/assignments")).EnumerateArray()
            .Single(a => a.GetProperty("id").GetString() == unlocated.Id).GetProperty("destination");
        var (lat, lon) = (centre.GetProperty("latitude").GetDouble().ToString("F6", CultureInfo.InvariantCulture),
            centre.GetProperty("longitude").GetDouble().ToString("F6", CultureInfo.InvariantCulture));
        var toCentre = phone.Locator($".assignment[data-ticket='{unlocated.Ticket}']");
        Assert.Equal($"geo:{lat},{lon}?q={lat},{lon}(Sukaasih%2C%20Kec.%20Tangerang%2C%20Kota%20Tangerang)",
            await toCentre.Locator("a[data-navigate=app]").GetAttributeAsync("href"));
        Assert.Equal($"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
            await toCentre.Locator("a[data-navigate=web]").GetAttributeAsync("href"));
        Assert.True(await toCentre.Locator("[data-village-centre]").IsVisibleAsync());
        await phone.AssertFitsPhoneAsync();
        await phone.ScreenshotAsync("team-navigate-360");
    }

    /// <summary>What a person reads in the element, leaving out the small muted codes beside names.</summary>
    private static Task<string> VisibleTextWithoutCodesAsync(IPage page, string selector) =>
        page.Locator(selector).EvaluateAsync<string>("""
            e => { const codes = [...e.querySelectorAll('.place-code')]; codes.forEach(c => c.hidden = true);
                   const text = e.innerText; codes.forEach(c => c.hidden = false); return text; }
            """);
}
