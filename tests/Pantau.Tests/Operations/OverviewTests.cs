using System.Net;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

/// <summary>
/// The roll-up above the offices (issue 17, point 4): a regional division reads the queues of its province's offices and
/// nothing of another province's; the national admin reads every office's; one office at a time or all together.
/// </summary>
public sealed class OverviewTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_regional_division_sees_its_provinces_offices_and_nothing_of_another_province()
    {
        var tangerang = await ReportAsync(app, village: "36.71.01.1002");   // Kanim Tangerang, Banten
        var tangsel = await ReportAsync(app, village: "36.74.01.1001");     // Kanim Tangerang Selatan, Banten
        var jakarta = await ReportAsync(app, village: "31.74.01.1001");     // Kanim Jakarta Selatan, DKI Jakarta
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var (tangerangOffice, tangselOffice, jakselOffice) = (await OfficeIdAsync(officer, "KANIM-TANGERANG"),
            await OfficeIdAsync(officer, "KANIM-TANGSEL"), await OfficeIdAsync(officer, "KANIM-JAKSEL"));

        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var all = await kanwil.GetJsonAsync("/api/operations/overview");
        Assert.Equal(new[] { tangerangOffice, tangselOffice }.Order(), Offices(all).Order());
        var tickets = Tickets(all);
        Assert.Contains(tangerang.Ticket, tickets);
        Assert.Contains(tangsel.Ticket, tickets);
        Assert.DoesNotContain(jakarta.Ticket, tickets);
        Assert.All(all.GetProperty("reports").EnumerateArray(), r => Assert.Contains(r.GetProperty("officeId").GetInt32(), new[] { tangerangOffice, tangselOffice }));
        // What a console's queue shows, never the reporter's number.
        Assert.DoesNotContain(all.GetProperty("reports").EnumerateArray(), r => r.TryGetProperty("reporterPhone", out _));
        Assert.DoesNotContain(tangerang.Phone[^6..], all.GetRawText());
        // Each office's load is counted from its reports.
        foreach (var office in all.GetProperty("offices").EnumerateArray())
            Assert.Equal(all.GetProperty("reports").EnumerateArray().Count(r => r.GetProperty("officeId").GetInt32() == office.GetProperty("officeId").GetInt32()),
                office.GetProperty("open").GetInt32());

        var one = await kanwil.GetJsonAsync($"/api/operations/overview?officeId={tangselOffice}");
        Assert.Equal([tangselOffice], Offices(one));
        Assert.Contains(tangsel.Ticket, Tickets(one));
        Assert.DoesNotContain(tangerang.Ticket, Tickets(one));
        // Another province's office is not there for Banten's division: as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/operations/overview?officeId={jakselOffice}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync("/api/operations/overview?officeId=99999")).StatusCode);

        // The national admin: the whole country.
        var country = await (await app.LoginAsync("admin@pantau.test")).GetJsonAsync("/api/operations/overview");
        Assert.Contains(jakselOffice, Offices(country));
        Assert.Contains(jakarta.Ticket, Tickets(country));
        Assert.Contains(tangerang.Ticket, Tickets(country));
    }

    [Fact]
    public async Task The_overview_shows_the_teams_of_the_offices_overseen_with_their_state_and_last_position_and_none_of_another_province()
    {
        var tangerangTeam = await TeamOnDutyAsync(app);
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        await PostOkAsync(officer, "/api/field/positions", new { latitude = -6.1790, longitude = 106.6310, activity = "PatrolStarted" });
        var reported = await ReportAsync(app, village: "36.71.01.1006");
        await PostOkAsync(officer, $"/api/reports/{reported.Id}/assign", new { teamId = tangerangTeam });
        var national = await app.LoginAsync("admin@pantau.test");
        var jakselTeam = (await PostOkAsync(national, "/api/teams", new { officeId = await OfficeIdAsync(officer, "KANIM-JAKSEL"), name = "TIMPORA Jaksel Uji" }))
            .GetProperty("id").GetInt32();

        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var teams = (await kanwil.GetJsonAsync("/api/operations/overview")).GetProperty("teams").EnumerateArray().ToList();
        var mine = Assert.Single(teams, t => t.GetProperty("teamId").GetInt32() == tangerangTeam);
        Assert.Equal(await OfficeIdAsync(officer, "KANIM-TANGERANG"), mine.GetProperty("officeId").GetInt32());
        Assert.True(mine.GetProperty("onDuty").GetBoolean());
        Assert.Equal("Dispatched", mine.GetProperty("state").GetString());
        Assert.Equal(reported.Ticket, Assert.Single(mine.GetProperty("assignments").EnumerateArray()).GetProperty("ticket").GetString());
        Assert.Equal(-6.1790, mine.GetProperty("position").GetProperty("latitude").GetDouble(), 4);
        Assert.DoesNotContain(teams, t => t.GetProperty("teamId").GetInt32() == jakselTeam);
        // One office at a time: only its teams.
        var tangsel = await OfficeIdAsync(officer, "KANIM-TANGSEL");
        Assert.Empty((await kanwil.GetJsonAsync($"/api/operations/overview?officeId={tangsel}")).GetProperty("teams").EnumerateArray());

        var country = (await national.GetJsonAsync("/api/operations/overview")).GetProperty("teams").EnumerateArray().ToList();
        Assert.Contains(country, t => t.GetProperty("teamId").GetInt32() == jakselTeam);
        Assert.Contains(country, t => t.GetProperty("teamId").GetInt32() == tangerangTeam);
    }

    [Fact]
    public async Task The_overview_stream_says_which_office_changed_and_nothing_of_another_province()
    {
        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var (tangerang, jaksel) = (await OfficeIdAsync(officer, "KANIM-TANGERANG"), await OfficeIdAsync(officer, "KANIM-JAKSEL"));
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/operations/overview/events?officeId={jaksel}")).StatusCode);

        await using var stream = await EventStream.OpenAsync(kanwil, "/api/operations/overview/events");
        // Jakarta first: were its change let through, it would be the first event the division reads.
        await ReportAsync(app, village: "31.74.01.1001");
        await ReportAsync(app, village: "36.71.01.1002");
        Assert.Equal(tangerang.ToString(System.Globalization.CultureInfo.InvariantCulture), await stream.NextAsync("changed"));
    }

    [Fact]
    public async Task An_office_that_is_not_a_number_is_a_400_naming_the_field()
    {
        var response = await (await app.LoginAsync("kanwil.banten@pantau.test")).GetAsync("/api/operations/overview?officeId=tangerang");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("officeId", await response.Content.ReadAsStringAsync());
    }

    private static List<int> Offices(JsonElement overview) =>
        overview.GetProperty("offices").EnumerateArray().Select(o => o.GetProperty("officeId").GetInt32()).ToList();

    private static List<string> Tickets(JsonElement overview) =>
        overview.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("ticket").GetString()!).ToList();
}
