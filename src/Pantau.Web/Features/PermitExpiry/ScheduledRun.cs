using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Data;

namespace Pantau.Web.Features.PermitExpiry;

/// <summary>
/// A daily job's claim on a day. The key is (job, day): the first instance to insert the row runs the job, any other
/// instance's insert finds the key taken and it skips — once per day per instance group, with no other coordination.
/// </summary>
public sealed class ScheduledRun
{
    public required string Job { get; init; }
    public DateOnly Day { get; init; }
    public required string Instance { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; private set; }
    public int Expiring { get; private set; }
    public int Lapsed { get; private set; }
    public int RemindersSent { get; private set; }

    public void Finish(int expiring, int lapsed, int reminders, DateTime now)
    {
        Expiring = expiring;
        Lapsed = lapsed;
        RemindersSent = reminders;
        FinishedAt = now;
    }
}

public static class ScheduledRuns
{
    /// <summary>
    /// Inserts the claim unless the day is claimed already: one statement, so two instances racing are decided by the
    /// key, and the usual "already claimed" is an answer, not a failed command (which EF would log as an error).
    /// INSERT … ON CONFLICT DO NOTHING is the same on PostgreSQL and SQLite.
    /// </summary>
    public static async Task<bool> TryClaimAsync(PantauDb db, string job, DateOnly day, string instance, DateTime startedAt, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(ScheduledRun))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var name = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        var sql = $"INSERT INTO {name} ({Column(nameof(ScheduledRun.Job))}, {Column(nameof(ScheduledRun.Day))}, {Column(nameof(ScheduledRun.Instance))}, "
            + $"{Column(nameof(ScheduledRun.StartedAt))}, {Column(nameof(ScheduledRun.Expiring))}, {Column(nameof(ScheduledRun.Lapsed))}, "
            + $"{Column(nameof(ScheduledRun.RemindersSent))}) VALUES ({{0}}, {{1}}, {{2}}, {{3}}, 0, 0, 0) ON CONFLICT DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(sql, [job, day, instance, startedAt], ct) == 1;
    }
}

/// <summary>A reminder sent to a permit's sponsor: one per permit and expiry date (an extension is a new date).</summary>
public sealed class PermitReminder
{
    public Guid PermitId { get; init; }
    public DateOnly ExpiryDate { get; init; }
    public Guid ForeignerId { get; init; }
    public required string Phone { get; init; }
    public DateOnly RunDay { get; init; }
    public DateTime SentAt { get; init; }
}

public sealed class ScheduledRunConfiguration : IEntityTypeConfiguration<ScheduledRun>
{
    public void Configure(EntityTypeBuilder<ScheduledRun> b)
    {
        b.HasKey(x => new { x.Job, x.Day });
        b.Property(x => x.Job).HasMaxLength(50);
        b.Property(x => x.Instance).HasMaxLength(200);
    }
}

public sealed class PermitReminderConfiguration : IEntityTypeConfiguration<PermitReminder>
{
    public void Configure(EntityTypeBuilder<PermitReminder> b)
    {
        b.HasKey(x => new { x.PermitId, x.ExpiryDate });
        b.Property(x => x.Phone).HasMaxLength(16);
        b.HasIndex(x => x.RunDay);
    }
}
