using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;

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
        if (a.Role == StaffRole.Lodging) v.Add("role", "A lodging's account comes with its registration.");
        else if (!MayManage(admin.Role, a.Role)) v.Add("role", "Only the national admin gives this role.");

        var officeRole = a.Role is StaffRole.OfficeHead or StaffRole.OfficeAdmin or StaffRole.Officer;
        if (officeRole || a.OfficeId is not null)
        {
            if (a.OfficeId is not { } officeId) v.Add("officeId", "An office is required for this role.");
            else if (!national && officeId != admin.OfficeId) v.Add("officeId", "You manage the accounts of your own office only.");
            else if (!await db.Offices.AnyAsync(o => o.Id == officeId)) v.Add("officeId", "There is no such office.");
        }
        if (a.Role is StaffRole.NationalAdmin && a.OfficeId is not null) v.Add("officeId", "The national admin has no office.");

        if (a.Role == StaffRole.RegionalDivision)
        {
            if (!await IsRegionAsync(db, a.ProvinceCode, RegionLevel.Province)) v.Add("provinceCode", "A province code such as 36 is required.");
        }
        else if (a.ProvinceCode is not null) v.Add("provinceCode", "Only a regional division has a province.");

        var jurisdiction = !national && admin.OfficeId is { } own
            ? await db.OfficeJurisdictions.Where(j => j.OfficeId == own).Select(j => j.RegencyCode).ToListAsync()
            : null;

        if (a.Role == StaffRole.Partner)
        {
            if (a.DistrictCodes is not { Count: > 0 }) v.Add("districtCodes", "At least one kecamatan code is required.");
            else
                for (var i = 0; i < a.DistrictCodes.Count; i++)
                {
                    var d = a.DistrictCodes[i];
                    if (!await IsRegionAsync(db, d, RegionLevel.District)) v.Add($"districtCodes[{i}]", "There is no such kecamatan.");
                    else if (jurisdiction is not null && !jurisdiction.Contains(d[..5])) v.Add($"districtCodes[{i}]", "This kecamatan is outside your office's jurisdiction.");
                }
        }
        else if (a.DistrictCodes is { Count: > 0 }) v.Add("districtCodes", "Only a partner agency has kecamatan.");

        if (a.Role == StaffRole.NeighbourhoodHead)
        {
            if (!await IsRegionAsync(db, a.VillageCode, RegionLevel.Village)) v.Add("villageCode", "There is no such village.");
            else if (jurisdiction is not null && !jurisdiction.Contains(a.VillageCode![..5])) v.Add("villageCode", "This village is outside your office's jurisdiction.");
            if (a.Rw is not (>= 1 and <= 999)) v.Add("rw", "RW is a number from 1 to 999.");
            if (a.Rt is not null and not (>= 1 and <= 999)) v.Add("rt", "RT is a number from 1 to 999.");
        }
        else
        {
            if (a.VillageCode is not null) v.Add("villageCode", "Only an RT/RW head has a village.");
            if (a.Rw is not null) v.Add("rw", "Only an RT/RW head has an RW.");
            if (a.Rt is not null) v.Add("rt", "Only an RT head has an RT.");
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
