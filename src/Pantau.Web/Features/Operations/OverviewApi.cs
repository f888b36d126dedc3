using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Operations;

/// <param name="Open">Reports in its queue now (verified up to on site).</param>
/// <param name="Late">Of those, the ones with an SLA stage running late.</param>
public sealed record OfficeLoad(int OfficeId, string Name, string ProvinceCode, int Open, int Late);

/// <summary>The offices a roll-up covers, each with its load, and their open reports as their consoles show them.</summary>
public sealed record OperationsOverview(IReadOnlyList<OfficeLoad> Offices, IReadOnlyList<QueueItem> Reports);

/// <summary>
/// The roll-up for those above the offices (issue 17, point 4): a regional division reads the queues of every office in
/// its province, the national admin of every office, all together or one office at a time. Reads only, and only what a
/// console's queue shows (no reporter's number: that stays with the office handling the report).
/// </summary>
public static class OverviewApi
{
    public const int MaxReports = 1000;

    public static void MapOverview(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/operations/overview", Overview).WithTags("Operations").RequireAuthorization(Policies.ReadOverview);

    private static async Task<Results<Ok<OperationsOverview>, NotFound>> Overview(PantauDb db, CurrentStaff current, PlaceFinder places, TimeProvider time,
        SlaTargets sla, int? officeId, CancellationToken ct)
    {
        var offices = db.Offices.AsNoTracking();
        if (current.Role != StaffRole.NationalAdmin) offices = offices.Where(o => o.ProvinceCode == current.Scope.ProvinceCode);
        var covered = await offices.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, o.ProvinceCode }).ToListAsync(ct);
        // Another province's office is not there for this account: the same answer as an office that does not exist.
        if (officeId is { } one && covered.All(o => o.Id != one)) return TypedResults.NotFound();
        var ids = covered.Where(o => officeId is null || o.Id == officeId).Select(o => o.Id).ToList();

        var open = db.Reports.AcrossOffices("a regional division or the national admin reads the queues of the offices it oversees")
            .Where(r => ids.Contains(r.OfficeId) && (r.Status == ReportStatus.Verified || r.Status == ReportStatus.Accepted
                || r.Status == ReportStatus.Dispatched || r.Status == ReportStatus.EnRoute || r.Status == ReportStatus.OnSite))
            .OrderByDescending(r => r.CreatedAt).Take(MaxReports);
        var reports = await QueueItems.ReadAsync(db, places, open, time.GetUtcNow().UtcDateTime, sla, ct);
        var loads = covered.Where(o => ids.Contains(o.Id)).Select(o => new OfficeLoad(o.Id, o.Name, o.ProvinceCode,
            reports.Count(r => r.OfficeId == o.Id), reports.Count(r => r.OfficeId == o.Id && r.Overdue.Count > 0))).ToList();
        return TypedResults.Ok(new OperationsOverview(loads, reports));
    }
}
