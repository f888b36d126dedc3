using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.PermitExpiry;

namespace Pantau.Tests.Data;

/// <summary>Times come back from the database as UTC on both providers (SQLite stores text with no zone), whole rows and projections alike.</summary>
public sealed class UtcDateTimesTests
{
    [Fact]
    public async Task A_time_read_back_from_the_database_is_UTC_and_unchanged()
    {
        using var app = new PantauApp();
        var started = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
        var finished = started.AddMinutes(3);
        await app.WithDbAsync(async db =>
        {
            var run = new ScheduledRun { Job = "utc-test", Day = DateOnly.FromDateTime(started), Instance = "test", StartedAt = started };
            run.Finish(0, 0, 0, finished);
            db.ScheduledRuns.Add(run);
            return await db.SaveChangesAsync();
        });

        var read = await app.WithDbAsync(db => db.ScheduledRuns.AsNoTracking().SingleAsync(r => r.Job == "utc-test"));
        Assert.Equal(DateTimeKind.Utc, read.StartedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, read.FinishedAt!.Value.Kind);
        Assert.Equal(started, read.StartedAt);
        Assert.Equal(finished, read.FinishedAt);

        // Projections the handlers use: a column cast to nullable, and the first of several (COALESCE).
        var projected = await app.WithDbAsync(db => db.ScheduledRuns.AsNoTracking().Where(r => r.Job == "utc-test")
            .Select(r => new { Started = (DateTime?)r.StartedAt, Last = r.FinishedAt ?? r.StartedAt }).SingleAsync());
        Assert.Equal(DateTimeKind.Utc, projected.Started!.Value.Kind);
        Assert.Equal(DateTimeKind.Utc, projected.Last.Kind);
        Assert.Equal(finished, projected.Last);
    }
}
