using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;

namespace Pantau.Web.Features.FieldActivity.Pages;

/// <summary>
/// The office head's live view of the officers in the field: the script (wwwroot/js/supervisor.js) draws the last
/// positions from <c>GET /api/field/officers</c> on a map and a timeline, follows <c>/api/field/stream</c> without
/// reloading, and reads an officer's day from <c>GET /api/field/positions</c>.
/// </summary>
[Authorize(Policy = Policies.WatchField)]
public sealed class SupervisorModel(CurrentStaff current, IOptions<PlacesOptions> places) : PageModel
{
    /// <summary>The configured tiles (<c>Places:TileUrl</c>); offline the map is blank but the markers and the timeline still work.</summary>
    public PlacesOptions Tiles => places.Value;

    /// <summary>The live view follows one office; the national admin has none.</summary>
    public bool HasOffice => current.OfficeId is not null;

    public void OnGet() { }
}
