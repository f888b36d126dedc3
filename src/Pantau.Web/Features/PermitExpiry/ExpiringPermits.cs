using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.PermitExpiry;

public sealed record ExpiringPermit(Guid ForeignerId, string FullName, string Nationality, string VillageCode, string DistrictCode,
    PermitType PermitType, string PermitNumber, DateOnly ExpiryDate, int DaysLeft, string? Sponsor, string? SponsorPhone, DateTime? RemindedAt);

/// <summary>One page of the list for <see cref="Day"/>: <see cref="Total"/> rows match the filter in the asked <see cref="Status"/>.</summary>
public sealed record ExpiryPage(DateOnly Day, int WithinDays, string Status, int ExpiringTotal, int LapsedTotal, int Total, int Page, int PageSize,
    IReadOnlyList<ExpiringPermit> Items);

/// <summary>
/// Residents whose stay permit ends soon or has ended. A person's permit is the latest-ending one not cancelled;
/// only people still recorded as resident (active) count: a departed person's permit ending is no one's concern.
/// Runs through the registry's scope filter, so an officer sees the office's people and the job (as the system) all.
/// </summary>
public static class ExpiringPermits
{
    // Built with an initializer, not a constructor, so that EF can still filter, sort and count on its members.
    public sealed class Row
    {
        public Guid PermitId { get; init; }
        public Guid ForeignerId { get; init; }
        public string FullName { get; init; } = "";
        public string Nationality { get; init; } = "";
        public string VillageCode { get; init; } = "";
        public string RegencyCode { get; init; } = "";
        public PermitType Type { get; init; }
        public string Number { get; init; } = "";
        public DateOnly ExpiryDate { get; init; }
        public string? Sponsor { get; init; }
        public string? SponsorPhone { get; init; }
    }

    /// <summary>Current permits of active residents ending between <paramref name="from"/> and <paramref name="to"/> (inclusive, either open).</summary>
    private static IQueryable<Row> Ending(PantauDb db, DateOnly? from, DateOnly? to)
    {
        // The people are scoped by the Foreigner filter; their permits need not repeat it.
        var permits = db.StayPermits.DocumentsOfScopedPeople("permits joined to people the Foreigner filter scopes");
        var q = from p in permits
                join f in db.Foreigners on p.ForeignerId equals f.Id
                where p.CancelledOn == null && f.Status == ResidentStatus.Active
                      && !permits.Any(o => o.ForeignerId == p.ForeignerId && o.CancelledOn == null
                          && (o.ExpiryDate > p.ExpiryDate || (o.ExpiryDate == p.ExpiryDate && string.Compare(o.Number, p.Number) > 0)))
                select new { p, f };
        if (from is { } a) q = q.Where(x => x.p.ExpiryDate >= a);
        if (to is { } b) q = q.Where(x => x.p.ExpiryDate <= b);
        return q.Select(x => new Row
        {
            PermitId = x.p.Id, ForeignerId = x.f.Id, FullName = x.f.FullName, Nationality = x.f.Nationality, VillageCode = x.f.VillageCode,
            RegencyCode = x.f.RegencyCode, Type = x.p.Type, Number = x.p.Number, ExpiryDate = x.p.ExpiryDate, Sponsor = x.p.Sponsor,
            SponsorPhone = x.p.SponsorPhone,
        });
    }

    /// <summary>Ending within <see cref="StayPermit.ExpiringWithinDays"/> days of <paramref name="day"/>, that day included.</summary>
    public static IQueryable<Row> ExpiringOn(PantauDb db, DateOnly day) => Ending(db, day, day.AddDays(StayPermit.ExpiringWithinDays));

    /// <summary>Ended before <paramref name="day"/>, the person still recorded as resident.</summary>
    public static IQueryable<Row> LapsedOn(PantauDb db, DateOnly day) => Ending(db, null, day.AddDays(-1));

    /// <summary>Rows of <paramref name="filter"/>'s status that pass its other choices, in its order (<see cref="ExpiryFilter.Sort"/>).</summary>
    public static IQueryable<Row> Matching(PantauDb db, ExpiryFilter filter)
    {
        var q = Narrowed(db, filter, filter.Status);
        var lapsed = filter.Status == ExpiryFilter.Lapsed;
        // Nearest to the day first: the soonest to end, or the most recently ended.
        return filter.Sort switch
        {
            ExpiryFilter.ByName => q.OrderBy(r => r.FullName).ThenBy(r => r.ExpiryDate).ThenBy(r => r.PermitId),
            ExpiryFilter.ByDistrict => (lapsed ? q.OrderBy(r => r.VillageCode.Substring(0, 8)).ThenByDescending(r => r.ExpiryDate)
                : q.OrderBy(r => r.VillageCode.Substring(0, 8)).ThenBy(r => r.ExpiryDate)).ThenBy(r => r.FullName).ThenBy(r => r.PermitId),
            _ => (lapsed ? q.OrderByDescending(r => r.ExpiryDate) : q.OrderBy(r => r.ExpiryDate)).ThenBy(r => r.FullName).ThenBy(r => r.PermitId),
        };
    }

    /// <summary>The rows of one status (<see cref="ExpiryFilter.Expiring"/> or <see cref="ExpiryFilter.Lapsed"/>) that pass the filter's other choices.</summary>
    private static IQueryable<Row> Narrowed(PantauDb db, ExpiryFilter filter, string status)
    {
        var q = status == ExpiryFilter.Lapsed ? LapsedOn(db, filter.Day) : ExpiringOn(db, filter.Day);
        if (filter.District is { } district) q = q.Where(r => r.VillageCode.StartsWith(district + "."));
        if (filter.Nationality is { } nationality) q = q.Where(r => r.Nationality == nationality);
        if (filter.PermitType is { } type) q = q.Where(r => r.Type == type);
        if (filter.Reminded is { } reminded)
            q = q.Where(r => db.PermitReminders.Any(x => x.PermitId == r.PermitId && x.ExpiryDate == r.ExpiryDate) == reminded);
        return q;
    }

    /// <summary>The page the filter asks for, with the totals of both statuses under its other choices.</summary>
    public static async Task<(ExpiryPage Page, IReadOnlyList<string> Regencies)> PageAsync(PantauDb db, ExpiryFilter filter, CancellationToken ct)
    {
        var rows = await Matching(db, filter).Skip(InputRules.Skip(filter.Page, filter.PageSize) ?? 0).Take(filter.PageSize).ToListAsync(ct);
        var expiringTotal = await Narrowed(db, filter, ExpiryFilter.Expiring).CountAsync(ct);
        var lapsedTotal = await Narrowed(db, filter, ExpiryFilter.Lapsed).CountAsync(ct);
        var page = new ExpiryPage(filter.Day, StayPermit.ExpiringWithinDays, filter.Status, expiringTotal, lapsedTotal,
            filter.Status == ExpiryFilter.Lapsed ? lapsedTotal : expiringTotal, filter.Page, filter.PageSize, await ItemsAsync(db, filter.Day, rows, ct));
        return (page, rows.Select(r => r.RegencyCode).Distinct().ToList());
    }

    /// <summary>Every row the filter matches (no paging), for an export; at most <see cref="ExportLimit"/>.</summary>
    public static async Task<(IReadOnlyList<ExpiringPermit> Items, IReadOnlyList<string> Regencies)> AllAsync(PantauDb db, ExpiryFilter filter,
        CancellationToken ct)
    {
        var rows = await Matching(db, filter).Take(ExportLimit).ToListAsync(ct);
        return (await ItemsAsync(db, filter.Day, rows, ct), rows.Select(r => r.RegencyCode).Distinct().ToList());
    }

    public const int ExportLimit = 20_000;

    /// <summary>The kecamatan codes and nationalities of everyone on the day's list (either status), for the filter's choices.</summary>
    public static async Task<(IReadOnlyList<string> Districts, IReadOnlyList<string> Nationalities)> ChoicesAsync(PantauDb db, DateOnly day,
        CancellationToken ct)
    {
        var all = Ending(db, null, day.AddDays(StayPermit.ExpiringWithinDays));
        var districts = await all.Select(r => r.VillageCode.Substring(0, 8)).Distinct().ToListAsync(ct);
        var nationalities = await all.Select(r => r.Nationality).Distinct().ToListAsync(ct);
        return (districts.Order(StringComparer.Ordinal).ToList(), nationalities.Order(StringComparer.Ordinal).ToList());
    }

    private static async Task<List<ExpiringPermit>> ItemsAsync(PantauDb db, DateOnly day, List<Row> rows, CancellationToken ct)
    {
        var permitIds = rows.Select(r => r.PermitId).ToList();
        var reminders = (await db.PermitReminders.AsNoTracking().Where(r => permitIds.Contains(r.PermitId)).ToListAsync(ct))
            .ToLookup(r => (r.PermitId, r.ExpiryDate));
        return rows.Select(r => new ExpiringPermit(r.ForeignerId, r.FullName, r.Nationality, r.VillageCode, RegionCode.AncestorAt(r.VillageCode, RegionLevel.District),
            r.Type, r.Number, r.ExpiryDate, r.ExpiryDate.DayNumber - day.DayNumber, r.Sponsor, r.SponsorPhone,
            reminders[(r.PermitId, r.ExpiryDate)].Select(x => (DateTime?)x.SentAt).FirstOrDefault())).ToList();
    }
}
