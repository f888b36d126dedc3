using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.PermitExpiry;

namespace Pantau.Tests.PermitExpiry;

/// <summary>Permits ending within 30 days or ended while the person is still resident, and the sponsors' reminders.</summary>
public sealed class PermitExpiryTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string TangerangOfficer = "petugas.tangerang@pantau.test";
    private const string JakselOfficer = "petugas.jaksel@pantau.test";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static Dictionary<string, object?> Person(string village, string name, DateOnly expiry, string? sponsorPhone = null, string? status = null)
    {
        var body = People.Registration(village, name, permitExpiry: Date(expiry));
        ((Dictionary<string, object?>[])body["permits"]!)[0]["sponsorPhone"] = sponsorPhone;
        if (status is not null) body["status"] = status;
        return body;
    }

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("fullName").GetString()!).Order().ToList();

    [Fact]
    public async Task Officers_list_their_residents_whose_permit_ends_within_30_days_or_has_ended()
    {
        // A day of its own, far from the other tests' permits in this database.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-200);
        var tangerang = await app.LoginAsync(TangerangOfficer);
        var jaksel = await app.LoginAsync(JakselOfficer);
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Ending Soon", day.AddDays(10)));
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Ending Today", day));
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Ending Later", day.AddDays(31)));
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Ended Resident", day.AddDays(-3)));
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Ended Departed", day.AddDays(-3), status: "Departed"));
        await jaksel.RegisterAsync(Person(People.SetiaBudi, "Jaksel Ending", day.AddDays(5)));

        var list = await tangerang.GetJsonAsync($"/api/permit-expiry?day={Date(day)}");
        Assert.Equal(["Ending Soon", "Ending Today"], Names(list));
        Assert.Equal(2, list.GetProperty("expiringTotal").GetInt32());
        Assert.Equal(1, list.GetProperty("lapsedTotal").GetInt32());
        var lapsed = await tangerang.GetJsonAsync($"/api/permit-expiry?day={Date(day)}&status=lapsed");
        Assert.Equal(["Ended Resident"], Names(lapsed));
        var soon = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("fullName").GetString() == "Ending Soon");
        Assert.Equal(10, soon.GetProperty("daysLeft").GetInt32());
        Assert.Equal("PT Maju Jaya", soon.GetProperty("sponsor").GetString());
        Assert.Equal(-3, lapsed.GetProperty("items")[0].GetProperty("daysLeft").GetInt32());

        Assert.Equal(["Jaksel Ending"], Names(await jaksel.GetJsonAsync($"/api/permit-expiry?day={Date(day)}")));
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(["Ending Soon", "Ending Today", "Jaksel Ending"], Names(await admin.GetJsonAsync($"/api/permit-expiry?day={Date(day)}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsync("polsek.setiabudi@pantau.test")).GetAsync("/api/permit-expiry")).StatusCode);

        // The list names people: it is on the audit trail.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Purpose == "permit expiry list" && e.Actor == TangerangOfficer)));
    }

    [Fact]
    public async Task The_daily_run_reminds_the_sponsor_before_expiry_once_through_the_sender()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-100);
        var tangerang = await app.LoginAsync(TangerangOfficer);
        var person = await tangerang.RegisterAsync(Person(People.TangerangVillage, "Reminded Person", day.AddDays(12), "0812-3456-7001"));
        Assert.Equal("+6281234567001", person.GetProperty("currentPermit").GetProperty("sponsorPhone").GetString());
        var permitNumber = person.GetProperty("currentPermit").GetProperty("number").GetString()!;
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "No Sponsor Phone", day.AddDays(12)));
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Not Yet Due", day.AddDays(45), "081234567002"));
        await tangerang.RegisterAsync(Person(People.TangerangVillage, "Already Gone", day.AddDays(5), "081234567003", status: "Departed"));

        var bad = Person(People.TangerangVillage, "Bad Phone", day.AddDays(12), "12345");
        Assert.Equal(["permits[0].sponsorPhone"], (await (await tangerang.PostAsJsonAsync("/api/foreigners", bad)).ProblemAsync(400)).ErrorFields());

        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await tangerang.PostAsJsonAsync("/api/permit-expiry/runs", new { day = Date(day) })).StatusCode);
        var run = await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day = Date(day) });
        var ran = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(run.StatusCode == HttpStatusCode.OK, ran.ToString());
        Assert.True(ran.GetProperty("ran").GetBoolean());
        Assert.Equal(1, ran.GetProperty("remindersSent").GetInt32());
        Assert.Equal(2, ran.GetProperty("expiring").GetInt32());

        var outbox = (await app.CreateClient().GetJsonAsync("/api/dev/outbox?recipient=%2B6281234567001")).EnumerateArray().ToList();
        var message = Assert.Single(outbox);
        Assert.Contains(permitNumber, message.GetProperty("text").GetString());
        Assert.Contains("Reminded Person", message.GetProperty("text").GetString());
        Assert.Contains("12 hari lagi", message.GetProperty("text").GetString());
        Assert.Empty((await app.CreateClient().GetJsonAsync("/api/dev/outbox?recipient=%2B6281234567002")).EnumerateArray());
        Assert.Empty((await app.CreateClient().GetJsonAsync("/api/dev/outbox?recipient=%2B6281234567003")).EnumerateArray());

        // The same day again: refused, nothing sent. The next day: the permit was reminded already for this expiry.
        var again = await (await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day = Date(day) })).ProblemAsync(409);
        Assert.False(again.GetProperty("run").GetProperty("ran").GetBoolean());
        var next = await (await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day = Date(day.AddDays(1)) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(next.GetProperty("ran").GetBoolean());
        Assert.Equal(0, next.GetProperty("remindersSent").GetInt32());
        Assert.Single((await app.CreateClient().GetJsonAsync("/api/dev/outbox?recipient=%2B6281234567001")).EnumerateArray());

        // Officers see who was reminded; the national admin sees the runs.
        var list = await tangerang.GetJsonAsync($"/api/permit-expiry?day={Date(day)}");
        var reminded = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("fullName").GetString() == "Reminded Person");
        Assert.NotEqual(JsonValueKind.Null, reminded.GetProperty("remindedAt").ValueKind);
        Assert.Equal("+6281234567001", reminded.GetProperty("sponsorPhone").GetString());
        var runs = (await admin.GetJsonAsync("/api/permit-expiry/runs")).EnumerateArray().Select(r => r.GetProperty("day").GetString()).ToList();
        Assert.Contains(Date(day), runs);
        Assert.Contains(Date(day.AddDays(1)), runs);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == PermitExpiryJob.AuditAction
            && e.RecordIds.Contains(person.GetProperty("id").GetString()!) && e.Actor == "system")));
    }

    [Fact]
    public async Task A_day_outside_the_past_year_is_refused()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var problem = await (await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day = "2000-01-01" })).ProblemAsync(400);
        Assert.Equal(["day"], problem.ErrorFields());
    }
}

/// <summary>An instance whose scheduler is on, due at midnight UTC: started later in the day, it runs the day at once.</summary>
public sealed class ScheduledApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("PermitExpiry:Schedule:Enabled", "true"), new("PermitExpiry:Schedule:RunAtUtc", "00:00")];
}

public sealed class DailyRunTests
{
    [Fact]
    public async Task A_day_already_claimed_is_an_information_line_not_an_error()
    {
        using var app = new LoggedApp();
        var admin = await app.LoginAsync("admin@pantau.test");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day })).StatusCode);
        await (await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day })).ProblemAsync(409);
        // The scheduler's path too: the job itself, as a restart would run it.
        var again = await app.Services.GetRequiredService<PermitExpiryJob>().RunAsync(DateOnly.Parse(day), default);
        Assert.False(again.Ran);

        var failures = app.Failures();
        Assert.True(failures.Length == 0, failures);
        Assert.Equal(2, app.Entries.Count(e => e.Level == LogLevel.Information && e.Message.Contains("skipped: claimed by", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_instances_on_one_database_run_the_same_day_once_and_send_each_reminder_once()
    {
        using var first = new PantauApp();
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var officer = await first.LoginAsync("petugas.tangerang@pantau.test");
        var body = People.Registration(People.TangerangVillage, "Two Instances", permitExpiry: day.AddDays(7).ToString("yyyy-MM-dd"));
        ((Dictionary<string, object?>[])body["permits"]!)[0]["sponsorPhone"] = "081298765001";
        await officer.RegisterAsync(body);
        using var second = new SecondInstance(first.ConnectionString);
        var admins = new[] { await first.LoginAsync("admin@pantau.test"), await second.LoginAsync("admin@pantau.test") };

        // Both instances try three days at once; each day is run by exactly one of them.
        foreach (var d in new[] { day, day.AddDays(-1), day.AddDays(-2) })
        {
            var answers = await Task.WhenAll(admins.Select(a => a.PostAsJsonAsync("/api/permit-expiry/runs", new { day = d.ToString("yyyy-MM-dd") })));
            var codes = answers.Select(r => (int)r.StatusCode).Order().ToList();
            Assert.True(codes.SequenceEqual([200, 409]), $"{d}: {string.Join(", ", codes)} {string.Join(" | ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())))}");
        }
        Assert.Equal(3, await first.WithDbAsync(db => db.ScheduledRuns.CountAsync(r => r.Job == PermitExpiryJob.Name)));
        Assert.Single((await first.CreateClient().GetJsonAsync("/api/dev/outbox?recipient=%2B6281298765001")).EnumerateArray());
        Assert.Single((await second.CreateClient().GetJsonAsync("/api/dev/outbox?recipient=%2B6281298765001")).EnumerateArray());
    }

    [Fact]
    public async Task The_scheduler_runs_the_day_by_itself_when_its_time_has_come()
    {
        using var app = new ScheduledApp();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        _ = app.Services; // starts the host, and with it the scheduler
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await app.WithDbAsync(db => db.ScheduledRuns.AnyAsync(r => r.Job == PermitExpiryJob.Name && r.Day == today && r.FinishedAt != null)))
        {
            Assert.True(DateTime.UtcNow < until, "the scheduler did not run today's permit-expiry job");
            await Task.Delay(100);
        }
        var admin = await app.LoginAsync("admin@pantau.test");
        await (await admin.PostAsJsonAsync("/api/permit-expiry/runs", new { day = today.ToString("yyyy-MM-dd") })).ProblemAsync(409);
    }
}
