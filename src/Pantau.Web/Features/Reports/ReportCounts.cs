using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// Counts reports received, verified and rejected (<see cref="PantauMetrics"/>) from what a save writes, whichever path
/// wrote it (the form, Open311, a phone proved later, triage); counted once the save has succeeded.
/// </summary>
public sealed class ReportCounts(PantauMetrics metrics) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(string Counter, int Office, string Channel)>> _pending = [];

    /// <summary>Where a report came from: a client application (Open311), a trusted account, or the public.</summary>
    public static string ChannelOf(Report r) => r.ApiClientId is not null ? "application" : r.TrustedReporterId is not null ? "trusted" : "public";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        var pending = new List<(string, int, string)>();
        foreach (var entry in db.ChangeTracker.Entries<Report>())
        {
            var r = entry.Entity;
            var channel = ChannelOf(r);
            if (entry.State == EntityState.Added)
            {
                pending.Add(("received", r.OfficeId, channel));
                if (r.Status == ReportStatus.Verified) pending.Add(("verified", r.OfficeId, channel));
            }
            else if (entry.State == EntityState.Modified && entry.Property(x => x.Status) is { IsModified: true } status && status.OriginalValue != r.Status)
            {
                if (r.Status == ReportStatus.Verified && status.OriginalValue == ReportStatus.Received) pending.Add(("verified", r.OfficeId, channel));
                else if (r.Status == ReportStatus.Rejected) pending.Add(("rejected", r.OfficeId, channel));
            }
        }
        if (pending.Count > 0) _pending.AddOrUpdate(db, pending);
        else _pending.Remove(db);
    }

    private void Count(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending)) return;
        _pending.Remove(db);
        foreach (var (counter, office, channel) in pending)
        {
            var which = counter switch { "received" => metrics.ReportsReceived, "verified" => metrics.ReportsVerified, _ => metrics.ReportsRejected };
            which.Add(1, PantauMetrics.Office(office), new("channel", channel));
        }
    }
}
