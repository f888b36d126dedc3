using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Operations;

/// <summary>
/// The offices' queues as gauges: open reports (<c>pantau.queue.length</c>), how long the oldest report has waited for
/// triage (<c>pantau.queue.oldest_wait</c>, seconds) and the SLA stages running late now (<c>pantau.sla.late</c>), per
/// office. One query of the open reports feeds all three, at most every 20 s (<see cref="CachedReading{T}"/>).
/// </summary>
public sealed class QueueGauges : IObservedState
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SlaTargets _targets;
    private readonly CachedReading<Snapshot> _current;

    public QueueGauges(IServiceScopeFactory scopes, SlaTargets targets, TimeProvider time)
    {
        _scopes = scopes;
        _targets = targets;
        _current = new(Read, time);
    }

    private sealed record Snapshot(List<Measurement<long>> Length, List<Measurement<double>> OldestWait, List<Measurement<long>> Late);

    public void Observe(Meter meter)
    {
        meter.CreateObservableGauge("pantau.queue.length", () => _current.Value.Length, "{report}", "Open reports in the office's queue.");
        meter.CreateObservableGauge("pantau.queue.oldest_wait", () => _current.Value.OldestWait, "s", "How long the oldest report waiting for triage has waited.");
        meter.CreateObservableGauge("pantau.sla.late", () => _current.Value.Late, "{report}", "Open reports whose SLA stage runs late now, by office and stage.");
    }

    private Snapshot Read(DateTime now)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
        var open = db.Reports.AcrossOffices("the queue gauges count the open reports of every office").AsNoTracking()
            .Where(r => r.Status == ReportStatus.Verified || r.Status == ReportStatus.Accepted || r.Status == ReportStatus.Dispatched
                || r.Status == ReportStatus.EnRoute || r.Status == ReportStatus.OnSite)
            .Select(r => new { r.OfficeId, r.Status, r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt })
            .ToList();
        // Every office, an empty queue too: a series that vanishes when its queue empties reads as a gap, not as zero.
        var offices = db.Offices.AsNoTracking().Select(o => o.Id).ToList();
        var length = new List<Measurement<long>>();
        var oldest = new List<Measurement<double>>();
        var late = new List<Measurement<long>>();
        var openByOffice = open.ToLookup(r => r.OfficeId);
        foreach (var officeId in offices)
        {
            var office = openByOffice[officeId].ToList();
            var tag = PantauMetrics.Office(officeId);
            length.Add(new(office.Count, tag));
            // No oldest wait when nothing waits: an age of nothing is not zero.
            if (office.Where(r => r.Status == ReportStatus.Verified && r.VerifiedAt is not null).Select(r => r.VerifiedAt!.Value).DefaultIfEmpty().Min() is var first && first != default)
                oldest.Add(new(Math.Max(0, (now - first).TotalSeconds), tag));
            var officeTargets = _targets.Of(officeId);
            var running = office.SelectMany(r => SlaClock.RunningLate(new SlaTimes(r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, null), officeTargets, now))
                .CountBy(s => s).ToDictionary();
            foreach (var stage in Enum.GetValues<SlaStage>())
                late.Add(new(running.GetValueOrDefault(stage), tag, new("stage", stage.ToString())));
        }
        return new(length, oldest, late);
    }
}
