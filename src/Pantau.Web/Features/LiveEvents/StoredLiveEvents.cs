using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// Live events read back from where they are kept: a report's events are rows of <c>QueueEvents</c> (the data is the
/// report as the queue shows it now, as for a console that reconnects), a ping's are rows of <c>FieldPositions</c>.
/// The relay needs them for a payload too large to NOTIFY and to catch up after it lost its connection.
/// </summary>
public static class StoredLiveEvents
{
    public const int CatchUpLimit = 1000;

    /// <summary>The events of one kind with these ids (those that still exist).</summary>
    public static async Task<List<LiveEvent>> LoadAsync(PantauDb db, string kind, IReadOnlyCollection<long> ids, DateTime now, SlaTargets sla,
        JsonOptions json, CancellationToken ct) => kind switch
    {
        Kinds.Report => await ReportsAsync(db, db.QueueEvents.Where(e => ids.Contains(e.Id)), now, sla, json, ct),
        Kinds.Position => await PositionsAsync(db.FieldPositions.Where(p => ids.Contains(p.Id)), json, ct),
        _ => [],
    };

    /// <summary>
    /// What may have happened while an instance was not listening: the events after the last id it saw, and those
    /// raised since <paramref name="since"/> (ids are handed out before commit, so one below the last seen can still
    /// commit later; with none seen yet, only the latter). At most the latest <see cref="CatchUpLimit"/> of each kind
    /// (a console that reconnects gets older ones through Last-Event-ID), oldest first; the caller skips those it has seen.
    /// </summary>
    public static async Task<List<LiveEvent>> SinceAsync(PantauDb db, long lastReport, long lastPosition, DateTime since, DateTime now,
        SlaTargets sla, JsonOptions json, CancellationToken ct)
    {
        var reports = await ReportsAsync(db, db.QueueEvents.Where(e => (lastReport > 0 && e.Id > lastReport) || e.At >= since), now, sla, json, ct);
        var positions = await PositionsAsync(db.FieldPositions.Where(p => (lastPosition > 0 && p.Id > lastPosition) || p.ReceivedAt >= since), json, ct);
        return [.. reports, .. positions];
    }

    private static async Task<List<LiveEvent>> ReportsAsync(PantauDb db, IQueryable<QueueEvent> events, DateTime now, SlaTargets sla, JsonOptions json,
        CancellationToken ct)
    {
        var rows = (await events.AsNoTracking().OrderByDescending(e => e.Id).Take(CatchUpLimit).ToListAsync(ct)).OrderBy(e => e.Id).ToList();
        var ids = rows.Select(e => e.ReportId).Distinct().ToList();
        var items = (await QueueItems.ReadAsync(db, db.Reports.Where(r => ids.Contains(r.Id)), now, sla, ct)).ToDictionary(i => i.Id);
        return rows.Where(e => items.ContainsKey(e.ReportId))
            .Select(e => new LiveEvent(Kinds.Report, e.Id, e.OfficeId, JsonSerializer.Serialize(items[e.ReportId].ForEvent(), json.SerializerOptions)))
            .ToList();
    }

    private static async Task<List<LiveEvent>> PositionsAsync(IQueryable<FieldPosition> positions, JsonOptions json, CancellationToken ct) =>
        (await positions.AsNoTracking().OrderByDescending(p => p.Id).Take(CatchUpLimit).ToListAsync(ct))
        .OrderBy(p => p.Id).Select(p => FieldActivityApi.Event(PositionResponse.From(p), json)).ToList();
}
