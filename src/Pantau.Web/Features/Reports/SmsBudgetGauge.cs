using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// <c>pantau.sms.budget_used</c>: the share (0–1) of this hour's SMS budget (<c>Reports:Sms:PerHour</c>) already
/// taken, all instances together (the budget's own row, <see cref="HourlyCount"/>).
/// </summary>
public sealed class SmsBudgetGauge : IObservedState
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<ReportsOptions> _options;
    private readonly CachedReading<double[]> _used;

    public SmsBudgetGauge(IServiceScopeFactory scopes, IOptions<ReportsOptions> options, TimeProvider time)
    {
        _scopes = scopes;
        _options = options;
        _used = new(Read, time);
    }

    public void Observe(Meter meter) =>
        meter.CreateObservableGauge("pantau.sms.budget_used", () => _used.Value[0], "1", "Share of this hour's SMS budget already taken.");

    private double[] Read(DateTime now)
    {
        using var scope = _scopes.CreateScope();
        var hour = HourlyCount.HourOf(now);
        var taken = scope.ServiceProvider.GetRequiredService<PantauDb>().HourlyCounts.AsNoTracking()
            .Where(c => c.Key == "sms" && c.Hour == hour).Select(c => c.Count).FirstOrDefault();
        var limit = _options.Value.Sms.PerHour;
        return [limit <= 0 ? 1 : (double)taken / limit];
    }
}
