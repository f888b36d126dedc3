using System.Net;
using System.Net.Http.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

public sealed class MessagesAndEventsTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task An_officer_asks_the_reporter_who_answers_from_the_status_page()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app);
        var asked = await officer.PostAsJsonAsync($"/api/reports/{report.Id}/messages", new { text = "Di lantai berapa orang itu tinggal?" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains("Di lantai berapa") && m.Contains(report.Ticket) && m.Contains("/lapor/"));

        var reporter = app.CreateClient();
        var tracking = await reporter.GetJsonAsync($"/api/public/reports/{report.Key}");
        var question = Assert.Single(tracking.GetProperty("messages").EnumerateArray());
        Assert.False(question.GetProperty("fromReporter").GetBoolean());
        Assert.False(question.TryGetProperty("authorName", out _), "the officer's name stays inside immigration");
        Assert.True(tracking.GetProperty("canReply").GetBoolean());

        Assert.Contains("text", (await (await reporter.PostAsJsonAsync($"/api/public/reports/{report.Key}/messages", new { text = " " })).ProblemAsync(400)).ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.PostAsJsonAsync("/api/public/reports/LP-NOSUCH1/messages", new { text = "Halo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync($"/api/public/reports/{report.Key}/messages", new { text = "Lantai 3, unit 12." })).StatusCode);

        var queued = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().First(r => r.GetProperty("id").GetString() == report.Id);
        Assert.Equal(1, queued.GetProperty("unreadReplies").GetInt32());
        var thread = (await officer.GetJsonAsync($"/api/reports/{report.Id}/messages")).EnumerateArray().ToList();
        Assert.Equal(["Di lantai berapa orang itu tinggal?", "Lantai 3, unit 12."], thread.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal("Petugas Kanim Tangerang", thread[0].GetProperty("authorName").GetString());
        Assert.True(thread[1].GetProperty("fromReporter").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/reports/{report.Id}/messages/read", null)).StatusCode);
        Assert.Equal(0, (await officer.GetJsonAsync($"/api/reports/{report.Id}")).GetProperty("unreadReplies").GetInt32());

        // Closed: the thread is kept, no more replies.
        await TriageAsync(officer, report.Id, new { action = "Reject", reason = "NotImmigration" });
        await (await reporter.PostAsJsonAsync($"/api/public/reports/{report.Key}/messages", new { text = "Masih di sana." })).ProblemAsync(409);
        Assert.Equal(2, (await reporter.GetJsonAsync($"/api/public/reports/{report.Key}")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_verified_report_and_each_decision_reach_the_offices_open_consoles()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        await using var console = await EventStream.OpenAsync(officer, "/api/events");
        var report = await ReportAsync(app);
        var (item, _) = await console.NextReportAsync(i => i.GetProperty("id").GetString() == report.Id);
        Assert.Equal("Verified", item.GetProperty("status").GetString());
        Assert.Equal(report.Ticket, item.GetProperty("ticket").GetString());
        Assert.True(item.GetProperty("urgency").GetDouble() > 0);

        await TriageAsync(officer, report.Id, new { action = "Accept" });
        var (accepted, _) = await console.NextReportAsync(i => i.GetProperty("id").GetString() == report.Id);
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());

        // A reply from the reporter shows as unread.
        await app.CreateClient().PostAsJsonAsync($"/api/public/reports/{report.Key}/messages", new { text = "Orangnya baru saja pergi." });
        var (replied, _) = await console.NextReportAsync(i => i.GetProperty("id").GetString() == report.Id);
        Assert.Equal(1, replied.GetProperty("unreadReplies").GetInt32());
    }

    [Fact]
    public async Task A_console_that_reconnects_receives_the_reports_that_changed_while_it_was_away()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        string lastSeen;
        var first = await ReportAsync(app);
        await using (var console = await EventStream.OpenAsync(officer, "/api/events"))
        {
            var marker = await ReportAsync(app);
            (_, lastSeen) = await console.NextReportAsync(i => i.GetProperty("id").GetString() == marker.Id);
        }
        // Offline: one report arrives, another is decided.
        var missed = await ReportAsync(app);
        await TriageAsync(officer, first.Id, new { action = "Accept" });

        await using var again = await EventStream.OpenAsync(officer, "/api/events", lastSeen);
        var seen = new Dictionary<string, string>();
        while (!seen.ContainsKey(missed.Id) || !seen.ContainsKey(first.Id) || seen[first.Id] != "Accepted")
        {
            var (item, _) = await again.NextReportAsync(_ => true);
            seen[item.GetProperty("id").GetString()!] = item.GetProperty("status").GetString()!;
        }
        Assert.Equal("Verified", seen[missed.Id]);
        Assert.Equal("Accepted", seen[first.Id]);
    }

    [Fact]
    public async Task A_forwarded_report_leaves_one_offices_console_and_enters_the_others()
    {
        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var jakselOffice = await OfficeIdAsync(tangerang, "KANIM-JAKSEL");
        var report = await ReportAsync(app);
        await using var here = await EventStream.OpenAsync(tangerang, "/api/events");
        await using var there = await EventStream.OpenAsync(jaksel, "/api/events");
        await TriageAsync(tangerang, report.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice });
        var (left, _) = await here.NextReportAsync(i => i.GetProperty("id").GetString() == report.Id);
        Assert.Equal(jakselOffice, left.GetProperty("officeId").GetInt32());
        var (arrived, _) = await there.NextReportAsync(i => i.GetProperty("id").GetString() == report.Id);
        Assert.Equal("Verified", arrived.GetProperty("status").GetString());
    }
}
