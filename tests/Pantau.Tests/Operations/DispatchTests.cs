using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Operations;

public sealed class DispatchTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_team_on_duty_is_sent_and_the_reporter_hears_of_it()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        var report = await ReportAsync(app);
        await TriageAsync(officer, report.Id, new { action = "Accept" });
        var sent = await PostOkAsync(officer, $"/api/reports/{report.Id}/assign", new { teamId = team });
        Assert.Equal("Dispatched", sent.GetProperty("status").GetString());
        Assert.Equal(team, sent.GetProperty("teamId").GetInt32());
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains(report.Ticket) && m.Contains("ditugaskan"));

        var activity = (await officer.GetJsonAsync("/api/operations/teams")).EnumerateArray().Single(t => t.GetProperty("teamId").GetInt32() == team);
        Assert.True(activity.GetProperty("onDuty").GetBoolean());
        Assert.Equal(report.Ticket, Assert.Single(activity.GetProperty("assignments").EnumerateArray()).GetProperty("ticket").GetString());
    }

    [Fact]
    public async Task A_team_off_duty_needs_an_explicit_override()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app, onDuty: false);
        var report = await ReportAsync(app);
        var refused = await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/assign", new { teamId = team })).ProblemAsync(409);
        Assert.Contains("not on duty", refused.GetProperty("title").GetString());
        Assert.Equal("Verified", (await officer.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("status").GetString());

        var forced = await PostOkAsync(officer, $"/api/reports/{report.Id}/assign", new { teamId = team, @override = true });
        Assert.Equal("Dispatched", forced.GetProperty("status").GetString());
        Assert.Contains("di luar jadwal piket", forced.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
    }

    [Fact]
    public async Task Only_a_team_of_the_reports_office_can_be_sent()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app);
        Assert.Contains("teamId", (await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/assign", new { })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("teamId", (await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/assign", new { teamId = 987654 })).ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task The_team_sets_out_arrives_checks_records_findings_and_resolves()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        var report = await ReportAsync(app, "UnauthorisedWork", "36.71.03.1002");
        await PostOkAsync(officer, $"/api/reports/{report.Id}/assign", new { teamId = team });

        // The team's phone lists it, without the reporter's number.
        var raw = await officer.GetStringAsync("/api/assignments");
        Assert.Contains(report.Ticket, raw);
        Assert.DoesNotContain(Intl(report.Phone), raw);

        // Not yet on site: no findings, no closing. Another officer of the office is not the team.
        await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/findings", new { outcome = "Warning" })).ProblemAsync(409);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync($"/api/reports/{report.Id}/progress", new { step = "EnRoute" })).StatusCode);
        Assert.Contains("step", (await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/progress", new { })).ProblemAsync(400)).ErrorFields());

        var enRoute = await PostOkAsync(officer, $"/api/reports/{report.Id}/progress", new { step = "EnRoute", latitude = -6.17, longitude = 106.63 });
        Assert.Equal("EnRoute", enRoute.GetProperty("status").GetString());
        await PostOkAsync(officer, $"/api/reports/{report.Id}/progress", new { step = "OnSite", latitude = -6.1781, longitude = 106.6300 });
        // The steps are pings on the office head's map.
        var pings = (await head.GetJsonAsync("/api/field/positions")).EnumerateArray().Where(p => p.GetProperty("note").GetString() == report.Ticket).ToList();
        Assert.Equal(["SetOut", "Arrived"], pings.Select(p => p.GetProperty("activity").GetString()));

        // A foreigner checked on site, from the report.
        var check = await officer.PostAsJsonAsync("/api/field-checks", new { passportNumber = "E9999999", purpose = "Tindak lanjut laporan", reportId = report.Id });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("reportId", (await (await officer.PostAsJsonAsync("/api/field-checks",
            new { passportNumber = "E9999999", purpose = "Patroli", reportId = Guid.NewGuid() })).ProblemAsync(400)).ErrorFields());

        await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/close", new { })).ProblemAsync(409); // findings first

        var form = new MultipartFormDataContent
        {
            { new StringContent("AdministrativeAction"), "outcome" },
            { new StringContent("2"), "foreignersChecked" },
            { new StringContent("Dua WNA bekerja tanpa izin kerja; dibawa ke kantor."), "note" },
        };
        var photo = new ByteArrayContent(Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photos", "lokasi.png");
        var found = await officer.PostAsync($"/api/reports/{report.Id}/findings", form);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var assignment = (await officer.GetJsonAsync("/api/assignments")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == report.Id);
        Assert.Equal("AdministrativeAction", assignment.GetProperty("outcome").GetString());
        Assert.Equal(1, assignment.GetProperty("fieldChecks").GetInt32());

        var closed = await PostOkAsync(officer, $"/api/reports/{report.Id}/close", new { });
        Assert.Equal("Resolved", closed.GetProperty("status").GetString());
        Assert.Equal(1, closed.GetProperty("photoCount").GetInt32());
        Assert.All(closed.GetProperty("clocks").EnumerateArray(), c => Assert.True(c.GetProperty("done").GetBoolean()));
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains(report.Ticket) && m.Contains("tindakan administratif"));
        Assert.Equal("Resolved", (await app.CreateClient().GetJsonAsync($"/api/public/reports/{report.Ticket}")).GetProperty("status").GetString());
        Assert.DoesNotContain((await officer.GetJsonAsync("/api/assignments")).EnumerateArray(), a => a.GetProperty("id").GetString() == report.Id);

        var summary = await officer.GetJsonAsync("/api/reports/summary");
        Assert.True(summary.GetProperty("resolved").GetInt32() >= 1);
        Assert.True(summary.GetProperty("medianMinutes").GetProperty("Resolution").ValueKind == System.Text.Json.JsonValueKind.Number);
    }

    [Fact]
    public async Task Bad_findings_are_a_400_naming_the_field()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        var report = await ReportAsync(app);
        await PostOkAsync(officer, $"/api/reports/{report.Id}/assign", new { teamId = team });
        await PostOkAsync(officer, $"/api/reports/{report.Id}/progress", new { step = "OnSite" });
        Assert.Contains("outcome", (await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/findings", new { outcome = "Arrested" })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("foreignersChecked", (await (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/findings",
            new { outcome = "Warning", foreignersChecked = -1 })).ProblemAsync(400)).ErrorFields());
        var notAPhoto = new MultipartFormDataContent { { new StringContent("Warning"), "outcome" } };
        notAPhoto.Add(new ByteArrayContent("<script>alert(1)</script>"u8.ToArray()), "photos", "foto.jpg");
        Assert.Contains("photos[0]", (await (await officer.PostAsync($"/api/reports/{report.Id}/findings", notAPhoto)).ProblemAsync(400)).ErrorFields());
        Assert.Equal("OnSite", (await officer.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Partners_on_a_team_never_reach_the_reporters_number()
    {
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/events")).StatusCode);
    }
}
