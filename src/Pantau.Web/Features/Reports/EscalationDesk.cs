using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// Where a report goes up to when its office cannot act on it (<see cref="Report.Escalate"/>): the regional division
/// (Kanwil) of the office's province if it has an active account, else the national desk (Ditjen Imigrasi). Both see it
/// in their overview and hand it to an office.
/// </summary>
public static class EscalationDesk
{
    /// <summary>Whether anyone at the office reads its queue: an active officer or office head.</summary>
    public static Task<bool> OfficeHasStaffAsync(PantauDb db, int officeId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.OfficeId == officeId && !u.IsDisabled && (u.Role == StaffRole.Officer || u.Role == StaffRole.OfficeHead), ct);

    /// <summary>The desk's name as the reporter is told it, in Indonesian (<see cref="ReportTracker.Sms"/>).</summary>
    public static async Task<string> NameForAsync(PantauDb db, int officeId, CancellationToken ct)
    {
        var province = await db.Offices.Where(o => o.Id == officeId).Select(o => o.ProvinceCode).FirstOrDefaultAsync(ct);
        if (province is null || !await db.Users.AnyAsync(u => u.Role == StaffRole.RegionalDivision && !u.IsDisabled && u.ProvinceCode == province, ct))
            return ReportTracker.Sms("reports.desk.national");
        var name = await db.Regions.Where(r => r.Code == province).Select(r => r.Name).FirstOrDefaultAsync(ct);
        return ReportTracker.Sms("reports.desk.regional", name ?? province);
    }
}
