using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Operations;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Browser;

/// <summary>
/// The console as a dispatch screen (issue 17, point 1): on a desk the queue, the map and the open report side by side,
/// the map showing the open reports and the teams where their phones last were, a report submitted during the test
/// appearing on list and map live, and the frequent actions on the keyboard; on a phone the list first and the map one
/// tap away.
/// </summary>
public sealed class ConsoleMapPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Head = "kepala.tangerang@pantau.test";

    [Fact]
    public async Task On_a_desk_the_map_shows_reports_and_teams_live_and_the_keyboard_accepts_and_sends_a_team()
    {
        var team = await Desk.TeamOnDutyAsync(App);
        // The team's officer is out on patrol: the phone's position places the team.
        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        await Desk.PostOkAsync(officer, "/api/field/positions", new { latitude = -6.1790, longitude = 106.6310, activity = "PatrolStarted" });

        var console = await PhoneAsync(screen: new() { Width = 1280, Height = 800 });
        await console.GotoAsync("/console");
        await console.SignInAsync(Head, PantauApp.Password);
        await console.Locator("#live-status[data-state=live]").WaitForAsync();
        await console.MarkDocumentAsync();

        // Side by side: the map beside the queue, no button needed to see it.
        Assert.True(await console.Locator("#console-map").IsVisibleAsync());
        Assert.False(await console.Locator("#map-toggle").IsVisibleAsync());
        var queueBox = await console.Locator("#queue-heading").BoundingBoxAsync();
        var mapBox = await console.Locator("#console-map").BoundingBoxAsync();
        Assert.True(mapBox!.X > queueBox!.X + queueBox.Width - 1, "the map stands beside the queue");

        // The team on the map, free, where its member's phone was.
        await console.Locator($"#console-map[data-team-states~='{team}:Free']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.True(await console.Locator(".team-pin.state-free").CountAsync() >= 1);

        // A report submitted now: on the list and on the map without a reload.
        var resident = App.CreateClient();
        var token = await VerifyPhoneAsync(resident, NewPhone());
        var receipt = await SubmittedAsync(resident, Form("Overstay", village: "36.71.01.1006", lat: -6.1702, lon: 106.6403,
            description: "Dua WNA tinggal melewati izin."), token);
        var ticket = receipt.GetProperty("ticket").GetString()!;
        await console.Locator($".report-card[data-ticket='{ticket}']").WaitForAsync();
        await console.Locator($"#console-map[data-tickets~='{ticket}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.True(await console.IsSameDocumentAsync(), "the report came without a reload");
        // What the map draws is what the queue holds: every open report with a place is a marker (or in a cluster).
        // (Other tests of the class add reports to the office meanwhile: every one read before is on the map, and the
        // map holds nothing the queue does not hold after.)
        var queued = await App.LoginAsync(Head);
        async Task<List<string>> WithPlaceAsync() => (await queued.GetJsonAsync("/api/reports")).EnumerateArray()
            .Where(r => r.GetProperty("pin").ValueKind == System.Text.Json.JsonValueKind.Object
                && new[] { "Verified", "Accepted", "Dispatched", "EnRoute", "OnSite" }.Contains(r.GetProperty("status").GetString()))
            .Select(r => r.GetProperty("ticket").GetString()!).ToList();
        var before = await WithPlaceAsync();
        Assert.Contains(ticket, before);
        await console.WaitForFunctionAsync("want => { const have = (document.getElementById('console-map').dataset.tickets || '').split(' '); return want.every(t => have.includes(t)); }", before);
        var onMap = (await console.Locator("#console-map").GetAttributeAsync("data-tickets"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Empty(onMap.Except(await WithPlaceAsync()));
        Assert.True(await console.Locator("#console-map path.leaflet-interactive, #console-map .marker-cluster").CountAsync() >= 1, "Leaflet drew the reports");
        await console.ScreenshotAsync("console-map-desk");

        // The keyboard: n opens the first report of the queue; Escape closes it.
        var first = await console.Locator("#queue > li").First.GetAttributeAsync("data-ticket");
        await console.Keyboard.PressAsync("n");
        await console.Locator("#detail-heading", new() { HasText = first! }).WaitForAsync();
        await console.Keyboard.PressAsync("Escape");
        await console.Locator("#detail").WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        // Open the new report, accept it with a, and send the suggested team with t.
        await console.Locator($".report-card[data-ticket='{ticket}'] [data-open]").ClickAsync();
        await console.Locator("#detail-heading", new() { HasText = ticket }).WaitForAsync();
        await console.Keyboard.PressAsync("a");
        await console.Locator("#detail-facts [data-status=Accepted]").WaitForAsync();
        await console.Locator("#team-suggestion:not([hidden])").WaitForAsync();
        var suggested = (await queued.GetJsonAsync($"/api/operations/teams?reportId={receipt.GetProperty("id").GetString()}")).EnumerateArray()
            .Single(c => c.GetProperty("suggested").GetBoolean()).GetProperty("teamId").GetInt32();
        Assert.Equal(suggested.ToString(CultureInfo.InvariantCulture), await console.InputValueAsync("#teamId"));
        await console.Keyboard.PressAsync("t");
        await console.Locator($".report-card[data-ticket='{ticket}'][data-status=Dispatched]").WaitForAsync();
        // The team is now busy on the map too.
        await console.Locator($"#console-map[data-team-states~='{suggested}:Dispatched']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Typing in a field is typing, not a shortcut.
        await console.FocusAsync("#text");
        await console.Keyboard.TypeAsync("an");
        Assert.Equal("an", await console.InputValueAsync("#text"));
        Assert.Contains(ticket, await console.ShownTextAsync("#detail-heading"));
        Assert.True(await console.Locator("#shortcuts kbd").CountAsync() >= 5, "the shortcuts are listed on the page");
    }

    [Fact]
    public async Task On_a_phone_the_list_comes_first_and_the_map_is_one_tap_away()
    {
        var reported = await Desk.ReportAsync(App, village: "36.71.01.1006");
        var console = await PhoneAsync();
        await console.GotoAsync("/console");
        await console.SignInAsync(Head, PantauApp.Password);
        await console.Locator($".report-card[data-ticket='{reported.Ticket}']").WaitForAsync();
        Assert.False(await console.Locator("#console-map").IsVisibleAsync());
        await console.AssertFitsPhoneAsync();

        await console.ClickAsync("#map-toggle");
        await console.Locator("#console-map").WaitForAsync();
        Assert.Equal("true", await console.GetAttributeAsync("#map-toggle", "aria-expanded"));
        // A report without a position is shown at its kelurahan's centre.
        Assert.Contains(reported.Ticket, (await console.GetAttributeAsync("#console-map", "data-tickets"))!.Split(' '));
        await console.AssertFitsPhoneAsync();
        await console.ScreenshotAsync("console-map-phone");

        await console.Keyboard.PressAsync("m");
        await console.Locator("#console-map").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    [Fact]
    public async Task An_office_without_a_team_shows_an_accepted_report_with_what_to_do_and_hands_it_over()
    {
        var tangerang = await App.LoginAsync("petugas.tangerang@pantau.test");
        var jakselOffice = await Desk.OfficeIdAsync(tangerang, "KANIM-JAKSEL");
        var report = await Desk.ReportAsync(App);
        await Desk.TriageAsync(tangerang, report.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice });
        await Desk.TriageAsync(await App.LoginAsync("petugas.jaksel@pantau.test"), report.Id, new { action = "Accept" });

        // Jakarta Selatan has no TIMPORA team: the accepted report is there, says so, and offers another office.
        var console = await PhoneAsync(screen: new() { Width = 1280, Height = 800 });
        await console.GotoAsync("/console");
        await console.SignInAsync("petugas.jaksel@pantau.test", PantauApp.Password);
        // The page warns while an accepted report has nobody to go to.
        await console.Locator("#dispatch-gap[data-gap='console.gap.noTeam']").WaitForAsync();
        Assert.StartsWith("Laporan diterima yang menunggu tim: 1.", await console.ShownTextAsync("#dispatch-gap"));
        await console.Locator($".report-card[data-ticket='{report.Ticket}'][data-status=Accepted] [data-open]").ClickAsync();
        await console.Locator("#detail-heading", new() { HasText = report.Ticket }).WaitForAsync();
        Assert.StartsWith("Kantor ini belum punya tim TIMPORA", await console.ShownTextAsync("#no-team"));
        Assert.False(await console.Locator("#assign").IsVisibleAsync());
        await console.ClickAsync("#hand-over summary");
        await console.SelectOptionAsync("#handOverTo", new SelectOptionValue { Label = "Kantor Imigrasi Tangerang" });
        await console.ScreenshotAsync("console-no-team");
        await console.ClickAsync("#hand-over-button");
        await console.Locator($".report-card[data-ticket='{report.Ticket}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await console.Locator("#dispatch-gap").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("Verified", (await tangerang.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_head_is_warned_on_their_pages_the_officer_escalates_and_the_national_desk_hands_the_report_over()
    {
        var jaksel = await App.LoginAsync("petugas.jaksel@pantau.test");
        var report = await Desk.ReportAsync(App, village: "31.74.01.1001");
        await Desk.TriageAsync(jaksel, report.Id, new { action = "Accept" });

        // Jakarta Selatan has no team: its head sees it on every page while the accepted report waits.
        var head = await PhoneAsync();
        await head.GotoAsync("/teams");
        await head.SignInAsync("kepala.jaksel@pantau.test", PantauApp.Password);
        await head.Locator("#office-dispatch-gap[data-gap='console.gap.noTeam']").WaitForAsync();
        Assert.StartsWith("Laporan diterima yang menunggu tim:", await head.ShownTextAsync("#office-dispatch-gap"));
        await head.AssertFitsPhoneAsync();

        // The officer sends it up (Jakarta has no regional division in Pantau: to the national desk).
        var console = await PhoneAsync(screen: new() { Width = 1280, Height = 800 });
        await console.GotoAsync("/console");
        await console.SignInAsync("petugas.jaksel@pantau.test", PantauApp.Password);
        await console.Locator($".report-card[data-ticket='{report.Ticket}'] [data-open]").ClickAsync();
        await console.Locator("#detail-heading", new() { HasText = report.Ticket }).WaitForAsync();
        await console.ClickAsync("#escalate");
        await console.Locator("#escalated").WaitForAsync();
        Assert.StartsWith("Diteruskan ke Kanwil pada", await console.ShownTextAsync("#escalated"));
        Assert.False(await console.Locator("#escalate").IsVisibleAsync());
        Assert.Contains(await Desk.OutboxAsync(App, report.Phone), m => m.Contains(report.Ticket) && m.Contains("Direktorat Jenderal Imigrasi"));

        // The national admin's overview lists it first, marked, and hands it to Kanim Tangerang.
        var desk = await PhoneAsync(screen: new() { Width = 1280, Height = 800 });
        await desk.GotoAsync("/console/overview");
        await desk.SignInAsync("admin@pantau.test", PantauApp.Password);
        var card = desk.Locator($"#reports [data-ticket='{report.Ticket}'][data-escalation='OfficeAsked']");
        await card.WaitForAsync();
        Assert.Equal(report.Ticket, await desk.Locator("#reports > li").First.GetAttributeAsync("data-ticket"));
        await card.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Kantor Imigrasi Tangerang" });
        await desk.ScreenshotAsync("overview-hand-over");
        await card.Locator("button[type=submit]").ClickAsync();
        await desk.Locator($"#reports [data-ticket='{report.Ticket}'][data-escalation='']").WaitForAsync();
        var tangerang = await App.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Equal("Verified", (await tangerang.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("status").GetString());

        // Over: the head's pages no longer warn.
        await head.ReloadAsync();
        Assert.Equal(0, await head.Locator("#office-dispatch-gap").CountAsync());
    }

    [Fact]
    public async Task The_supervisor_sees_reports_and_teams_on_the_map_and_a_teams_route_of_the_day()
    {
        var team = await Desk.TeamOnDutyAsync(App);
        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        foreach (var (lat, lon, activity) in new[] { (-6.1790, 106.6310, "PatrolStarted"), (-6.1750, 106.6350, "Position"), (-6.1702, 106.6403, "Arrived") })
            await Desk.PostOkAsync(officer, "/api/field/positions", new { latitude = lat, longitude = lon, activity });
        var reported = await Desk.ReportAsync(App, village: "36.71.01.1006");

        var supervisor = await PhoneAsync(screen: new() { Width = 1280, Height = 800 });
        await supervisor.GotoAsync("/supervisor");
        await supervisor.SignInAsync(Head, PantauApp.Password);
        await supervisor.Locator($"#map[data-tickets~='{reported.Ticket}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await supervisor.Locator("#map .team-pin").First.WaitForAsync(); // the team is on the map (read beside the reports)
        Assert.Equal(4, await supervisor.Locator(".legend li").CountAsync());

        // The team's route: its member's three pings of today, in order.
        await supervisor.Locator($"button[data-route='{team}']").ClickAsync();
        await supervisor.Locator("#map[data-route='3']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("3", await supervisor.ShownTextAsync($"[data-route-summary='{team}']"));
        await supervisor.ScreenshotAsync("supervisor-team-route");
    }

    [Fact]
    public async Task A_regional_division_sees_the_reports_of_both_its_offices_and_one_at_a_time()
    {
        var tangerang = await Desk.ReportAsync(App, village: "36.71.01.1002");
        var tangsel = await Desk.ReportAsync(App, village: "36.74.01.1001");
        var jakarta = await Desk.ReportAsync(App, village: "31.74.01.1001");

        foreach (var screen in new ViewportSize[] { new() { Width = 1280, Height = 800 }, new() { Width = Chromium.PhoneWidth, Height = Chromium.PhoneHeight } })
        {
            var kanwil = await PhoneAsync(screen: screen);
            await kanwil.GotoAsync("/login");
            await kanwil.SignInAsync("kanwil.banten@pantau.test", PantauApp.Password);
            if (screen.Width == Chromium.PhoneWidth)
            {
                // An office's console is not the division's: the refusal points to the overview instead.
                await kanwil.GotoAsync("/console");
                await kanwil.Locator("#denied").WaitForAsync();
                await kanwil.ClickAsync("#to-overview");
            }
            else await kanwil.ClickAsync("nav a[href='/console/overview']");
            await kanwil.Locator($"#reports [data-ticket='{tangsel.Ticket}']").WaitForAsync();
            Assert.Equal(1, await kanwil.Locator($"#reports [data-ticket='{tangerang.Ticket}']").CountAsync());
            Assert.Equal(0, await kanwil.Locator($"#reports [data-ticket='{jakarta.Ticket}']").CountAsync());
            Assert.Equal(2, await kanwil.Locator("#loads tbody tr").CountAsync());
            Assert.Contains(tangsel.Ticket, (await kanwil.GetAttributeAsync("#overview-map", "data-tickets"))!.Split(' '));
            if (screen.Width == Chromium.PhoneWidth) await kanwil.AssertFitsPhoneAsync();
            await kanwil.ScreenshotAsync($"overview-{screen.Width}");

            // Live: a report of one of its offices appears without a reload and long before the minute's reading.
            await kanwil.MarkDocumentAsync();
            var fresh = await Desk.ReportAsync(App, village: "36.71.01.1006");
            await kanwil.Locator($"#reports [data-ticket='{fresh.Ticket}']").WaitForAsync();
            Assert.True(await kanwil.IsSameDocumentAsync());

            await kanwil.SelectOptionAsync("#office", new SelectOptionValue { Label = "Kantor Imigrasi Tangerang Selatan" });
            await kanwil.Locator($"#reports [data-ticket='{tangerang.Ticket}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            Assert.Equal(1, await kanwil.Locator($"#reports [data-ticket='{tangsel.Ticket}']").CountAsync());
            Assert.Equal(1, await kanwil.Locator("#loads tbody tr").CountAsync());
        }
    }
}
