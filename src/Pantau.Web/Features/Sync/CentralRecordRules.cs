using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// The checks a central record or event must pass before it touches the registry, without the database (the batch
/// looks up villages and document holders once for all its events). Each answers the first problem found, or null.
/// The rules are the registry's own (<see cref="ForeignerValidator"/>), in the words of a dead-letter reason.
/// </summary>
public static class CentralRecordRules
{
    public static string? Person(ForeignerRequest? r, DateOnly today)
    {
        if (r is null) return "person: the full record is missing";
        var name = r.FullName is null ? "" : PersonName.Tidy(r.FullName);
        if (name.Length == 0) return "fullName: required";
        if (name.Length > PersonName.MaxLength || name.Any(char.IsControl) || name.Contains('<') || name.Contains('>'))
            return $"fullName: at most {PersonName.MaxLength} characters, without markup";
        if (r.Sex is null) return "sex: required (Female or Male)";
        if (r.DateOfBirth is not { } dob) return "dateOfBirth: required";
        if (dob > today || dob < today.AddYears(-130)) return "dateOfBirth: must be in the past 130 years";
        if (!Nationalities.IsKnown(Nationalities.Normalize(r.Nationality))) return "nationality: not an ISO 3166-1 alpha-3 code";
        if (r.Passports is not { Count: > 0 }) return "passports: at least one passport is required";
        var seen = new HashSet<(string, string)>();
        foreach (var p in r.Passports)
        {
            if (Passport(p, dob) is { } problem) return problem;
            if (!seen.Add((TravelDocuments.NormalizeNumber(p.Number), Nationalities.Normalize(p.IssuingState))))
                return "passports: a passport is listed twice";
        }
        var permits = new HashSet<string>();
        foreach (var p in r.Permits ?? [])
        {
            if (Permit(p, dob) is { } problem) return problem;
            if (!permits.Add(TravelDocuments.NormalizeNumber(p.Number))) return "permits: a permit is listed twice";
        }
        return Address(r.Address, today, dob);
    }

    public static string? Passport(PassportDto? p, DateOnly? dateOfBirth)
    {
        if (p is null) return "passport: missing";
        if (!TravelDocuments.IsPassportNumber(TravelDocuments.NormalizeNumber(p.Number)))
            return "passport.number: 5 to 9 letters A–Z and digits (ICAO 9303)";
        if (!Nationalities.IsKnown(Nationalities.Normalize(p.IssuingState))) return "passport.issuingState: not an ISO 3166-1 alpha-3 code";
        if (p.ExpiryDate is not { } expiry) return "passport.expiryDate: required";
        if (dateOfBirth is { } dob && expiry <= dob) return "passport.expiryDate: before the holder was born";
        return null;
    }

    public static string? Permit(PermitDto? p, DateOnly? dateOfBirth)
    {
        if (p is null) return "permit: missing";
        if (p.Type is null) return "permit.type: required (ITK, ITAS, ITAP, Diplomatic, Service)";
        if (!TravelDocuments.IsPermitNumber(TravelDocuments.NormalizeNumber(p.Number)))
            return "permit.number: 3 to 40 letters, digits, '-', '/' or '.'";
        if (p.IssueDate is not { } issued) return "permit.issueDate: required";
        if (p.ExpiryDate is not { } expiry) return "permit.expiryDate: required";
        if (expiry <= issued) return "permit.expiryDate: a permit expires after it is issued";
        if (dateOfBirth is { } dob && issued < dob) return "permit.issueDate: before the holder was born";
        if (p.Purpose is { Length: > 100 }) return "permit.purpose: at most 100 characters";
        if (p.Sponsor is { Length: > 200 }) return "permit.sponsor: at most 200 characters";
        if (p.Type is PermitType.ITAS or PermitType.ITAP && string.IsNullOrWhiteSpace(p.Sponsor))
            return "permit.sponsor: an ITAS or ITAP has a sponsor (penjamin)";
        return null;
    }

    /// <summary>The form of an address; whether the village exists is the batch's lookup.</summary>
    public static string? Address(AddressDto? a, DateOnly today, DateOnly? dateOfBirth)
    {
        if (a is null) return "address: missing";
        if (!RegionCode.IsWellFormed(a.VillageCode) || RegionCode.LevelOf(a.VillageCode!) != RegionLevel.Village)
            return "address.villageCode: a village code looks like 31.74.02.1001";
        if (a.Rw is not (>= 1 and <= 999)) return "address.rw: a number from 1 to 999";
        if (a.Rt is not (>= 1 and <= 999)) return "address.rt: a number from 1 to 999";
        if (a.Street is { Length: > 300 }) return "address.street: at most 300 characters";
        if (a.Since is { } since && since > today) return "address.since: in the future";
        if (a.Since is { } s && dateOfBirth is { } dob && s < dob) return "address.since: before the resident was born";
        return null;
    }
}
