using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.PermitExpiry;

public sealed record PermitExpiryRun(string Job, DateOnly Day, bool Ran, string Instance, DateTime StartedAt, DateTime? FinishedAt,
    int Expiring, int Lapsed, int RemindersSent);

/// <summary>
/// The daily permit-expiry job: claims the day, then reminds the sponsor of every resident whose permit ends within
/// 30 days (once per permit and expiry date), and records the day's figures. Another instance, or a second run for
/// the same day, finds the day claimed and does nothing.
/// </summary>
public sealed class PermitExpiryJob(IServiceScopeFactory scopes, IMessageSender sender, TimeProvider time, ILogger<PermitExpiryJob> log)
{
    public const string Name = "permit-expiry";
    public const string AuditAction = "permit-reminder";

    /// <summary>Names this instance in the runs it claims.</summary>
    public static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<PermitExpiryRun> RunAsync(DateOnly day, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
        var startedAt = time.GetUtcNow().UtcDateTime;
        if (!await ScheduledRuns.TryClaimAsync(db, Name, day, Instance, startedAt, ct))
        {
            // The normal case of a restart, or of another instance: the day is someone's already.
            var other = await db.ScheduledRuns.AsNoTracking().FirstAsync(r => r.Job == Name && r.Day == day, ct);
            log.LogInformation("Permit-expiry run for {Day} skipped: claimed by {Instance}", Iso(day), other.Instance);
            return Describe(other, ran: false);
        }
        var run = await db.ScheduledRuns.FirstAsync(r => r.Job == Name && r.Day == day, ct);

        var due = await ExpiringPermits.ExpiringOn(db, day)
            .Where(r => r.SponsorPhone != null && !db.PermitReminders.Any(x => x.PermitId == r.PermitId && x.ExpiryDate == r.ExpiryDate))
            .OrderBy(r => r.ExpiryDate).ToListAsync(ct);
        var expiring = await ExpiringPermits.ExpiringOn(db, day).CountAsync(ct);
        var lapsed = await ExpiringPermits.LapsedOn(db, day).CountAsync(ct);
        foreach (var p in due.DistinctBy(p => p.PermitId))
        {
            // Sent, then recorded: a crash between the two leaves the reminder to the next day's run, never sends it twice in one run.
            await sender.SendAsync(p.SponsorPhone!, Reminder(p, day), ct);
            db.PermitReminders.Add(new PermitReminder
            {
                PermitId = p.PermitId, ExpiryDate = p.ExpiryDate, ForeignerId = p.ForeignerId, Phone = p.SponsorPhone!, RunDay = day,
                SentAt = time.GetUtcNow().UtcDateTime,
            });
        }
        run.Finish(expiring, lapsed, due.Count, time.GetUtcNow().UtcDateTime);
        // The reminders named people to their sponsors: on the audit trail, with the day's figures, in one transaction.
        await scope.ServiceProvider.GetRequiredService<Auditor>().SaveAsync(db, new AuditRecord(AuditAction, RegistryQueries.RecordType,
            due.Select(p => p.ForeignerId).Distinct().ToList(), due.Select(p => p.RegencyCode).Distinct().ToList(),
            $"permit expiry reminders to sponsors for {day:yyyy-MM-dd}"), ct);
        log.LogInformation("Permit-expiry run for {Day}: {Expiring} expiring, {Lapsed} lapsed, {Sent} reminders", Iso(day), expiring, lapsed, due.Count);
        return Describe(run, ran: true);
    }

    /// <summary>The text the sponsor receives (Indonesian: it goes to an Indonesian phone).</summary>
    public static string Reminder(ExpiringPermits.Row p, DateOnly day)
    {
        var left = p.ExpiryDate.DayNumber - day.DayNumber;
        return ReportTracker.Sms("permitExpiry.sms.reminder", p.Type, p.Number, p.FullName, p.ExpiryDate,
            left == 0 ? ReportTracker.Sms("permitExpiry.sms.today") : ReportTracker.Sms("permitExpiry.sms.daysLeft", left));
    }

    public static PermitExpiryRun Describe(ScheduledRun r, bool ran) =>
        new(r.Job, r.Day, ran, r.Instance, r.StartedAt,
            r.FinishedAt, r.Expiring, r.Lapsed, r.RemindersSent);

    /// <summary>A day for the log as 2026-12-06, not in the host's culture (12/06/2026 reads as June).</summary>
    internal static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>PermitExpiry:Schedule</c>: whether this instance triggers the daily run, and at what time (UTC).</summary>
public sealed class PermitExpirySchedule
{
    public bool Enabled { get; set; } = true;

    /// <summary>01:00 UTC is 08:00 WIB, the start of an office day in Jakarta.</summary>
    public TimeOnly RunAtUtc { get; set; } = new(1, 0);
}

/// <summary>
/// Triggers the job once a day at <see cref="PermitExpirySchedule.RunAtUtc"/>; an instance started after that time
/// runs the day at once (the claim makes it a no-op when another instance has run it).
/// </summary>
public sealed class PermitExpiryScheduler(PermitExpiryJob job, IOptions<PermitExpirySchedule> options, TimeProvider time,
    ILogger<PermitExpiryScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var schedule = options.Value;
        if (!schedule.Enabled) return;
        while (!stop.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var dueToday = today.ToDateTime(schedule.RunAtUtc);
            if (now >= dueToday)
            {
                try
                {
                    await job.RunAsync(today, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Permit-expiry run for {Day} failed", PermitExpiryJob.Iso(today));
                }
                dueToday = dueToday.AddDays(1);
            }
            var wait = dueToday - time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stop);
        }
    }
}

public static class PermitExpirySetup
{
    public static IServiceCollection AddPermitExpiry(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<PermitExpirySchedule>().Bind(cfg.GetSection("PermitExpiry:Schedule")).ValidateOnStart();
        services.AddSingleton<PermitExpiryJob>();
        services.AddHostedService<PermitExpiryScheduler>();
        return services;
    }
}
