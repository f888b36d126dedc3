using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Statistics.Pages;

/// <summary>
/// An RT or RW head's one number: the registered foreigners living in their RT (or RW), counted as
/// <c>GET /api/stats/count</c> counts (<see cref="StatisticsApi.CountAsync"/>). Nothing else is on this page.
/// </summary>
[Authorize(Roles = nameof(StaffRole.NeighbourhoodHead))]
public sealed class RtModel(PantauDb db, CurrentStaff current) : PageModel
{
    public int? Count { get; private set; }
    public int? Rw { get; private set; }
    public int? Rt { get; private set; }
    public string? VillageName { get; private set; }
    public string? DistrictName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = current.Scope;
        if (scope.VillageCode is not { } village || scope.Rw is not { } rw) return; // an account without an area sees no number
        Rw = rw;
        Rt = scope.Rt;
        if (!StatisticsApi.MayCount(scope, village, rw, scope.Rt)) return;
        Count = await StatisticsApi.CountAsync(db, village, rw, scope.Rt, ct);
        var district = village[..8];
        var names = await db.Regions.AsNoTracking().Where(r => r.Code == village || r.Code == district)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        VillageName = names.GetValueOrDefault(village) ?? village;
        DistrictName = names.GetValueOrDefault(district);
    }
}
