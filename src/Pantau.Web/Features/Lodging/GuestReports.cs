using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Lodging;

/// <summary>A guest's check-in as the form or the API sends it.</summary>
public sealed record CheckInRequest(string? PassportNumber, string? Nationality, string? GuestName, string? Room, DateOnly? CheckIn,
    DateOnly? PlannedCheckOut);

public sealed record CheckOutRequest(DateOnly? CheckOutDate);

/// <summary>What a lodging reported, for the lodging itself: no word from the registry about the guest.</summary>
public sealed record StayResponse(Guid Id, string PassportNumber, string Nationality, string? GuestName, string Room, DateOnly CheckIn,
    DateOnly? PlannedCheckOut, DateOnly? CheckedOutOn, StaySource Source, DateTime ReportedAt);

/// <summary>
/// A lodging's guest reports, the same from the API and the pages: checks a report, then records it after the
/// national lookup of the passport (audited), raising the flags for the office's queue in the same transaction.
/// </summary>
public static class GuestReports
{
    public const string AuditAction = "guest-check";

    public static Validation Check(CheckInRequest r, DateOnly today, out GuestReport? report) =>
        Check(r.PassportNumber, r.Nationality, r.GuestName, r.Room, r.CheckIn, r.PlannedCheckOut, null, today, out report);

    public static Validation Check(string? passportNumber, string? nationality, string? guestName, string? room, DateOnly? checkIn,
        DateOnly? plannedCheckOut, DateOnly? checkOut, DateOnly today, out GuestReport? report)
    {
        var v = new Validation();
        var passport = TravelDocuments.NormalizeNumber(passportNumber);
        var nat = Nationalities.Normalize(nationality);
        var name = string.IsNullOrWhiteSpace(guestName) ? null : PersonName.Tidy(guestName);
        var unit = room?.Trim() ?? "";
        v.Require("passportNumber", TravelDocuments.IsPassportNumber(passport), SharedCodes.PassportNumberHas5);
        v.Require("nationality", Nationalities.IsKnown(nat), SharedCodes.NationalityMustISO3166);
        v.Require("guestName", name is null || (name.Length <= PersonName.MaxLength && !name.Any(char.IsControl) && !name.Contains('<') && !name.Contains('>')),
            LodgingCodes.GuestNameMost200);
        v.Require("room", unit.Length is > 0 and <= GuestStay.MaxRoom && !unit.Any(char.IsControl), LodgingCodes.RoomUnitRequiredMost);
        if (v.Require("checkIn", checkIn is not null, LodgingCodes.CheckDateRequired))
        {
            // Tomorrow too: a lodging in Indonesia (UTC+7 to +9) is a day ahead of UTC for part of the day.
            v.Require("checkIn", checkIn <= today.AddDays(1) && checkIn >= today.AddYears(-1), LodgingCodes.CheckDateWithinPast);
            if (plannedCheckOut is not null)
                v.Require("plannedCheckOut", plannedCheckOut >= checkIn && plannedCheckOut <= checkIn.Value.AddYears(2),
                    LodgingCodes.PlannedCheckOutAfter);
            if (checkOut is not null)
                v.Require("checkOut", checkOut >= checkIn && checkOut <= today.AddDays(1), LodgingCodes.CheckOutDateAfter);
        }
        report = v.IsValid ? new GuestReport(passport, nat, name, unit, checkIn!.Value, plannedCheckOut, checkOut) : null;
        return v;
    }

    public static Validation CheckOutDate(GuestStay stay, DateOnly? on, DateOnly today)
    {
        var v = new Validation();
        if (v.Require("checkOutDate", on is not null, LodgingCodes.CheckOutDateRequired))
            v.Require("checkOutDate", on >= stay.CheckIn && on <= today.AddDays(1), LodgingCodes.CheckOutDateAfter);
        return v;
    }

    /// <summary>The lodging's stay by id; null when it is another lodging's (which, for this lodging, does not exist).</summary>
    public static Task<GuestStay?> FindOwnAsync(PantauDb db, Lodging lodging, Guid id, CancellationToken ct) =>
        db.GuestStays.FirstOrDefaultAsync(s => s.Id == id && s.LodgingId == lodging.Id, ct);

    /// <summary>The stay already reported for this guest and check-in day, if any (a retried form).</summary>
    public static Task<GuestStay?> FindSameAsync(PantauDb db, Lodging lodging, GuestReport r, CancellationToken ct) =>
        db.GuestStays.FirstOrDefaultAsync(s => s.LodgingId == lodging.Id && s.PassportNumber == r.PassportNumber && s.CheckIn == r.CheckIn, ct);

    /// <summary>
    /// Looks the stays' guests up across the country (the registry's scope does not apply: a guest may be recorded
    /// anywhere), matches each stay to its person, raises the flags not raised yet, and saves stays, flags and the
    /// audit entry of the lookup in one transaction.
    /// </summary>
    public static async Task SaveCheckedAsync(PantauDb db, Auditor audit, Lodging lodging, IReadOnlyCollection<GuestStay> stays, DateTime now,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var people = await LookUpAsync(db, stays.Select(s => s.PassportNumber).Distinct().ToList(), ct);
        var ids = stays.Select(s => s.Id).ToList();
        var raised = (await db.LodgingFlags.Where(f => ids.Contains(f.StayId)).Select(f => new { f.StayId, f.Reason }).ToListAsync(ct))
            .Select(f => (f.StayId, f.Reason)).ToHashSet();
        var matched = new List<Foreigner>();
        foreach (var stay in stays)
        {
            var person = people.FirstOrDefault(p => p.Passports.Any(x => x.Number == stay.PassportNumber && x.IssuingState == stay.Nationality));
            stay.MatchedTo(person?.Id);
            if (person is not null) matched.Add(person);
            foreach (var reason in GuestCheck.Assess(person, stay, today))
                if (raised.Add((stay.Id, reason)))
                    db.LodgingFlags.Add(new LodgingFlag(stay, reason, person?.CurrentPermit?.ExpiryDate, now));
        }
        var what = stays.Count == 1 ? $"passport={stays.First().PassportNumber}" : $"{stays.Count} guests";
        await audit.SaveAsync(db, new AuditRecord(AuditAction, RegistryQueries.RecordType, matched.Select(p => p.Id).Distinct().ToList(),
            matched.Select(p => p.RegencyCode).Distinct().ToList(), $"lodging guest report by {lodging.Name} ({what})"), ct);
    }

    // The national lookup, as field checks do it: by number, past the caller's scope (a lodging account has none).
    private static async Task<List<Foreigner>> LookUpAsync(PantauDb db, List<string> numbers, CancellationToken ct)
    {
        var people = new List<Foreigner>();
        foreach (var chunk in numbers.Chunk(500))
        {
            var holders = db.Passports.Where(p => chunk.Contains(p.Number)).Select(p => p.ForeignerId);
            people.AddRange(await db.Foreigners.Nationally("a lodging guest is looked up across the country by passport").AsNoTracking().Where(f => holders.Contains(f.Id))
                .Include(f => f.Passports).Include(f => f.Permits).AsSplitQuery().ToListAsync(ct));
        }
        return people;
    }

    public static StayResponse ToResponse(this GuestStay s) =>
        new(s.Id, s.PassportNumber, s.Nationality, s.GuestName, s.Room, s.CheckIn, s.PlannedCheckOut, s.CheckedOutOn, s.Source,
            s.ReportedAt);

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
