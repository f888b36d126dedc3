namespace Pantau.Web.Features.Registry;

public sealed record PassportDto(string? Number, string? IssuingState, DateOnly? ExpiryDate);
public sealed record PermitDto(PermitType? Type, string? Number, DateOnly? IssueDate, DateOnly? ExpiryDate, string? Purpose, string? Sponsor,
    string? SponsorPhone = null);
public sealed record AddressDto(string? VillageCode, int? Rw, int? Rt, string? Street, DateOnly? Since);

/// <summary>The whole person as an officer enters it; PUT replaces passports and permits with these lists.</summary>
public sealed record ForeignerRequest(
    string? FullName,
    Sex? Sex,
    DateOnly? DateOfBirth,
    string? Nationality,
    ResidentStatus? Status,
    List<PassportDto>? Passports,
    List<PermitDto>? Permits,
    AddressDto? Address,
    int? Version);

public sealed record PassportResponse(string Number, string IssuingState, DateOnly ExpiryDate, bool Expired);
public sealed record PermitResponse(Guid Id, PermitType Type, string Number, DateOnly IssueDate, DateOnly ExpiryDate, string? Purpose,
    string? Sponsor, PermitStatus Status, string? SponsorPhone);
public sealed record AddressResponse(string VillageCode, string? VillageName, string DistrictCode, string? DistrictName,
    string RegencyCode, string? RegencyName, string ProvinceCode, string? ProvinceName, int Rw, int Rt, string? Street,
    DateOnly Since, DateOnly? Until);

public sealed record ForeignerResponse(
    Guid Id, string FullName, Sex Sex, DateOnly DateOfBirth, string Nationality, ResidentStatus Status,
    IReadOnlyList<PassportResponse> Passports, IReadOnlyList<PermitResponse> Permits, PermitResponse? CurrentPermit,
    AddressResponse? Address, IReadOnlyList<AddressResponse> AddressHistory, int Version, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ForeignerSummary(Guid Id, string FullName, Sex Sex, DateOnly DateOfBirth, string Nationality, ResidentStatus Status,
    string? PassportNumber, PermitType? PermitType, string? PermitNumber, DateOnly? PermitExpiry, PermitStatus? PermitStatus,
    string VillageCode, int Rw, int Rt);

public sealed record ForeignerPage(IReadOnlyList<ForeignerSummary> Items, int Page, int PageSize, int Total);

public static class ForeignerMapping
{
    /// <summary>Makes the person what a valid request says (also the central database's full records, in Sync).</summary>
    public static void Apply(this Foreigner f, ForeignerRequest req, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        if (req.Status is { } status) f.SetStatus(status, now);
        var passports = req.Passports!.Select(p => (Number: TravelDocuments.NormalizeNumber(p.Number), State: Nationalities.Normalize(p.IssuingState), p.ExpiryDate!.Value)).ToList();
        f.KeepOnlyPassports(passports.Select(p => (p.Number, p.State)));
        foreach (var p in passports) f.RecordPassport(p.Number, p.State, p.Value, now);
        var permits = (req.Permits ?? []).Select(p => (Number: TravelDocuments.NormalizeNumber(p.Number), p)).ToList();
        f.KeepOnlyPermits(permits.Select(p => p.Number));
        foreach (var (number, p) in permits)
        {
            f.RecordPermit(p.Type!.Value, number, p.IssueDate!.Value, p.ExpiryDate!.Value, p.Purpose?.Trim(), p.Sponsor?.Trim(), now);
            f.Permits.First(x => x.Number == number).SponsorPhone = PhoneNumber.Normalize(p.SponsorPhone);
        }
        var a = req.Address!;
        f.MoveTo(a.VillageCode!, a.Rw!.Value, a.Rt!.Value, string.IsNullOrWhiteSpace(a.Street) ? null : a.Street.Trim(), a.Since ?? today, now);
    }

    public static ForeignerResponse ToResponse(this Foreigner f, DateOnly today, IReadOnlyDictionary<string, string> regionNames)
    {
        var current = f.CurrentPermit;
        return new(f.Id, f.FullName, f.Sex, f.DateOfBirth, f.Nationality, f.Status,
            f.Passports.OrderByDescending(p => p.ExpiryDate).Select(p => new PassportResponse(p.Number, p.IssuingState, p.ExpiryDate, p.ExpiryDate < today)).ToList(),
            f.Permits.OrderByDescending(p => p.ExpiryDate).Select(p => p.ToResponse(today)).ToList(),
            current?.ToResponse(today),
            f.CurrentAddress?.ToResponse(regionNames),
            f.Addresses.OrderByDescending(a => a.Since).Select(a => a.ToResponse(regionNames)).ToList(),
            f.Version, f.CreatedAt, f.UpdatedAt);
    }

    public static PermitResponse ToResponse(this StayPermit p, DateOnly today) =>
        new(p.Id, p.Type, p.Number, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.StatusOn(today), p.SponsorPhone);

    public static AddressResponse ToResponse(this ResidenceAddress a, IReadOnlyDictionary<string, string> names) =>
        new(a.VillageCode, names.GetValueOrDefault(a.VillageCode), a.VillageCode[..8], names.GetValueOrDefault(a.VillageCode[..8]),
            a.VillageCode[..5], names.GetValueOrDefault(a.VillageCode[..5]), a.VillageCode[..2], names.GetValueOrDefault(a.VillageCode[..2]),
            a.Rw, a.Rt, a.Street, a.Since, a.Until);

    /// <summary>Every region code an address list touches, at every level, for one name lookup.</summary>
    public static IEnumerable<string> RegionCodes(this Foreigner f) =>
        f.Addresses.SelectMany(a => new[] { a.VillageCode, a.VillageCode[..8], a.VillageCode[..5], a.VillageCode[..2] }).Distinct();
}
