using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Reports;

/// <summary>
/// The ticket is a report's public id (the Open311 list hands it out); the reporter's thread opens only with their key,
/// a secret of its own that only the reporter is given and of which only a hash is kept.
/// </summary>
public sealed partial class ReporterKeyTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string Secret = "Nama saya Siti Rahma, rumah saya persis di sebelah mess itu.";

    [Fact]
    public async Task The_public_ticket_opens_no_thread_and_only_the_key_does()
    {
        var report = await ReportAsync(app);
        Assert.True(report.Key.Length >= 22, "at least 128 bits"); // 22 base64 characters hold 132 bits
        Assert.DoesNotContain(report.Ticket, report.Key);
        var reporter = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync($"/api/public/reports/{report.Key}/messages", new { text = Secret })).StatusCode);

        // Anyone: the ticket comes from the public list, and opens the public status only.
        var stranger = app.CreateClient();
        var list = await stranger.GetStringAsync("/open311/v2/requests.json");
        Assert.Contains(report.Ticket, list);
        Assert.DoesNotContain(report.Key, list);
        var status = await stranger.GetJsonAsync($"/api/public/reports/{report.Ticket}");
        Assert.Equal("Verified", status.GetProperty("status").GetString());
        Assert.Equal(0, status.GetProperty("messages").GetArrayLength());
        Assert.False(status.GetProperty("canReply").GetBoolean());
        Assert.DoesNotContain("Siti", status.ToString());
        Assert.DoesNotContain("Siti", await stranger.GetStringAsync($"/lapor/{report.Ticket}"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/public/reports/{report.Ticket}/messages", new { text = "Saya pelapornya." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/public/reports/{report.Ticket.ToLowerInvariant()}/messages", new { text = "Saya pelapornya." })).StatusCode);
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Single((await officer.GetJsonAsync($"/api/reports/{report.Id}/messages")).EnumerateArray()); // no forged reply arrived

        // The reporter, with the key: the thread, on the API and the page.
        var mine = await reporter.GetJsonAsync($"/api/public/reports/{report.Key}");
        Assert.Equal(Secret, Assert.Single(mine.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());
        Assert.True(mine.GetProperty("canReply").GetBoolean());
        Assert.Contains("Siti Rahma", await reporter.GetStringAsync($"/lapor/{report.Key}"));

        // Only a hash of the key is stored.
        var stored = await app.WithDbAsync(db => db.ReportKeys.Where(k => k.ReportId == Guid.Parse(report.Id)).Select(k => k.Hash).ToListAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report.Key))), Assert.Single(stored));
    }

    [Fact]
    public async Task A_key_that_opens_nothing_and_a_ticket_of_a_report_still_waiting_are_not_found()
    {
        var client = app.CreateClient();
        var waiting = await SubmittedAsync(client, Reporting.Form(lat: null, lon: null));
        Assert.Equal("Received", waiting.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/public/reports/{waiting.GetProperty("ticket").GetString()}")).StatusCode);
        Assert.Equal("Received", (await client.GetJsonAsync($"/api/public/reports/{waiting.GetProperty("key").GetString()}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/public/reports/{new string('A', 27)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/lapor/{new string('A', 27)}")).StatusCode);
    }

    [Fact]
    public async Task Merging_tells_neither_reporter_the_other_reports_ticket_or_key()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var merged = await ReportAsync(app);
        var kept = await ReportAsync(app);
        await TriageAsync(officer, merged.Id, new { action = "Merge", into = kept.Id });

        var tracking = (await app.CreateClient().GetJsonAsync($"/api/public/reports/{merged.Key}")).ToString();
        Assert.Contains("Merged", tracking);
        var told = string.Join("\n", await OutboxAsync(app, merged.Phone));
        Assert.Contains(merged.Ticket, told);
        foreach (var other in new[] { kept.Ticket, kept.Key })
        {
            Assert.DoesNotContain(other, tracking);
            Assert.DoesNotContain(other, told);
            Assert.DoesNotContain(other, await app.CreateClient().GetStringAsync($"/lapor/{merged.Key}"));
            Assert.DoesNotContain(other, await app.CreateClient().GetStringAsync($"/open311/v2/requests/{merged.Ticket}.json"));
        }
        // The officers still see which report it joined.
        Assert.Contains(kept.Ticket, (await officer.GetJsonAsync($"/api/reports/{merged.Id}")).GetProperty("statusNote").GetString());
    }

    [Fact]
    public async Task The_text_messages_carry_the_key_and_a_report_without_one_gets_it_with_the_next_officers_message()
    {
        var report = await ReportAsync(app);
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains($"/lapor/{report.Key}"));

        // As a report from before keys existed: none stored.
        await app.WithDbAsync(db => db.ReportKeys.Where(k => k.ReportId == Guid.Parse(report.Id)).ExecuteDeleteAsync());
        var reporter = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/api/public/reports/{report.Key}")).StatusCode);
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/reports/{report.Id}/messages", new { text = "Di lantai berapa?" })).StatusCode);
        var text = (await OutboxAsync(app, report.Phone)).Last(m => m.Contains("Di lantai berapa?"));
        var key = LaporLink().Match(text).Groups[1].Value;
        Assert.NotEqual(report.Key, key);
        Assert.Equal("Di lantai berapa?", Assert.Single((await reporter.GetJsonAsync($"/api/public/reports/{key}")).GetProperty("messages").EnumerateArray())
            .GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_retried_submission_gets_a_working_key_again()
    {
        var client = app.CreateClient();
        var token = await Reporting.VerifyPhoneAsync(client, Reporting.NewPhone());
        var idempotency = Guid.NewGuid().ToString();
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-1); // a retry sends the very same report
        var first = await SubmittedAsync(client, Reporting.Form(lat: null, lon: null, occurredAt: occurredAt), token, idempotency);
        var again = await SubmittedAsync(client, Reporting.Form(lat: null, lon: null, occurredAt: occurredAt), token, idempotency);
        Assert.Equal(first.GetProperty("ticket").GetString(), again.GetProperty("ticket").GetString());
        foreach (var key in new[] { first.GetProperty("key").GetString(), again.GetProperty("key").GetString() })
            Assert.Equal(first.GetProperty("ticket").GetString(), (await client.GetJsonAsync($"/api/public/reports/{key}")).GetProperty("ticket").GetString());
    }

    [GeneratedRegex(@"/lapor/([A-Za-z0-9_-]{27})")]
    private static partial Regex LaporLink();

    private static Task<System.Text.Json.JsonElement> SubmittedAsync(HttpClient client, HttpContent form, string? token = null, string? key = null) =>
        Reporting.SubmittedAsync(client, form, token, key);
}

/// <summary>The app with a low look-up limit, so that a test can reach it.</summary>
public sealed class LookupLimitApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Reports:Lookups:PerAddressPerMinute", "4")];
}

public sealed class ReportLookupLimitTests(LookupLimitApp app) : IClassFixture<LookupLimitApp>
{
    [Fact]
    public async Task Lookups_by_key_or_ticket_are_limited_per_client_address()
    {
        var report = await ReportAsync(app);
        var client = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        foreach (var url in new[] { $"/api/public/reports/{report.Key}", $"/api/public/reports/{report.Ticket}", $"/lapor/{report.Ticket}", $"/lapor/{report.Key}",
                     $"/api/public/reports/LP-AAAAAAA", $"/lapor/{report.Key}" })
            answers.Add((await client.GetAsync(url)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            answers);
    }
}
