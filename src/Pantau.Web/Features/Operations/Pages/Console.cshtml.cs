using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;

namespace Pantau.Web.Features.Operations.Pages;

/// <summary>
/// The on-duty officers' console: the script (wwwroot/js/console.js) shows the office's queue from
/// <c>GET /api/reports</c> ordered by urgency, follows <c>/api/events</c> without reloading (with an alert that is seen
/// and heard for a new report), and triages, dispatches and talks to the reporter through the operations API. Beside
/// the queue, a map of the open reports and of the teams where a member's phone last was (<c>GET /api/operations/teams</c>).
/// </summary>
[Authorize(Policy = Policies.HandleReports)]
public sealed class ConsoleModel(CurrentStaff current, IOptions<PlacesOptions> places) : PageModel
{
    /// <summary>The configured map tiles (<c>Places:TileUrl</c>); offline the map is grey and its markers still work.</summary>
    public PlacesOptions Tiles => places.Value;

    /// <summary>The console follows one office; the national admin has none.</summary>
    public int? OfficeId => current.OfficeId;

    public void OnGet() { }
}
