using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Teams;

namespace Pantau.Web.Features.Operations;

/// <summary>
/// Accepted reports wait and the office has nobody to send: no TIMPORA team at all (<c>console.gap.noTeam</c>), or none
/// on duty (<c>console.gap.noneOnDuty</c>). The console and the supervisor's page show it live; every other page of the
/// office head and the office admin shows it in the layout (<see cref="DispatchGapViewComponent"/>) while it lasts.
/// </summary>
public sealed record DispatchGap(string Key, int Waiting)
{
    public static async Task<DispatchGap?> OfAsync(PantauDb db, int officeId, DateTime now, CancellationToken ct)
    {
        var waiting = await db.Reports.CountAsync(r => r.OfficeId == officeId && r.Status == ReportStatus.Accepted, ct);
        if (waiting == 0) return null;
        var teams = await db.Teams.Where(t => t.OfficeId == officeId && t.Active).Select(t => t.Id).ToListAsync(ct);
        if (teams.Count == 0) return new DispatchGap("console.gap.noTeam", waiting);
        return (await DutyRoster.OnDutyAmongAsync(db, teams, now, ct)).Count == 0 ? new DispatchGap("console.gap.noneOnDuty", waiting) : null;
    }
}

/// <summary>The layout's warning for the office head and the office admin (the roles that can end it: a team, a roster).</summary>
public sealed class DispatchGapViewComponent(PantauDb db, CurrentStaff current, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (current.User?.Role is not (StaffRole.OfficeHead or StaffRole.OfficeAdmin) || current.OfficeId is not { } office)
            return Content("");
        var gap = await DispatchGap.OfAsync(db, office, time.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        return gap is null ? Content("") : View("/Features/Operations/Pages/_DispatchGap.cshtml", gap);
    }
}
