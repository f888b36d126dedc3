using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;

namespace Pantau.Web.Features.Operations.Pages;

/// <summary>
/// The roll-up of the offices' consoles for a regional division (its province) and the national admin (the country):
/// the script (wwwroot/js/overview.js) reads <c>GET /api/operations/overview</c>, all offices together or one, and
/// shows each office's load, the open reports and a map. Read only.
/// </summary>
[Authorize(Policy = Policies.ReadOverview)]
public sealed class OverviewModel(IOptions<PlacesOptions> places) : PageModel
{
    public PlacesOptions Tiles => places.Value;

    public void OnGet() { }
}
