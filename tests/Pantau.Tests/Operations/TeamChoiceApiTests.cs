using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.Places;
using Pantau.Web.Kernel;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

/// <summary>
/// Choosing a team for a report: the office's teams on duty by distance from their last known position (any member's
/// phone) and by load, the nearest free one suggested. Its own app: the suggestion depends on every team of the office.
/// </summary>
public sealed class TeamChoiceApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private async Task<Guid> AccountIdAsync(string email) => (await (await app.LoginAsync(email)).GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();

    private Task PingAsync(Guid officer, int office, double lat, double lon, TimeSpan ago) => app.WithDbAsync(async db =>
    {
        var at = app.Clock.GetUtcNow().UtcDateTime - ago;
        db.FieldPositions.Add(new FieldPosition
        {
            OfficerId = officer, OfficerName = "Petugas", OfficeId = office, At = at, ReceivedAt = at, Latitude = lat, Longitude = lon,
            Activity = FieldActivityKind.Position,
        });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Teams_on_duty_are_ordered_by_distance_and_load_and_the_nearest_free_one_is_suggested()
    {
        var admin = await app.LoginAsync("admin.tangerang@pantau.test");
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var office = await OfficeIdAsync(officer, "KANIM-TANGERANG");
        // The office's other (demo) teams stood down: the suggestion is among these.
        foreach (var existing in (await admin.GetJsonAsync("/api/teams")).EnumerateArray().Where(t => t.GetProperty("active").GetBoolean()))
            Assert.True((await admin.PutAsJsonAsync($"/api/teams/{existing.GetProperty("id").GetInt32()}", new { active = false })).IsSuccessStatusCode);
        var officerId = await AccountIdAsync("petugas.tangerang@pantau.test");
        var headId = await AccountIdAsync("kepala.tangerang@pantau.test");
        var busyNear = await TeamOnDutyAsync(app, members: [new { staffUserId = officerId }]);
        var freeFar = await TeamOnDutyAsync(app, members: [new { staffUserId = headId }, new { name = "Aipda Joko", agency = "Police" }]);
        var freeUnknown = await TeamOnDutyAsync(app, members: [new { name = "Bripka Sari", agency = "Police" }]);
        var offDuty = await TeamOnDutyAsync(app, onDuty: false, members: [new { name = "Brigadir Dedi", agency = "Police" }]);

        var report = await ReportAsync(app); // in Sukaasih, without GPS: the team goes to the kelurahan's centre
        var centre = app.Services.GetRequiredService<PlaceFinder>().Shapes.CentreOf("36.71.01.1002")!.Value;
        await PingAsync(officerId, office, centre.Latitude + 0.0045, centre.Longitude, TimeSpan.FromMinutes(10));     // ~500 m
        await PingAsync(headId, office, centre.Latitude + 0.05, centre.Longitude, TimeSpan.FromHours(20));           // too old to count
        await PingAsync(headId, office, centre.Latitude + 0.027, centre.Longitude, TimeSpan.FromMinutes(30));        // ~3 km
        var other = await ReportAsync(app);
        await PostOkAsync(officer, $"/api/reports/{other.Id}/assign", new { teamId = busyNear });

        var teams = (await officer.GetJsonAsync($"/api/operations/teams?reportId={report.Id}")).EnumerateArray().ToList();
        Assert.Equal([freeFar, freeUnknown, busyNear, offDuty], teams.Select(t => t.GetProperty("teamId").GetInt32()));
        var far = teams[0];
        Assert.True(far.GetProperty("suggested").GetBoolean());
        Assert.Equal("Free", far.GetProperty("state").GetString());
        var expected = Distance.Metres(centre.Latitude + 0.027, centre.Longitude, centre.Latitude, centre.Longitude);
        Assert.Equal(Math.Round(expected), far.GetProperty("distanceMetres").GetDouble());
        Assert.Equal(JsonValueKind.Null, teams[1].GetProperty("position").ValueKind);
        Assert.Equal(("Dispatched", false), (teams[2].GetProperty("state").GetString(), teams[2].GetProperty("suggested").GetBoolean()));
        Assert.InRange(teams[2].GetProperty("distanceMetres").GetDouble(), 450, 550);
        Assert.Single(teams, t => t.GetProperty("suggested").GetBoolean());

        // Another office's report is not found, and says nothing of its teams.
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.GetAsync($"/api/operations/teams?reportId={report.Id}")).StatusCode);
    }
}
