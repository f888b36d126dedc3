using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// The central feed as gauges: <c>pantau.sync.feed_lag</c> (seconds from the central database's last applied change to
/// its arrival here, as the sync page shows it) and <c>pantau.sync.parked</c> (events parked for a person to look at).
/// </summary>
public sealed class SyncGauges : IObservedState
{
    private readonly IServiceScopeFactory _scopes;
    private readonly CachedReading<Reading> _current;

    public SyncGauges(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _current = new(_ => Read(), time);
    }

    private sealed record Reading(Measurement<double>[] Lag, long Parked);

    public void Observe(Meter meter)
    {
        meter.CreateObservableGauge("pantau.sync.feed_lag", () => _current.Value.Lag, "s", "How long after the central database's last applied change it reached this registry.");
        meter.CreateObservableGauge("pantau.sync.parked", () => _current.Value.Parked, "{event}", "Central feed events parked for a person to look at.");
    }

    private Reading Read()
    {
        using var scope = _scopes.CreateScope();
        var events = scope.ServiceProvider.GetRequiredService<PantauDb>().CentralEvents.AsNoTracking();
        var parked = events.LongCount(e => e.State == CentralEventState.Parked);
        var last = events.Where(e => e.AppliedAt != null).OrderByDescending(e => e.AppliedAt).ThenByDescending(e => e.OccurredAt)
            .Select(e => new { e.AppliedAt, e.OccurredAt }).FirstOrDefault();
        // No lag before the first applied change: nothing to measure, rather than a zero that looks healthy.
        return new(last is { AppliedAt: { } at } ? [new(Math.Max(0, (at - last.OccurredAt).TotalSeconds))] : [], parked);
    }
}
