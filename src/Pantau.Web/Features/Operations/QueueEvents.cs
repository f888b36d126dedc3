using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Operations;

/// <summary>
/// A report entered or changed in an office's queue. The row numbers the office's events (a console that reconnects
/// says the last one it saw and is sent the reports changed since), and is written in the same save as the change.
/// </summary>
public sealed class QueueEvent
{
    public long Id { get; init; }
    public int OfficeId { get; init; }
    public Guid ReportId { get; init; }
    public DateTime At { get; init; }
}

/// <summary>
/// Every save that brings a report into the queue or changes one there raises its event, whatever the endpoint: the
/// event rows are added to the same save, and once it succeeded the reports as the queue shows them go to the
/// offices' consoles (both offices when a report is forwarded). A report still waiting for its reporter's phone is
/// nobody's business yet. A save inside an explicit transaction publishes when the transaction commits.
/// </summary>
public sealed class QueueEventsInterceptor(LiveEventHub hub, TimeProvider time, IOptions<JsonOptions> json, SlaTargets sla, PlaceFinder places)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (eventData.Context is PantauDb db) Raise(db);
        return base.SavingChangesAsync(eventData, result, ct);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PantauDb db) Raise(db);
        return base.SavingChanges(eventData, result);
    }

    private void Raise(PantauDb db)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in db.ChangeTracker.Entries<Report>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var r = entry.Entity;
            if (r.Status == ReportStatus.Received) continue;
            var offices = new HashSet<int> { r.OfficeId };
            if (entry.State == EntityState.Modified) offices.Add(entry.Property(x => x.OfficeId).OriginalValue);
            foreach (var office in offices)
            {
                var e = new QueueEvent { OfficeId = office, ReportId = r.Id, At = now };
                db.QueueEvents.Add(e);
                db.UnpublishedEvents.Add(e);
            }
        }
    }

    // After the save the reports are read as the queue shows them (inside the transaction, if any, which sees them);
    // they go out at once, or when the transaction commits.

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is PantauDb { UnpublishedEvents.Count: > 0 } db)
        {
            db.ReadyEvents.AddRange(await PrepareAsync(db, ct));
            if (db.Database.CurrentTransaction is null) Publish(db);
        }
        return await base.SavedChangesAsync(eventData, result, ct);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is PantauDb { UnpublishedEvents.Count: > 0 } db)
        {
            db.ReadyEvents.AddRange(PrepareAsync(db, default).GetAwaiter().GetResult());
            if (db.Database.CurrentTransaction is null) Publish(db);
        }
        return base.SavedChanges(eventData, result);
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is PantauDb db) Publish(db);
    }

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as PantauDb)?.ReadyEvents.Clear();

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is PantauDb db) db.UnpublishedEvents.Clear();
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is PantauDb db) db.UnpublishedEvents.Clear();
        return base.SaveChangesFailedAsync(eventData, ct);
    }

    /// <summary>
    /// The events as the consoles receive them. The queue item is read only for an office a console here follows; for
    /// the others a reference goes to the other instances, which read it if one of their consoles follows the office
    /// (so a busy intake with no console open pays nothing for it).
    /// </summary>
    private async Task<List<LiveEvent>> PrepareAsync(PantauDb db, CancellationToken ct)
    {
        var events = db.UnpublishedEvents.ToList();
        db.UnpublishedEvents.Clear();
        var wanted = events.Where(e => hub.HasListeners(e.OfficeId, Kinds.Report)).Select(e => e.ReportId).Distinct().ToList();
        var items = wanted.Count == 0 ? [] : (await QueueItems.ReadAsync(db, places, db.Reports.AcrossOffices("a save's reports go to the consoles of every office it touched").Where(r => wanted.Contains(r.Id)),
            time.GetUtcNow().UtcDateTime, sla, ct)).ToDictionary(i => i.Id);
        return events.Select(e => items.TryGetValue(e.ReportId, out var item) && hub.HasListeners(e.OfficeId, Kinds.Report)
                ? new LiveEvent(Kinds.Report, e.Id, e.OfficeId, JsonSerializer.Serialize(item.ForEvent(), json.Value.SerializerOptions))
                : LiveEvent.Reference(Kinds.Report, e.Id, e.OfficeId))
            .ToList();
    }

    private void Publish(PantauDb db)
    {
        foreach (var e in db.ReadyEvents) hub.Publish(e);
        db.ReadyEvents.Clear();
    }
}

/// <summary>
/// The queue's live events read back from <c>QueueEvents</c> for the relay: the data is the report as the queue shows
/// it now, as for a console that reconnects.
/// </summary>
public sealed class StoredQueueEvents(SlaTargets sla, TimeProvider time, IOptions<JsonOptions> json, PlaceFinder places) : IStoredLiveEvents
{
    public string Kind => Kinds.Report;

    public Task<List<LiveEvent>> LoadAsync(PantauDb db, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ReportsAsync(db, db.QueueEvents.Where(e => ids.Contains(e.Id)), ct);

    public Task<List<LiveEvent>> SinceAsync(PantauDb db, long lastSeen, DateTime since, CancellationToken ct) =>
        ReportsAsync(db, db.QueueEvents.Where(e => (lastSeen > 0 && e.Id > lastSeen) || e.At >= since), ct);

    private async Task<List<LiveEvent>> ReportsAsync(PantauDb db, IQueryable<QueueEvent> events, CancellationToken ct)
    {
        var rows = (await events.AsNoTracking().OrderByDescending(e => e.Id).Take(StoredLiveEvents.CatchUpLimit).ToListAsync(ct)).OrderBy(e => e.Id).ToList();
        var ids = rows.Select(e => e.ReportId).Distinct().ToList();
        var items = (await QueueItems.ReadAsync(db, places, db.Reports.Where(r => ids.Contains(r.Id)), time.GetUtcNow().UtcDateTime, sla, ct)).ToDictionary(i => i.Id);
        return rows.Where(e => items.ContainsKey(e.ReportId))
            .Select(e => new LiveEvent(Kinds.Report, e.Id, e.OfficeId, JsonSerializer.Serialize(items[e.ReportId].ForEvent(), json.Value.SerializerOptions)))
            .ToList();
    }
}
