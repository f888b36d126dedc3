using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Access;

/// <summary>Which role and scope an admin may give an account; the fields that do not fit the role must be empty.</summary>
public static class StaffScopeRules
{
    /// <summary>
    /// Who manages which accounts (ADR 006), the one table behind every account change: an admin creates accounts of,
    /// rescopes accounts from and to, disables, enables and resets the password of exactly the roles in its row (an
    /// office admin: in its own office only), and never its own account. Office heads, office admins and regional
    /// accounts are the national admin's to give; a lodging's account comes with its registration, no one else's.
    /// </summary>
    public static readonly IReadOnlyDictionary<StaffRole, StaffRole[]> Manages = new Dictionary<StaffRole, StaffRole[]>
    {
        [StaffRole.NationalAdmin] =
        [
            StaffRole.NationalAdmin, StaffRole.RegionalDivision, StaffRole.OfficeHead, StaffRole.OfficeAdmin, StaffRole.Officer,
            StaffRole.Partner, StaffRole.NeighbourhoodHead,
        ],
        [StaffRole.OfficeAdmin] = [StaffRole.Officer, StaffRole.Partner, StaffRole.NeighbourhoodHead],
    };

    public static bool MayManage(StaffRole admin, StaffRole role) => Manages.TryGetValue(admin, out var roles) && roles.Contains(role);

    public static async Task<Validation> CheckAsync(StaffUser admin, StaffScopeAssignment a, PantauDb db)
    {
        var v = new Validation();
        var national = admin.Role == StaffRole.NationalAdmin;
        if (a.Role == StaffRole.Lodging) v.Add("role", AccessCodes.LodgingAccountComesRegistration);
        else if (!MayManage(admin.Role, a.Role)) v.Add("role", AccessCodes.OnlyNationalAdminGives);

        var officeRole = a.Role is StaffRole.OfficeHead or StaffRole.OfficeAdmin or StaffRole.Officer;
        if (officeRole || a.OfficeId is not null)
        {
            if (a.OfficeId is not { } officeId) v.Add("officeId", AccessCodes.OfficeRequiredRole);
            else if (!national && officeId != admin.OfficeId) v.Add("officeId", AccessCodes.YouManageAccountsOwn);
            else if (!await db.Offices.AnyAsync(o => o.Id == officeId)) v.Add("officeId", SharedCodes.ThereNoSuchOffice);
        }
        if (a.Role is StaffRole.NationalAdmin && a.OfficeId is not null) v.Add("officeId", AccessCodes.NationalAdminHasNo);

        if (a.Role == StaffRole.RegionalDivision)
        {
            if (!await IsRegionAsync(db, a.ProvinceCode, RegionLevel.Province)) v.Add("provinceCode", AccessCodes.ProvinceCodeSuch36);
        }
        else if (a.ProvinceCode is not null) v.Add("provinceCode", AccessCodes.OnlyRegionalDivisionHas);

        var jurisdiction = !national && admin.OfficeId is { } own
            ? await db.OfficeJurisdictions.Where(j => j.OfficeId == own).Select(j => j.RegencyCode).ToListAsync()
            : null;

        if (a.Role == StaffRole.Partner)
        {
            if (a.DistrictCodes is not { Count: > 0 }) v.Add("districtCodes", AccessCodes.LeastOneKecamatanCode);
            else
                for (var i = 0; i < a.DistrictCodes.Count; i++)
                {
                    var d = a.DistrictCodes[i];
                    if (!await IsRegionAsync(db, d, RegionLevel.District)) v.Add($"districtCodes[{i}]", AccessCodes.ThereNoSuchKecamatan);
                    else if (jurisdiction is not null && !jurisdiction.Contains(d[..5])) v.Add($"districtCodes[{i}]", AccessCodes.KecamatanOutsideOfficeJurisdiction);
                }
        }
        else if (a.DistrictCodes is { Count: > 0 }) v.Add("districtCodes", AccessCodes.OnlyPartnerAgencyHas);

        if (a.Role == StaffRole.NeighbourhoodHead)
        {
            if (!await IsRegionAsync(db, a.VillageCode, RegionLevel.Village)) v.Add("villageCode", AccessCodes.ThereNoSuchVillage);
            else if (jurisdiction is not null && !jurisdiction.Contains(a.VillageCode![..5])) v.Add("villageCode", AccessCodes.VillageOutsideOfficeJurisdiction);
            if (a.Rw is not (>= 1 and <= 999)) v.Add("rw", SharedCodes.RwNumber1999);
            if (a.Rt is not null and not (>= 1 and <= 999)) v.Add("rt", SharedCodes.RtNumber1999);
        }
        else
        {
            if (a.VillageCode is not null) v.Add("villageCode", AccessCodes.OnlyRTRWHead);
            if (a.Rw is not null) v.Add("rw", AccessCodes.OnlyRTRWHead2);
            if (a.Rt is not null) v.Add("rt", AccessCodes.OnlyRTHeadHas);
        }
        return v;
    }

    private static async Task<bool> IsRegionAsync(PantauDb db, string? code, RegionLevel level) =>
        RegionCode.IsWellFormed(code) && RegionCode.LevelOf(code!) == level && await db.Regions.AnyAsync(r => r.Code == code);

    /// <summary>
    /// The accounts an admin manages (<see cref="Manages"/>): for the national admin every account but lodgings', for an
    /// office admin its office's accounts of the roles in its row. Never the admin's own: no one changes their own role.
    /// </summary>
    public static IQueryable<StaffUser> ManagedBy(this IQueryable<StaffUser> users, StaffUser admin)
    {
        var roles = Manages.GetValueOrDefault(admin.Role, []).ToList();
        var mine = users.Where(u => u.Id != admin.Id && roles.Contains(u.Role));
        return admin.Role == StaffRole.NationalAdmin ? mine
            : admin.Role == StaffRole.OfficeAdmin && admin.OfficeId is { } office ? mine.Where(u => u.OfficeId == office)
            : users.Where(_ => false);
    }
}
