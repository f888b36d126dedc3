using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Operations;

/// <summary>
/// An office's day: the reports verified that day (the office's local day, <c>Operations:UtcOffsetHours</c>, WIB by
/// default), what became of them, the median time of each stage that was completed, and how many ran late.
/// </summary>
public sealed record DailySummary(int OfficeId, DateOnly Date, int Reports, int Triaged, int Dispatched, int Resolved, int Rejected, int Merged,
    int Open, IReadOnlyDictionary<SlaStage, double?> MedianMinutes, IReadOnlyDictionary<SlaStage, int> Overdue, int OverdueReports,
    IReadOnlyDictionary<SlaStage, double> TargetMinutes)
{

    public static DailySummary Of(int officeId, DateOnly date, IReadOnlyList<(ReportStatus Status, SlaTimes Times)> reports,
        IReadOnlyDictionary<SlaStage, TimeSpan> targets, DateTime now)
    {
        var clocks = reports.Select(r => SlaClock.Of(r.Times, targets, now)).ToList();
        var stages = Enum.GetValues<SlaStage>();
        return new DailySummary(officeId, date, reports.Count,
            reports.Count(r => r.Times.TriagedAt is not null),
            reports.Count(r => r.Times.DispatchedAt is not null),
            reports.Count(r => r.Status == ReportStatus.Resolved),
            reports.Count(r => r.Status == ReportStatus.Rejected),
            reports.Count(r => r.Status == ReportStatus.Merged),
            reports.Count(r => r.Times.ClosedAt is null),
            stages.ToDictionary(s => s, s => Median(clocks.Select(c => c.First(x => x.Stage == s)).Where(c => c.Done && c.Elapsed is not null)
                .Select(c => c.Elapsed!.Value.TotalMinutes).ToList())),
            stages.ToDictionary(s => s, s => clocks.Count(c => c.First(x => x.Stage == s).Overdue)),
            clocks.Count(c => c.Any(x => x.Overdue)),
            stages.ToDictionary(s => s, s => targets[s].TotalMinutes));
    }

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 1);
    }
}
