using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.PermitExpiry;

public sealed record ExpiringPermit(Guid ForeignerId, string FullName, string Nationality, string VillageCode, PermitType PermitType,
    string PermitNumber, DateOnly ExpiryDate, int DaysLeft, string? Sponsor, string? SponsorPhone, DateTime? RemindedAt);

public sealed record ExpiryList(DateOnly Day, int WithinDays, int ExpiringTotal, int LapsedTotal, IReadOnlyList<ExpiringPermit> Expiring,
    IReadOnlyList<ExpiringPermit> Lapsed);

/// <summary>
/// Residents whose stay permit ends soon or has ended. A person's permit is the latest-ending one not cancelled;
/// only people still recorded as resident (active) count: a departed person's permit ending is no one's concern.
/// Runs through the registry's scope filter, so an officer sees the office's people and the job (as the system) all.
/// </summary>
public static class ExpiringPermits
{
    public const int Limit = 500;

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
                      && !permits.Any(o => o.ForeignerId == p.ForeignerId && o.CancelledOn == null && o.ExpiryDate > p.ExpiryDate)
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

    /// <summary>The officers' list for <paramref name="day"/>: soonest first, and the most recently lapsed first.</summary>
    public static async Task<(ExpiryList List, IReadOnlyList<string> Regencies)> ListAsync(PantauDb db, DateOnly day, CancellationToken ct)
    {
        var expiringQ = ExpiringOn(db, day);
        var lapsedQ = LapsedOn(db, day);
        var expiring = await expiringQ.OrderBy(r => r.ExpiryDate).ThenBy(r => r.FullName).Take(Limit).ToListAsync(ct);
        var lapsed = await lapsedQ.OrderByDescending(r => r.ExpiryDate).ThenBy(r => r.FullName).Take(Limit).ToListAsync(ct);
        var permitIds = expiring.Concat(lapsed).Select(r => r.PermitId).ToList();
        var reminders = (await db.PermitReminders.AsNoTracking().Where(r => permitIds.Contains(r.PermitId)).ToListAsync(ct))
            .ToLookup(r => (r.PermitId, r.ExpiryDate));
        ExpiringPermit Item(Row r) => new(r.ForeignerId, r.FullName, r.Nationality, r.VillageCode, r.Type, r.Number, r.ExpiryDate,
            r.ExpiryDate.DayNumber - day.DayNumber, r.Sponsor, r.SponsorPhone,
            reminders[(r.PermitId, r.ExpiryDate)].Select(x => (DateTime?)x.SentAt).FirstOrDefault());
        var list = new ExpiryList(day, StayPermit.ExpiringWithinDays,
            expiring.Count < Limit ? expiring.Count : await expiringQ.CountAsync(ct),
            lapsed.Count < Limit ? lapsed.Count : await lapsedQ.CountAsync(ct),
            Distinct(expiring).Select(Item).ToList(), Distinct(lapsed).Select(Item).ToList());
        return (list, expiring.Concat(lapsed).Select(r => r.RegencyCode).Distinct().ToList());
    }

    // Two permits ending the same day would list a person twice.
    private static IEnumerable<Row> Distinct(IEnumerable<Row> rows) => rows.DistinctBy(r => r.ForeignerId);
}

