using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// The checks a central record or event must pass before it touches the registry, without the database (the batch
/// looks up villages and document holders once for all its events). Each answers the first problem found, or null.
/// The rules are the registry's own (<see cref="ForeignerValidator"/>), as a dead-letter reason (<see cref="SyncReason"/>).
/// </summary>
public static class CentralRecordRules
{
    public static SyncReason? Person(ForeignerRequest? r, DateOnly today)
    {
        if (r is null) return new("person", SyncCodes.ReasonFullRecordMissing);
        var name = r.FullName is null ? "" : PersonName.Tidy(r.FullName);
        if (name.Length == 0) return new("fullName", SyncCodes.ReasonRequired);
        if (name.Length > PersonName.MaxLength || name.Any(char.IsControl) || name.Contains('<') || name.Contains('>'))
            return new("fullName", SyncCodes.ReasonNameForm, PersonName.MaxLength);
        if (r.Sex is null) return new("sex", SyncCodes.ReasonRequiredOneOf, Choices<Sex>());
        if (r.DateOfBirth is not { } dob) return new("dateOfBirth", SyncCodes.ReasonRequired);
        if (dob > today || dob < today.AddYears(-130)) return new("dateOfBirth", SyncCodes.ReasonPast130);
        if (!Nationalities.IsKnown(Nationalities.Normalize(r.Nationality))) return new("nationality", SyncCodes.ReasonCountry);
        if (r.Passports is not { Count: > 0 }) return new("passports", SyncCodes.ReasonOnePassport);
        var seen = new HashSet<(string, string)>();
        foreach (var p in r.Passports)
        {
            if (Passport(p, dob) is { } problem) return problem;
            if (!seen.Add((TravelDocuments.NormalizeNumber(p.Number), Nationalities.Normalize(p.IssuingState))))
                return new("passports", SyncCodes.ReasonListedTwice);
        }
        var permits = new HashSet<string>();
        foreach (var p in r.Permits ?? [])
        {
            if (Permit(p, dob) is { } problem) return problem;
            if (!permits.Add(TravelDocuments.NormalizeNumber(p.Number))) return new("permits", SyncCodes.ReasonListedTwice);
        }
        return Address(r.Address, today, dob);
    }

    public static SyncReason? Passport(PassportDto? p, DateOnly? dateOfBirth)
    {
        if (p is null) return new("passport", SyncCodes.ReasonMissing);
        if (!TravelDocuments.IsPassportNumber(TravelDocuments.NormalizeNumber(p.Number)))
            return new("passport.number", SyncCodes.ReasonPassportNumber);
        if (!Nationalities.IsKnown(Nationalities.Normalize(p.IssuingState))) return new("passport.issuingState", SyncCodes.ReasonCountry);
        if (p.ExpiryDate is not { } expiry) return new("passport.expiryDate", SyncCodes.ReasonRequired);
        if (dateOfBirth is { } dob && expiry <= dob) return new("passport.expiryDate", SyncCodes.ReasonBeforeBirth);
        return null;
    }

    public static SyncReason? Permit(PermitDto? p, DateOnly? dateOfBirth)
    {
        if (p is null) return new("permit", SyncCodes.ReasonMissing);
        if (p.Type is null) return new("permit.type", SyncCodes.ReasonRequiredOneOf, Choices<PermitType>());
        if (!TravelDocuments.IsPermitNumber(TravelDocuments.NormalizeNumber(p.Number)))
            return new("permit.number", SyncCodes.ReasonPermitNumber);
        if (p.IssueDate is not { } issued) return new("permit.issueDate", SyncCodes.ReasonRequired);
        if (p.ExpiryDate is not { } expiry) return new("permit.expiryDate", SyncCodes.ReasonRequired);
        if (expiry <= issued) return new("permit.expiryDate", SyncCodes.ReasonExpiresAfterIssue);
        if (dateOfBirth is { } dob && issued < dob) return new("permit.issueDate", SyncCodes.ReasonBeforeBirth);
        if (p.Purpose is { Length: > 100 }) return new("permit.purpose", SyncCodes.ReasonAtMost, 100);
        if (p.Sponsor is { Length: > 200 }) return new("permit.sponsor", SyncCodes.ReasonAtMost, 200);
        if (p.Type is PermitType.ITAS or PermitType.ITAP && string.IsNullOrWhiteSpace(p.Sponsor))
            return new("permit.sponsor", SyncCodes.ReasonSponsorRequired);
        return null;
    }

    /// <summary>The form of an address; whether the village exists is the batch's lookup.</summary>
    public static SyncReason? Address(AddressDto? a, DateOnly today, DateOnly? dateOfBirth)
    {
        if (a is null) return new("address", SyncCodes.ReasonMissing);
        if (!RegionCode.IsWellFormed(a.VillageCode) || RegionCode.LevelOf(a.VillageCode!) != RegionLevel.Village)
            return new("address.villageCode", SyncCodes.ReasonVillageForm);
        if (a.Rw is not (>= 1 and <= 999)) return new("address.rw", SyncCodes.ReasonRange, 1, 999);
        if (a.Rt is not (>= 1 and <= 999)) return new("address.rt", SyncCodes.ReasonRange, 1, 999);
        if (a.Street is { Length: > 300 }) return new("address.street", SyncCodes.ReasonAtMost, 300);
        if (a.Since is { } since && since > today) return new("address.since", SyncCodes.ReasonFuture);
        if (a.Since is { } s && dateOfBirth is { } dob && s < dob) return new("address.since", SyncCodes.ReasonBeforeBirth);
        return null;
    }

    /// <summary>An enum's names as a central system writes them: "ITK, ITAS, ITAP, Diplomatic, Service".</summary>
    public static string Choices<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());
}
