using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

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
        if (v.Require("fullName", name.Length > 0, RegistryCodes.FullNameRequired))
            v.Require("fullName", name.Length <= PersonName.MaxLength && !name.Any(char.IsControl) && !name.Contains('<') && !name.Contains('>'),
                RegistryCodes.FullNameAtMost, PersonName.MaxLength);
        v.Require("sex", r.Sex is not null, RegistryCodes.SexRequired);
        if (v.Require("dateOfBirth", r.DateOfBirth is not null, RegistryCodes.DateOfBirthRequired))
            v.Require("dateOfBirth", r.DateOfBirth <= today && r.DateOfBirth >= today.AddYears(-130), RegistryCodes.DateOfBirthRange);
        v.Require("nationality", Nationalities.IsKnown(Nationalities.Normalize(r.Nationality)),
            SharedCodes.NationalityMustISO3166);

        if (r.Passports is not { Count: > 0 }) v.Add("passports", RegistryCodes.PassportRequired);
        else
        {
            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < r.Passports.Count; i++)
            {
                var p = r.Passports[i];
                var f = $"passports[{i}]";
                var number = TravelDocuments.NormalizeNumber(p.Number);
                if (v.Require($"{f}.number", TravelDocuments.IsPassportNumber(number),
                        SharedCodes.PassportNumberHas5))
                    v.Require($"{f}.number", seen.Add((number, Nationalities.Normalize(p.IssuingState))), RegistryCodes.PassportListedTwice);
                v.Require($"{f}.issuingState", Nationalities.IsKnown(Nationalities.Normalize(p.IssuingState)),
                    RegistryCodes.IssuingStateCode);
                if (v.Require($"{f}.expiryDate", p.ExpiryDate is not null, RegistryCodes.ExpiryDateRequired) && r.DateOfBirth is { } dob)
                    v.Require($"{f}.expiryDate", p.ExpiryDate > dob, RegistryCodes.PassportExpiresAfterBirth);
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
                v.Require($"{f}.type", p.Type is not null, RegistryCodes.PermitTypeRequired);
                if (v.Require($"{f}.number", TravelDocuments.IsPermitNumber(number), SharedCodes.PermitNumberHas3))
                    v.Require($"{f}.number", seen.Add(number), RegistryCodes.PermitListedTwice);
                v.Require($"{f}.issueDate", p.IssueDate is not null, RegistryCodes.IssueDateRequired);
                if (v.Require($"{f}.expiryDate", p.ExpiryDate is not null, RegistryCodes.ExpiryDateRequired) && p.IssueDate is not null)
                    v.Require($"{f}.expiryDate", p.ExpiryDate > p.IssueDate, RegistryCodes.PermitExpiresAfterIssue);
                if (p.IssueDate is { } issued && r.DateOfBirth is { } dob)
                    v.Require($"{f}.issueDate", issued >= dob, RegistryCodes.PermitIssuedAfterBirth);
                v.Require($"{f}.purpose", p.Purpose is null || p.Purpose.Length <= 100, RegistryCodes.PurposeAtMost100);
                v.Require($"{f}.sponsor", p.Sponsor is null || p.Sponsor.Length <= 200, RegistryCodes.SponsorAtMost200);
                v.Require($"{f}.sponsorPhone", string.IsNullOrWhiteSpace(p.SponsorPhone) || PhoneNumber.Normalize(p.SponsorPhone) is not null,
                    RegistryCodes.SponsorPhoneIndonesianMobile);
                if (p.Type is PermitType.ITAS or PermitType.ITAP)
                    v.Require($"{f}.sponsor", !string.IsNullOrWhiteSpace(p.Sponsor), RegistryCodes.SponsorRequired);
            }
        }

        if (r.Address is not { } a) v.Add("address", RegistryCodes.AddressRequired);
        else
        {
            if (!RegionCode.IsWellFormed(a.VillageCode) || RegionCode.LevelOf(a.VillageCode!) != RegionLevel.Village)
                v.Add("address.villageCode", SharedCodes.VillageCodeLooksLike);
            else if (!await db.Regions.AnyAsync(x => x.Code == a.VillageCode))
                v.Add("address.villageCode", SharedCodes.ThereNoVillageCode);
            v.Require("address.rw", a.Rw is >= 1 and <= 999, SharedCodes.RwNumber1999);
            v.Require("address.rt", a.Rt is >= 1 and <= 999, SharedCodes.RtNumber1999);
            v.Require("address.street", a.Street is null || a.Street.Length <= 300, RegistryCodes.StreetAtMost300);
            if (a.Since is { } since)
            {
                v.Require("address.since", since <= today, RegistryCodes.ResidenceNotInFuture);
                if (r.DateOfBirth is { } dob) v.Require("address.since", since >= dob, RegistryCodes.ResidenceAfterBirth);
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
                v.Add($"passports[{i}].number", RegistryCodes.PassportOfAnother);
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
                v.Add($"permits[{i}].number", RegistryCodes.PermitOfAnother);
                holders?.Add((t.ForeignerId, t.Regency));
            }
        return v;
    }
}
