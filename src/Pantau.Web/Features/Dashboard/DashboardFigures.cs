using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Dashboard;

/// <summary>How a report reached the office: a proved phone, an RT/RW head, a partner agency, an Open311 application.</summary>
public enum ReportChannel { Public, Neighbourhood, Partner, Application }

/// <summary>The part of the country the figures cover: one office, the offices of a province, or all (<see cref="OfficeIds"/> null).</summary>
/// <param name="RegencyCodes">For the registry's figures: the regencies of <see cref="OfficeId"/>, when one office is asked.</param>
public sealed record DashboardArea(int? OfficeId, string? OfficeName, string? ProvinceCode, IReadOnlyList<int>? OfficeIds, IReadOnlyList<string>? RegencyCodes);

/// <param name="TimeZone">The days are the office's local days at this offset from UTC (<c>Operations:UtcOffsetHours</c>), e.g. "UTC+07:00".</param>
public sealed record DashboardPeriod(DateOnly From, DateOnly To, string TimeZone, double UtcOffsetHours);

public sealed record DashboardDay(DateOnly Date, int Reports, IReadOnlyDictionary<ReportCategory, int> ByCategory,
    IReadOnlyDictionary<ReportChannel, int> ByChannel, int FieldChecks, int FieldChecksRegistered);

/// <param name="Outcome">Open, Merged, Resolved.{FieldOutcome} or Rejected.{RejectionReason}.</param>
public sealed record OutcomeCount(string Outcome, int Count);

/// <param name="Started">Reports whose clock for the stage has started.</param>
/// <param name="Completed">Of those, the ones whose stage is over: the median is theirs.</param>
/// <param name="Late">Started reports past the target (finished late or still running past it).</param>
public sealed record SlaFigure(SlaStage Stage, int Started, int Completed, double? MedianMinutes, int Late, double LateShare);

public sealed record VillageCount(string Code, string? Name, int Reports);

/// <param name="Month">YYYY-MM.</param>
public sealed record MonthCount(string Month, int Permits);

/// <summary>The dashboard's and the monthly workbook's numbers: the JSON and the workbook are written from one of these.</summary>
public sealed record DashboardFigures(DashboardPeriod Period, DashboardArea Area, int Reports, IReadOnlyDictionary<ReportCategory, int> ByCategory,
    IReadOnlyDictionary<ReportChannel, int> ByChannel, IReadOnlyList<DashboardDay> Days, IReadOnlyList<OutcomeCount> Outcomes, int FalseReports,
    double FalseReportShare, IReadOnlyList<SlaFigure> Sla, int FieldChecks, int FieldChecksRegistered, IReadOnlyList<VillageCount> TopVillages,
    IReadOnlyList<MonthCount> PermitsExpiring)
{
    public const int TopVillageCount = 10;

    /// <summary>
    /// Counts the reports verified in the period (the office's local days), grouped in the database. Only the SLA medians
    /// need each report's timestamps: those five columns are streamed, never the reports themselves.
    /// </summary>
    public static async Task<DashboardFigures> ComputeAsync(PantauDb db, RegionNames names, SlaTargets targets, DashboardArea area,
        DateOnly from, DateOnly to, TimeSpan utcOffset, DateTime now, CancellationToken ct)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - utcOffset;
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - utcOffset;
        var minutes = utcOffset.TotalMinutes;
        var reports = ReportsOf(db, area).Where(r => r.VerifiedAt >= start && r.VerifiedAt < end);

        var perDay = await (
            from r in reports
            join u in db.Users on r.TrustedReporterId equals u.Id into trusted
            from u in trusted.DefaultIfEmpty()
            group r by new { Day = r.VerifiedAt!.Value.AddMinutes(minutes).Date, r.Category, Application = r.ApiClientId != null, Role = (StaffRole?)u.Role, Trusted = r.TrustedReporterId != null }
            into g
            select new { g.Key.Day, g.Key.Category, g.Key.Application, g.Key.Role, g.Key.Trusted, Count = g.Count() }).ToListAsync(ct);
        var rows = perDay.Select(r => (Date: DateOnly.FromDateTime(r.Day), r.Category, Channel: ChannelOf(r.Application, r.Trusted, r.Role), r.Count)).ToList();

        var checks = await db.FieldChecks.AsNoTracking()
            .Where(c => c.At >= start && c.At < end && (area.OfficeIds == null || (c.OfficeId != null && area.OfficeIds.Contains(c.OfficeId.Value))))
            .GroupBy(c => new { Day = c.At.AddMinutes(minutes).Date, c.Registered })
            .Select(g => new { g.Key.Day, g.Key.Registered, Count = g.Count() }).ToListAsync(ct);

        var days = new List<DashboardDay>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var day = d;
            var ofDay = rows.Where(r => r.Date == day).ToList();
            var checksOfDay = checks.Where(c => DateOnly.FromDateTime(c.Day) == day).ToList();
            days.Add(new DashboardDay(day, ofDay.Sum(r => r.Count),
                Enum.GetValues<ReportCategory>().ToDictionary(c => c, c => ofDay.Where(r => r.Category == c).Sum(r => r.Count)),
                Enum.GetValues<ReportChannel>().ToDictionary(c => c, c => ofDay.Where(r => r.Channel == c).Sum(r => r.Count)),
                checksOfDay.Sum(c => c.Count), checksOfDay.Where(c => c.Registered).Sum(c => c.Count)));
        }

        var outcomes = await reports.GroupBy(r => new { r.Status, r.RejectionReason, r.Outcome })
            .Select(g => new { g.Key.Status, g.Key.RejectionReason, g.Key.Outcome, Count = g.Count() }).ToListAsync(ct);
        var byOutcome = outcomes.GroupBy(o => OutcomeOf(o.Status, o.RejectionReason, o.Outcome))
            .Select(g => new OutcomeCount(g.Key, g.Sum(o => o.Count))).OrderBy(o => o.Outcome, StringComparer.Ordinal).ToList();
        var total = rows.Sum(r => r.Count);
        var falseReports = outcomes.Where(o => o.Status == ReportStatus.Rejected && o.RejectionReason == RejectionReason.FalseReport).Sum(o => o.Count);

        var villages = await reports.Where(r => r.VillageCode != null).GroupBy(r => r.VillageCode!)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .OrderByDescending(v => v.Count).ThenBy(v => v.Code).Take(TopVillageCount).ToListAsync(ct);
        var villageNames = await names.NamesOfAsync(db, villages.Select(v => v.Code), ct);

        var permits = await PermitsOf(db, area).Where(p => p.CancelledOn == null && p.ExpiryDate >= from && p.ExpiryDate <= to)
            .GroupBy(p => new { p.ExpiryDate.Year, p.ExpiryDate.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct);
        var months = new List<MonthCount>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
            months.Add(new MonthCount($"{m:yyyy-MM}", permits.Where(p => p.Year == m.Year && p.Month == m.Month).Sum(p => p.Count)));

        return new DashboardFigures(
            new DashboardPeriod(from, to, $"UTC{(utcOffset < TimeSpan.Zero ? "-" : "+")}{utcOffset:hh\\:mm}", utcOffset.TotalHours),
            area, total,
            Enum.GetValues<ReportCategory>().ToDictionary(c => c, c => rows.Where(r => r.Category == c).Sum(r => r.Count)),
            Enum.GetValues<ReportChannel>().ToDictionary(c => c, c => rows.Where(r => r.Channel == c).Sum(r => r.Count)),
            days, byOutcome, falseReports, Share(falseReports, total),
            await SlaAsync(reports, targets, now, ct),
            checks.Sum(c => c.Count), checks.Where(c => c.Registered).Sum(c => c.Count),
            villages.Select(v => new VillageCount(v.Code, villageNames.GetValueOrDefault(v.Code), v.Count)).ToList(),
            months);
    }

    public static ReportChannel ChannelOf(bool application, bool trusted, StaffRole? role) =>
        application ? ReportChannel.Application
        : !trusted ? ReportChannel.Public
        : role == StaffRole.NeighbourhoodHead ? ReportChannel.Neighbourhood
        : ReportChannel.Partner;

    public static string OutcomeOf(ReportStatus status, RejectionReason? reason, FieldOutcome? outcome) => status switch
    {
        ReportStatus.Resolved => $"Resolved.{outcome}",
        ReportStatus.Rejected => $"Rejected.{reason}",
        ReportStatus.Merged => "Merged",
        _ => "Open",
    };

    public static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>The reports held by the offices of <paramref name="area"/>; a regional division's are outside its own office filter.</summary>
    private static IQueryable<Report> ReportsOf(PantauDb db, DashboardArea area) => area.OfficeIds is null
        ? db.Reports.AsNoTracking()
        : db.Reports.AsNoTracking().AcrossOffices("the dashboard counts the reports of the offices in the caller's scope, named by id")
            .Where(r => area.OfficeIds.Contains(r.OfficeId));

    /// <summary>Permits of residents in the area (the registry's own scope filter still applies).</summary>
    private static IQueryable<StayPermit> PermitsOf(PantauDb db, DashboardArea area)
    {
        var people = db.Foreigners.Where(f => f.Status == ResidentStatus.Active);
        if (area.RegencyCodes is { } regencies) people = people.Where(f => regencies.Contains(f.RegencyCode));
        else if (area.ProvinceCode is { } province) people = people.Where(f => f.ProvinceCode == province);
        return db.StayPermits.AsNoTracking().Where(p => people.Any(f => f.Id == p.ForeignerId));
    }

    private static async Task<IReadOnlyList<SlaFigure>> SlaAsync(IQueryable<Report> reports, SlaTargets targets, DateTime now, CancellationToken ct)
    {
        var stages = Enum.GetValues<SlaStage>();
        var elapsed = stages.ToDictionary(s => s, _ => new List<double>());
        var started = stages.ToDictionary(s => s, _ => 0);
        var late = stages.ToDictionary(s => s, _ => 0);
        var byOffice = new Dictionary<int, IReadOnlyDictionary<SlaStage, TimeSpan>>();
        await foreach (var r in reports.Select(r => new { r.OfficeId, r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!byOffice.TryGetValue(r.OfficeId, out var t)) byOffice[r.OfficeId] = t = targets.Of(r.OfficeId);
            foreach (var clock in SlaClock.Of(new SlaTimes(r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt), t, now))
            {
                if (clock.Elapsed is not { } e) continue;
                started[clock.Stage]++;
                if (clock.Overdue) late[clock.Stage]++;
                if (clock.Done) elapsed[clock.Stage].Add(e.TotalMinutes);
            }
        }
        return stages.Select(s => new SlaFigure(s, started[s], elapsed[s].Count, DailySummary.Median(elapsed[s]), late[s], Share(late[s], started[s]))).ToList();
    }
}
