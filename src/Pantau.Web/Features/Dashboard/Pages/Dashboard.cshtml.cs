using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;

namespace Pantau.Web.Features.Dashboard.Pages;

/// <summary>
/// The figures of a period as charts and tables: the page's script (wwwroot/js/dashboard.js) reads <c>GET /api/dashboard</c>
/// and links the month's workbook. A regional division and the national admin may narrow to one office of their scope.
/// </summary>
[Authorize(Policy = Policies.ReadDashboard)]
public sealed class DashboardModel(PantauDb db, CurrentStaff current, IOptions<PlacesOptions> places) : PageModel
{
    /// <summary>The heat map's tiles (<c>Places:TileUrl</c>).</summary>
    public PlacesOptions Tiles => places.Value;

    public sealed record OfficeChoice(int Id, string Name);

    /// <summary>The offices the caller may pick; an office head has only their own, so none to pick.</summary>
    public IReadOnlyList<OfficeChoice> Offices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var province = current.Role == StaffRole.RegionalDivision ? current.User?.ProvinceCode ?? "-" : null;
        if (current.Role is StaffRole.NationalAdmin or StaffRole.RegionalDivision)
            Offices = await db.Offices.AsNoTracking().Where(o => province == null || o.ProvinceCode == province)
                .OrderBy(o => o.Name).Select(o => new OfficeChoice(o.Id, o.Name)).ToListAsync(ct);
    }
}
