using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.PermitExpiry;

/// <summary>
/// A daily job's claim on a day. The key is (job, day): the first instance to insert the row runs the job, any other
/// instance's insert fails on the key and it skips — once per day per instance group, with no other coordination.
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
