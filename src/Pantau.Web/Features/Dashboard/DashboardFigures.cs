using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Lodging;
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
public sealed record DashboardPeriod(DateOnly From, DateOnly To, string TimeZone, double UtcOffsetHours)
{
    public static DashboardPeriod Of(DateOnly from, DateOnly to, TimeSpan utcOffset) =>
        new(from, to, $"UTC{(utcOffset < TimeSpan.Zero ? "-" : "+")}{utcOffset:hh\\:mm}", utcOffset.TotalHours);

    /// <summary>The period's first and last instants (UTC, end exclusive) for the office's local days.</summary>
    public static (DateTime Start, DateTime End) Instants(DateOnly from, DateOnly to, TimeSpan utcOffset) =>
        (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - utcOffset, to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - utcOffset);
}

public sealed record DashboardDay(DateOnly Date, int Reports, IReadOnlyDictionary<ReportCategory, int> ByCategory,
    IReadOnlyDictionary<ReportChannel, int> ByChannel, int FieldChecks, int FieldChecksRegistered);

/// <summary>A Monday-to-Sunday local week overlapping the period; its numbers are those of its days inside the period (<see cref="From"/> to <see cref="To"/>).</summary>
/// <param name="Start">The week's Monday (possibly before the period).</param>
public sealed record DashboardWeek(DateOnly Start, DateOnly From, DateOnly To, int Reports, IReadOnlyDictionary<ReportCategory, int> ByCategory,
    IReadOnlyDictionary<ReportChannel, int> ByChannel, int FieldChecks, int FieldChecksRegistered);

/// <summary>What the registry recorded in the period for people of the area.</summary>
/// <param name="Registered">People whose record was created in the period (living in the area now).</param>
/// <param name="MovedIn">Addresses in the area that began in the period after an earlier address of the same person.</param>
/// <param name="MovedOut">Addresses in the area that ended in the period (the person moved on).</param>
/// <param name="Departed">People of the area whose record was last changed in the period and who have left the country; likewise
/// <paramref name="Deported"/> and <paramref name="Deceased"/>.</param>
public sealed record RegistryChangeFigures(int Registered, int MovedIn, int MovedOut, int Departed, int Deported, int Deceased);

/// <summary>Permits of people of the area that ended in the period, by type.</summary>
/// <param name="Cancelled">Cancelled in the period.</param>
/// <param name="Lapsed">Expired in the period (before today), not cancelled, with no later permit of the same person: not extended.</param>
public sealed record PermitEndCount(PermitType Type, int Cancelled, int Lapsed);

/// <summary>Lodging flags raised in the period by the area's offices, by reason; <see cref="Resolved"/>: of those, resolved since.</summary>
public sealed record LodgingFlagCount(FlagReason Reason, int Raised, int Resolved);

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
    IReadOnlyList<MonthCount> PermitsExpiring, IReadOnlyList<DashboardWeek> Weeks, RegistryChangeFigures RegistryChanges,
    IReadOnlyList<PermitEndCount> PermitsEnded, IReadOnlyList<LodgingFlagCount> LodgingFlags)
{
    public const int TopVillageCount = 10;

    /// <summary>
    /// Counts the reports verified in the period (the office's local days), grouped in the database. Only the SLA medians
    /// need each report's timestamps: those five columns are streamed, never the reports themselves.
    /// </summary>
    public static async Task<DashboardFigures> ComputeAsync(PantauDb db, RegionNames names, SlaTargets targets, DashboardArea area,
        DateOnly from, DateOnly to, TimeSpan utcOffset, DateTime now, CancellationToken ct)
    {
        var (start, end) = DashboardPeriod.Instants(from, to, utcOffset);
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

        var weeks = new List<DashboardWeek>();
        for (var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7)); monday <= to; monday = monday.AddDays(7))
        {
            var (wFrom, wTo) = (monday < from ? from : monday, monday.AddDays(6) > to ? to : monday.AddDays(6));
            var ofWeek = days.Where(d => d.Date >= wFrom && d.Date <= wTo).ToList();
            weeks.Add(new DashboardWeek(monday, wFrom, wTo, ofWeek.Sum(d => d.Reports),
                Enum.GetValues<ReportCategory>().ToDictionary(c => c, c => ofWeek.Sum(d => d.ByCategory[c])),
                Enum.GetValues<ReportChannel>().ToDictionary(c => c, c => ofWeek.Sum(d => d.ByChannel[c])),
                ofWeek.Sum(d => d.FieldChecks), ofWeek.Sum(d => d.FieldChecksRegistered)));
        }

        return new DashboardFigures(
            DashboardPeriod.Of(from, to, utcOffset),
            area, total,
            Enum.GetValues<ReportCategory>().ToDictionary(c => c, c => rows.Where(r => r.Category == c).Sum(r => r.Count)),
            Enum.GetValues<ReportChannel>().ToDictionary(c => c, c => rows.Where(r => r.Channel == c).Sum(r => r.Count)),
            days, byOutcome, falseReports, Share(falseReports, total),
            await SlaAsync(reports, targets, now, ct),
            checks.Sum(c => c.Count), checks.Where(c => c.Registered).Sum(c => c.Count),
            villages.Select(v => new VillageCount(v.Code, villageNames.GetValueOrDefault(v.Code), v.Count)).ToList(),
            months, weeks,
            await RegistryChangesAsync(db, area, from, to, start, end, ct),
            await PermitsEndedAsync(db, area, from, to, DateOnly.FromDateTime(now + utcOffset), ct),
            await LodgingFlagsAsync(db, area, start, end, ct));
    }

    /// <summary>The people of the area: those who live in it now (the registry's own scope filter still applies).</summary>
    private static IQueryable<Foreigner> PeopleOf(PantauDb db, DashboardArea area)
    {
        var people = db.Foreigners.AsNoTracking();
        if (area.RegencyCodes is { } regencies) return people.Where(f => regencies.Contains(f.RegencyCode));
        if (area.ProvinceCode is { } province) return people.Where(f => f.ProvinceCode == province);
        return people;
    }

    private static async Task<RegistryChangeFigures> RegistryChangesAsync(PantauDb db, DashboardArea area, DateOnly from, DateOnly to,
        DateTime start, DateTime end, CancellationToken ct)
    {
        var people = PeopleOf(db, area);
        var registered = await people.CountAsync(f => f.CreatedAt >= start && f.CreatedAt < end, ct);
        var left = await people.Where(f => f.Status != ResidentStatus.Active && f.UpdatedAt >= start && f.UpdatedAt < end)
            .GroupBy(f => f.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);

        // Addresses by where they are, not where the person lives now: a move out of the area counts in the area, though the
        // person now lives outside the caller's scope. Only a count leaves the database, for an area AreaOfAsync allowed.
        var addresses = db.ResidenceAddresses.AsNoTracking().Nationally("the dashboard counts the moves in and out of the area in the caller's scope, named by its regencies");
        if (area.RegencyCodes is { } regencies) addresses = addresses.Where(a => regencies.Contains(a.VillageCode.Substring(0, 5)));
        else if (area.ProvinceCode is { } province) addresses = addresses.Where(a => a.VillageCode.StartsWith(province));
        var movedIn = await addresses.CountAsync(a => a.Since >= from && a.Since <= to
            && db.ResidenceAddresses.Any(b => b.ForeignerId == a.ForeignerId && b.Until != null && b.Until <= a.Since && b.Id != a.Id), ct);
        var movedOut = await addresses.CountAsync(a => a.Until != null && a.Until >= from && a.Until <= to, ct);
        int Left(ResidentStatus s) => left.Where(l => l.Status == s).Sum(l => l.Count);
        return new RegistryChangeFigures(registered, movedIn, movedOut, Left(ResidentStatus.Departed), Left(ResidentStatus.Deported), Left(ResidentStatus.Deceased));
    }

    private static async Task<IReadOnlyList<PermitEndCount>> PermitsEndedAsync(PantauDb db, DashboardArea area, DateOnly from, DateOnly to, DateOnly today,
        CancellationToken ct)
    {
        var people = PeopleOf(db, area);
        var permits = area.OfficeIds is null ? db.StayPermits.AsNoTracking() : db.StayPermits.AsNoTracking().Where(p => people.Any(f => f.Id == p.ForeignerId));
        var cancelled = await permits.Where(p => p.CancelledOn >= from && p.CancelledOn <= to)
            .GroupBy(p => p.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(ct);
        var active = PeopleOf(db, area).Where(f => f.Status == ResidentStatus.Active);
        var lapsed = await db.StayPermits.AsNoTracking()
            .Where(p => p.CancelledOn == null && p.ExpiryDate >= from && p.ExpiryDate <= to && p.ExpiryDate < today
                && active.Any(f => f.Id == p.ForeignerId)
                && !db.StayPermits.Any(n => n.ForeignerId == p.ForeignerId && n.CancelledOn == null && n.ExpiryDate > p.ExpiryDate))
            .GroupBy(p => p.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<PermitType>().Select(t => new PermitEndCount(t, cancelled.Where(c => c.Type == t).Sum(c => c.Count),
            lapsed.Where(l => l.Type == t).Sum(l => l.Count))).ToList();
    }

    private static async Task<IReadOnlyList<LodgingFlagCount>> LodgingFlagsAsync(PantauDb db, DashboardArea area, DateTime start, DateTime end, CancellationToken ct)
    {
        var flags = db.LodgingFlags.AsNoTracking().Where(f => f.RaisedAt >= start && f.RaisedAt < end);
        if (area.OfficeIds is { } offices) flags = flags.Where(f => offices.Contains(f.OfficeId));
        var counts = await flags.GroupBy(f => new { f.Reason, Resolved = f.ResolvedAt != null })
            .Select(g => new { g.Key.Reason, g.Key.Resolved, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<FlagReason>().Select(r => new LodgingFlagCount(r, counts.Where(c => c.Reason == r).Sum(c => c.Count),
            counts.Where(c => c.Reason == r && c.Resolved).Sum(c => c.Count))).ToList();
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
    internal static IQueryable<Report> ReportsOf(PantauDb db, DashboardArea area) => area.OfficeIds is null
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
