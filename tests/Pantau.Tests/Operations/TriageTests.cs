using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

public sealed class TriageTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task An_accepted_report_waits_for_a_team_and_cannot_be_triaged_twice()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app);
        var accepted = await TriageAsync(officer, report.Id, new { action = "Accept", priority = "High" });
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("High", accepted.GetProperty("priority").GetString());
        var triage = accepted.GetProperty("clocks").EnumerateArray().First(c => c.GetProperty("stage").GetString() == "Triage");
        Assert.True(triage.GetProperty("done").GetBoolean());

        var again = await officer.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Reject", reason = "NotImmigration" });
        var conflict = await again.ProblemAsync(409);
        Assert.Equal("Accepted", conflict.GetProperty("status").GetString());
        Assert.Equal("Accepted", (await officer.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Of_two_officers_deciding_at_once_one_wins_and_the_other_gets_a_conflict()
    {
        var first = await app.LoginAsync("petugas.tangerang@pantau.test");
        var second = await app.LoginAsync("kepala.tangerang@pantau.test");
        for (var round = 0; round < 5; round++)
        {
            var report = await ReportAsync(app);
            var answers = await Task.WhenAll(
                first.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Accept" }),
                second.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Reject", reason = "NotImmigration" }));
            var codes = answers.Select(a => a.StatusCode).ToList();
            Assert.Contains(HttpStatusCode.OK, codes);
            Assert.Contains(HttpStatusCode.Conflict, codes);
            var winner = answers[0].StatusCode == HttpStatusCode.OK ? "Accepted" : "Rejected";
            var stored = await first.GetJsonAsync($"/api/reports/{report.Id}");
            Assert.Equal(winner, stored.GetProperty("status").GetString());
            // One decision in the history, nothing half-written.
            Assert.Single(stored.GetProperty("history").EnumerateArray(), h => h.GetProperty("status").GetString() is "Accepted" or "Rejected");
        }
    }

    [Fact]
    public async Task A_decision_on_a_stale_revision_is_a_conflict()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app);
        var seen = (await officer.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("revision").GetInt32();
        await TriageAsync(officer, report.Id, new { action = "Prioritise", priority = "Urgent", revision = seen });
        var stale = await officer.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Accept", revision = seen });
        await stale.ProblemAsync(409);
        Assert.Equal("Verified", (await officer.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rejection_tells_the_reporter_why_and_closes_the_report()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app, "Other");
        var rejected = await TriageAsync(officer, report.Id, new { action = "Reject", reason = "NotImmigration" });
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("NotImmigration", rejected.GetProperty("rejectionReason").GetString());
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains(report.Ticket) && m.Contains("bukan pelanggaran keimigrasian"));
        var tracking = await app.CreateClient().GetJsonAsync($"/api/public/reports/{report.Ticket}");
        Assert.Equal("Rejected", tracking.GetProperty("status").GetString());
        Assert.False(tracking.GetProperty("canReply").GetBoolean());
        Assert.DoesNotContain((await officer.GetJsonAsync("/api/reports")).EnumerateArray(), r => r.GetProperty("id").GetString() == report.Id);
    }

    [Fact]
    public async Task Outside_the_jurisdiction_a_report_goes_on_to_the_office_that_holds_the_place()
    {
        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var jakselOffice = await OfficeIdAsync(tangerang, "KANIM-JAKSEL");
        var report = await ReportAsync(app);

        var missing = await tangerang.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Reject", reason = "OutsideJurisdiction" });
        Assert.Contains("forwardTo", (await missing.ProblemAsync(400)).ErrorFields());
        Assert.Contains("forwardTo", (await (await tangerang.PostAsJsonAsync($"/api/reports/{report.Id}/triage",
            new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = 99999 })).ProblemAsync(400)).ErrorFields());

        var forwarded = await TriageAsync(tangerang, report.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice });
        Assert.Equal("Verified", forwarded.GetProperty("status").GetString());
        Assert.Equal(jakselOffice, forwarded.GetProperty("officeId").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await tangerang.GetAsync($"/api/reports/{report.Id}")).StatusCode);
        Assert.Contains((await jaksel.GetJsonAsync("/api/reports")).EnumerateArray(), r => r.GetProperty("id").GetString() == report.Id);
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains(report.Ticket) && m.Contains("diteruskan"));
        // Jakarta Selatan triages it as its own.
        Assert.Equal("Accepted", (await TriageAsync(jaksel, report.Id, new { action = "Accept" })).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_accepted_report_with_no_team_to_send_is_handed_over_and_one_a_team_has_is_not()
    {
        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var (tangerangOffice, jakselOffice) = (await OfficeIdAsync(tangerang, "KANIM-TANGERANG"), await OfficeIdAsync(tangerang, "KANIM-JAKSEL"));
        var report = await ReportAsync(app);
        await TriageAsync(tangerang, report.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice });
        // Jakarta Selatan (no TIMPORA team) accepts it, then hands it to an office that can send one.
        Assert.Equal("Accepted", (await TriageAsync(jaksel, report.Id, new { action = "Accept" })).GetProperty("status").GetString());
        var back = await TriageAsync(jaksel, report.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = tangerangOffice });
        Assert.Equal("Verified", back.GetProperty("status").GetString());
        Assert.Equal(tangerangOffice, back.GetProperty("officeId").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.GetAsync($"/api/reports/{report.Id}")).StatusCode);

        // Once a team has it, it stays: a 409 that says where it is.
        await TriageAsync(tangerang, report.Id, new { action = "Accept" });
        await PostOkAsync(tangerang, $"/api/reports/{report.Id}/assign", new { teamId = await TeamOnDutyAsync(app) });
        var refused = await (await tangerang.PostAsJsonAsync($"/api/reports/{report.Id}/triage",
            new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice })).ProblemAsync(409);
        Assert.Equal("Dispatched", refused.GetProperty("status").GetString());
        Assert.Equal(tangerangOffice, (await tangerang.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("officeId").GetInt32());
    }

    [Fact]
    public async Task A_report_of_the_same_thing_is_merged_into_another()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var first = await ReportAsync(app, "UnauthorisedWork", "36.71.01.1003");
        var second = await ReportAsync(app, "UnauthorisedWork", "36.71.01.1004");

        Assert.Contains("into", (await (await officer.PostAsJsonAsync($"/api/reports/{second.Id}/triage", new { action = "Merge" })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("into", (await (await officer.PostAsJsonAsync($"/api/reports/{second.Id}/triage",
            new { action = "Merge", into = Guid.NewGuid() })).ProblemAsync(400)).ErrorFields());
        await (await officer.PostAsJsonAsync($"/api/reports/{second.Id}/triage", new { action = "Merge", into = second.Id })).ProblemAsync(409);

        var merged = await TriageAsync(officer, second.Id, new { action = "Merge", into = first.Id });
        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        Assert.Equal(first.Id, merged.GetProperty("mergedIntoId").GetString());
        // The reporter hears it was merged, not which report it joined (another reporter's).
        Assert.Contains(await OutboxAsync(app, second.Phone), m => m.Contains(second.Ticket) && m.Contains("digabung", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await OutboxAsync(app, second.Phone), m => m.Contains(first.Ticket));

        // Nothing merges into a closed report.
        var third = await ReportAsync(app, "UnauthorisedWork", "36.71.01.1005");
        await (await officer.PostAsJsonAsync($"/api/reports/{third.Id}/triage", new { action = "Merge", into = second.Id })).ProblemAsync(409);
    }

    [Fact]
    public async Task Priority_moves_a_report_up_the_queue()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var low = await ReportAsync(app, "Overstay", "36.71.02.1002");
        var other = await ReportAsync(app, "Other", "36.71.02.1003");
        List<string?> Order(JsonElement queue) => queue.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var before = Order(await officer.GetJsonAsync("/api/reports"));
        Assert.True(before.IndexOf(low.Id) < before.IndexOf(other.Id), "an overstay weighs more than 'other'");
        await TriageAsync(officer, low.Id, new { action = "Prioritise", priority = "Low" });
        await TriageAsync(officer, other.Id, new { action = "Prioritise", priority = "Urgent" });
        var after = Order(await officer.GetJsonAsync("/api/reports"));
        Assert.True(after.IndexOf(other.Id) < after.IndexOf(low.Id));
    }

    [Theory]
    [InlineData("""{}""", "action")]
    [InlineData("""{"action":"Reject"}""", "reason")]
    [InlineData("""{"action":"Prioritise"}""", "priority")]
    [InlineData("""{"action":"Dance"}""", "action")]
    public async Task A_bad_decision_is_a_400_naming_the_field(string body, string field)
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app);
        var response = await officer.PostAsync($"/api/reports/{report.Id}/triage", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(field, (await response.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task Another_offices_report_is_not_found_and_partners_may_not_triage()
    {
        var report = await ReportAsync(app);
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Accept" })).StatusCode);
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync($"/api/reports/{report.Id}/triage", new { action = "Accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/reports/{report.Id}/messages")).StatusCode);
    }
}
