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
    public static ForeignerResponse ToResponse(this Foreigner f, DateOnly today, IReadOnlyDictionary<string, string> regionNames)
    {
        var current = f.CurrentPermit;
        return new(f.Id, f.FullName, f.Sex, f.DateOfBirth, f.Nationality, f.Status,
            f.Passports.OrderByDescending(p => p.ExpiryDate).Select(p => new PassportResponse(p.Number, p.IssuingState, p.ExpiryDate, p.ExpiryDate < today)).ToList(),
            f.Permits.OrderByDescending(p => p.ExpiryDate).Select(p => p.ToResponse(today)).ToList(),
            current?.ToResponse(today),
            f.CurrentAddress?.ToResponse(regionNames),
            f.Addresses.OrderByDescending(a => a.Since).Select(a => a.ToResponse(regionNames)).ToList(),
            f.Version, DateTime.SpecifyKind(f.CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(f.UpdatedAt, DateTimeKind.Utc));
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
