using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.PermitExpiry;
using Pantau.Web.Features.Registry;
using Pantau.Web.Kernel;

namespace Pantau.Tests.Demo;

/// <summary>The demo's sponsors have phones, so the daily reminders can be seen working.</summary>
public sealed class DemoSponsorPhonesTests
{
    private static List<StayPermit> Permits() =>
        new DemoRegistry(["36.71.01.1001", "31.74.02.1001"], new DateOnly(2026, 12, 6)).Generate(500).SelectMany(f => f.Permits).ToList();

    [Fact]
    public void Most_ITAS_and_ITAP_sponsors_have_an_Indonesian_mobile_number_the_same_on_every_run()
    {
        var permits = Permits();
        var sponsored = permits.Where(p => p.Type is PermitType.ITAS or PermitType.ITAP && p.Sponsor is not null).ToList();
        var share = sponsored.Count(p => p.SponsorPhone is not null) / (double)sponsored.Count;
        Assert.InRange(share, 0.6, 0.9);
        Assert.All(permits.Where(p => p.SponsorPhone is not null), p => Assert.Equal(p.SponsorPhone, PhoneNumber.Normalize(p.SponsorPhone)));
        Assert.DoesNotContain(permits, p => p.Type is PermitType.ITK && p.SponsorPhone is not null);
        Assert.Equal(permits.Select(p => (p.Number, p.SponsorPhone)), Permits().Select(p => (p.Number, p.SponsorPhone)));
    }
}

/// <summary>A fresh demo (500 people) whose daily run is due: it starts, seeds and runs the day by itself.</summary>
public sealed class DemoWithSchedulerApp : PantauApp
{
    protected override bool StartsFromTemplate => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Demo:Foreigners", "500"), new("PermitExpiry:Schedule:Enabled", "true"), new("PermitExpiry:Schedule:RunAtUtc", "00:00")];
}

public sealed class DemoRemindersTests
{
    [Fact]
    public async Task The_demos_daily_run_reminds_sponsors_and_the_list_shows_it()
    {
        using var app = new DemoWithSchedulerApp();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        _ = app.Services;
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!await app.WithDbAsync(db => db.ScheduledRuns.AnyAsync(r => r.Job == PermitExpiryJob.Name && r.Day == today && r.FinishedAt != null)))
        {
            Assert.True(DateTime.UtcNow < until, "the demo's permit-expiry run did not finish");
            await Task.Delay(200);
        }
        var sent = await app.WithDbAsync(db => db.ScheduledRuns.Where(r => r.Job == PermitExpiryJob.Name && r.Day == today).Select(r => r.RemindersSent).SingleAsync());
        Assert.True(sent > 0, "no reminder was sent in the demo");

        var admin = await app.LoginAsync("admin@pantau.test");
        var reminded = await admin.GetJsonAsync($"/api/permit-expiry?reminded=yes&pageSize=100");
        Assert.Equal(sent, reminded.GetProperty("total").GetInt32() + reminded.GetProperty("lapsedTotal").GetInt32());
        var html = await admin.GetStringAsync("/permit-expiry?reminded=yes");
        Assert.Contains("data-reminded=\"true\">diingatkan pada", html);
        var phone = reminded.GetProperty("items")[0].GetProperty("sponsorPhone").GetString()!;
        Assert.NotEmpty((await app.CreateClient().GetJsonAsync($"/api/dev/outbox?recipient={Uri.EscapeDataString(phone)}")).EnumerateArray());
    }
}
