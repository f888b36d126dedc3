using System.Globalization;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Operations;

/// <summary>
/// The officers' answers name the kelurahan as a person reads it, beside the code that machines join by: the queue,
/// its live events (as they happen and replayed to a console that reconnects), a report, the team's assignment; and
/// the assignment says where the map app takes the team.
/// </summary>
public sealed class PlaceNamesTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string Sukaasih = "36.71.01.1002";
    private const string SukaasihLabel = "Sukaasih, Kec. Tangerang, Kota Tangerang";

    [Fact]
    public async Task The_queue_its_live_events_and_a_report_name_the_kelurahan()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        string lastSeen;
        Reported report;
        await using (var console = await EventStream.OpenAsync(officer, "/api/events"))
        {
            report = await ReportAsync(app, village: Sukaasih);
            var (live, id) = await console.NextReportAsync(i => i.GetProperty("id").GetString() == report.Id);
            AssertNamed(live);
            lastSeen = id;
        }
        // Replayed to a console that was away.
        var missed = await ReportAsync(app, village: "36.71.03.1002");
        await using (var again = await EventStream.OpenAsync(officer, "/api/events", lastSeen))
        {
            var (replayed, _) = await again.NextReportAsync(i => i.GetProperty("id").GetString() == missed.Id);
            Assert.Equal("Batu Jaya, Kec. Batuceper, Kota Tangerang", replayed.GetProperty("place").GetString());
        }

        AssertNamed((await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(i => i.GetProperty("id").GetString() == report.Id));
        AssertNamed(await officer.GetJsonAsync($"/api/reports/{report.Id}"));
    }

    [Fact]
    public async Task The_team_goes_to_the_reports_position_named_by_its_kelurahan()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        var resident = app.CreateClient();
        var receipt = await SubmittedAsync(resident, Form("Overstay", village: Sukaasih, lat: -6.1781, lon: 106.6300), await VerifyPhoneAsync(resident, NewPhone()));
        var id = receipt.GetProperty("id").GetString()!;
        await PostOkAsync(officer, $"/api/reports/{id}/assign", new { teamId = team });

        var assignment = (await officer.GetJsonAsync("/api/assignments")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        AssertNamed(assignment);
        var destination = assignment.GetProperty("destination");
        Assert.Equal(-6.1781, destination.GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(106.63, destination.GetProperty("longitude").GetDouble(), 6);
        Assert.False(destination.GetProperty("villageCentre").GetBoolean());

        // The step's answer is the same assignment.
        var step = await PostOkAsync(officer, $"/api/reports/{id}/progress", new { step = "EnRoute" });
        Assert.Equal(SukaasihLabel, step.GetProperty("place").GetString());
        Assert.False(step.GetProperty("destination").GetProperty("villageCentre").GetBoolean());
    }

    [Fact]
    public async Task Without_a_position_the_team_goes_to_the_middle_of_the_kelurahan()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        var report = await ReportAsync(app, village: Sukaasih); // no position
        await PostOkAsync(officer, $"/api/reports/{report.Id}/assign", new { teamId = team });

        var assignment = (await officer.GetJsonAsync("/api/assignments")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == report.Id);
        AssertNamed(assignment);
        Assert.Equal(JsonValueKind.Null, assignment.GetProperty("latitude").ValueKind);
        var destination = assignment.GetProperty("destination");
        Assert.True(destination.GetProperty("villageCentre").GetBoolean());
        // The point lies in that kelurahan.
        var lat = destination.GetProperty("latitude").GetDouble().ToString(CultureInfo.InvariantCulture);
        var lng = destination.GetProperty("longitude").GetDouble().ToString(CultureInfo.InvariantCulture);
        var place = await app.CreateClient().GetJsonAsync($"/api/places/at?lat={lat}&lng={lng}");
        Assert.Equal(Sukaasih, place.GetProperty("code").GetString());
        Assert.False(place.GetProperty("approximate").GetBoolean());
    }

    private static void AssertNamed(JsonElement item)
    {
        Assert.Equal(SukaasihLabel, item.GetProperty("place").GetString());
        Assert.Equal(Sukaasih, item.GetProperty("villageCode").GetString()); // kept for whoever joins by it
    }
}
