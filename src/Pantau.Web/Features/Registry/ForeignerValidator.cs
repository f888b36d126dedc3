using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Registry;

/// <summary>Every field of a <see cref="ForeignerRequest"/>, checked before anything is written.</summary>
public static class ForeignerValidator
{
    /// <param name="holders">Gets the people (id, regency) already holding a passport or permit number of the request,
    /// wherever they are registered: the caller audits that look-up (it tells that they exist).</param>
    public static async Task<Validation> ValidateAsync(ForeignerRequest r, DateOnly today, PantauDb db, Guid? existingId,
        ICollection<(Guid Id, string RegencyCode)>? holders = null)
    {
        var v = new Validation();
        var name = r.FullName is null ? "" : PersonName.Tidy(r.FullName);
        if (v.Require("fullName", name.Length > 0, "The full name is required."))
            v.Require("fullName", name.Length <= PersonName.MaxLength && !name.Any(char.IsControl) && !name.Contains('<') && !name.Contains('>'),
                $"The full name is at most {PersonName.MaxLength} characters, without markup.");
        v.Require("sex", r.Sex is not null, "Sex is required (Female or Male).");
        if (v.Require("dateOfBirth", r.DateOfBirth is not null, "The date of birth is required."))
            v.Require("dateOfBirth", r.DateOfBirth <= today && r.DateOfBirth >= today.AddYears(-130), "The date of birth must be in the past 130 years.");
        v.Require("nationality", Nationalities.IsKnown(Nationalities.Normalize(r.Nationality)),
            "The nationality must be an ISO 3166-1 alpha-3 code such as CHN or JPN.");

        if (r.Passports is not { Count: > 0 }) v.Add("passports", "At least one passport is required.");
        else
        {
            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < r.Passports.Count; i++)
            {
                var p = r.Passports[i];
                var f = $"passports[{i}]";
                var number = TravelDocuments.NormalizeNumber(p.Number);
                if (v.Require($"{f}.number", TravelDocuments.IsPassportNumber(number),
                        "A passport number has 5 to 9 letters A–Z and digits (ICAO 9303)."))
                    v.Require($"{f}.number", seen.Add((number, Nationalities.Normalize(p.IssuingState))), "This passport is listed twice.");
                v.Require($"{f}.issuingState", Nationalities.IsKnown(Nationalities.Normalize(p.IssuingState)),
                    "The issuing state must be an ISO 3166-1 alpha-3 code.");
                if (v.Require($"{f}.expiryDate", p.ExpiryDate is not null, "The expiry date is required.") && r.DateOfBirth is { } dob)
                    v.Require($"{f}.expiryDate", p.ExpiryDate > dob, "A passport expires after its holder was born.");
            }
        }

        if (r.Permits is { Count: > 0 })
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < r.Permits.Count; i++)
            {
                var p = r.Permits[i];
                var f = $"permits[{i}]";
                var number = TravelDocuments.NormalizeNumber(p.Number);
                v.Require($"{f}.type", p.Type is not null, "The permit type is required (ITK, ITAS, ITAP, Diplomatic, Service).");
                if (v.Require($"{f}.number", TravelDocuments.IsPermitNumber(number), "A permit number has 3 to 40 letters, digits, '-', '/' or '.'."))
                    v.Require($"{f}.number", seen.Add(number), "This permit is listed twice.");
                v.Require($"{f}.issueDate", p.IssueDate is not null, "The issue date is required.");
                if (v.Require($"{f}.expiryDate", p.ExpiryDate is not null, "The expiry date is required.") && p.IssueDate is not null)
                    v.Require($"{f}.expiryDate", p.ExpiryDate > p.IssueDate, "A permit expires after it is issued.");
                if (p.IssueDate is { } issued && r.DateOfBirth is { } dob)
                    v.Require($"{f}.issueDate", issued >= dob, "A permit is issued after its holder was born.");
                v.Require($"{f}.purpose", p.Purpose is null || p.Purpose.Length <= 100, "The purpose is at most 100 characters.");
                v.Require($"{f}.sponsor", p.Sponsor is null || p.Sponsor.Length <= 200, "The sponsor is at most 200 characters.");
                v.Require($"{f}.sponsorPhone", string.IsNullOrWhiteSpace(p.SponsorPhone) || PhoneNumber.Normalize(p.SponsorPhone) is not null,
                    "The sponsor's phone is an Indonesian mobile number such as 0812 3456 7890.");
                if (p.Type is PermitType.ITAS or PermitType.ITAP)
                    v.Require($"{f}.sponsor", !string.IsNullOrWhiteSpace(p.Sponsor), "An ITAS or ITAP has a sponsor (penjamin).");
            }
        }

        if (r.Address is not { } a) v.Add("address", "The residence address is required.");
        else
        {
            if (!RegionCode.IsWellFormed(a.VillageCode) || RegionCode.LevelOf(a.VillageCode!) != RegionLevel.Village)
                v.Add("address.villageCode", "A village code looks like 31.74.02.1001.");
            else if (!await db.Regions.AnyAsync(x => x.Code == a.VillageCode))
                v.Add("address.villageCode", "There is no village with this code.");
            v.Require("address.rw", a.Rw is >= 1 and <= 999, "RW is a number from 1 to 999.");
            v.Require("address.rt", a.Rt is >= 1 and <= 999, "RT is a number from 1 to 999.");
            v.Require("address.street", a.Street is null || a.Street.Length <= 300, "The street address is at most 300 characters.");
            if (a.Since is { } since)
            {
                v.Require("address.since", since <= today, "A residence cannot start in the future.");
                if (r.DateOfBirth is { } dob) v.Require("address.since", since >= dob, "A residence starts after its resident was born.");
            }
        }

        if (!v.IsValid) return v;
        // Numbers are unique across the registry, including records the caller cannot see: say so without naming them,
        // and hand the holders to the caller, whose audit entry names them and their offices (the answer is a look-up).
        var passportNumbers = r.Passports!.Select(p => TravelDocuments.NormalizeNumber(p.Number)).ToList();
        var taken = await db.Passports.Nationally("a passport number is unique across the registry")
            .Where(p => passportNumbers.Contains(p.Number) && p.ForeignerId != existingId)
            .Select(p => new { p.Number, p.IssuingState, p.ForeignerId, Regency = db.Foreigners.Where(f => f.Id == p.ForeignerId).Select(f => f.RegencyCode).First() })
            .ToListAsync();
        for (var i = 0; i < r.Passports!.Count; i++)
            foreach (var t in taken.Where(t => t.Number == passportNumbers[i] && t.IssuingState == Nationalities.Normalize(r.Passports[i].IssuingState)))
            {
                v.Add($"passports[{i}].number", "This passport belongs to another registered person.");
                holders?.Add((t.ForeignerId, t.Regency));
            }
        var permitNumbers = (r.Permits ?? []).Select(p => TravelDocuments.NormalizeNumber(p.Number)).ToList();
        var takenPermits = await db.StayPermits.Nationally("a permit number is unique across the registry")
            .Where(p => permitNumbers.Contains(p.Number) && p.ForeignerId != existingId)
            .Select(p => new { p.Number, p.ForeignerId, Regency = db.Foreigners.Where(f => f.Id == p.ForeignerId).Select(f => f.RegencyCode).First() })
            .ToListAsync();
        for (var i = 0; i < permitNumbers.Count; i++)
            foreach (var t in takenPermits.Where(t => t.Number == permitNumbers[i]))
            {
                v.Add($"permits[{i}].number", "This permit belongs to another registered person.");
                holders?.Add((t.ForeignerId, t.Regency));
            }
        return v;
    }
}
