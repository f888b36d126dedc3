using Microsoft.AspNetCore.Identity;

namespace Pantau.Web.Features.Access;

/// <summary>The roles of PRODUCT.md. The order matters nowhere; the names are the API's words.</summary>
public enum StaffRole
{
    NationalAdmin,
    RegionalDivision,
    OfficeHead,
    OfficeAdmin,
    Officer,
    Partner,
    NeighbourhoodHead,

    /// <summary>A hotel, guest house or landlord reporting its foreign guests (its own <c>Lodging</c> record, nothing else).</summary>
    Lodging,
}

/// <summary>A staff or partner account. Its role and scope live here, not in tokens, so a change applies at once.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = "";
    public StaffRole Role { get; private set; }

    /// <summary>The office the account works for (immigration roles) or is managed by (partners, RT/RW heads).</summary>
    public int? OfficeId { get; private set; }

    /// <summary>Regional division (Kanwil) accounts: their province.</summary>
    public string? ProvinceCode { get; private set; }

    /// <summary>Partner agencies: their kecamatan codes, comma-separated.</summary>
    public string? DistrictCodes { get; private set; }

    /// <summary>RT/RW heads: their village and RW, and RT for an RT head.</summary>
    public string? VillageCode { get; private set; }
    public int? Rw { get; private set; }
    public int? Rt { get; private set; }

    public bool IsDisabled { get; private set; }
    public DateTime CreatedAt { get; init; }

    public IReadOnlyList<string> Districts =>
        string.IsNullOrEmpty(DistrictCodes) ? [] : DistrictCodes.Split(',');

    public StaffUser() => Id = Guid.CreateVersion7();

    /// <summary>Sets role and scope together; the caller has checked them with <see cref="StaffScopeRules"/>.</summary>
    public void AssignScope(StaffScopeAssignment a)
    {
        Role = a.Role;
        OfficeId = a.OfficeId;
        ProvinceCode = a.ProvinceCode;
        DistrictCodes = a.DistrictCodes is { Count: > 0 } d ? string.Join(',', d.Distinct().Order()) : null;
        VillageCode = a.VillageCode;
        Rw = a.Rw;
        Rt = a.Rt;
    }

    public void Disable() => IsDisabled = true;
    public void Enable() => IsDisabled = false;

    public StaffScopeAssignment CurrentAssignment =>
        new(Role, OfficeId, ProvinceCode, Districts, VillageCode, Rw, Rt);
}

public sealed record StaffScopeAssignment(
    StaffRole Role,
    int? OfficeId,
    string? ProvinceCode,
    IReadOnlyList<string>? DistrictCodes,
    string? VillageCode,
    int? Rw,
    int? Rt);
