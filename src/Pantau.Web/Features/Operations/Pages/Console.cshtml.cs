using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Operations.Pages;

/// <summary>
/// The on-duty officers' console: the script (wwwroot/js/console.js) shows the office's queue from
/// <c>GET /api/reports</c> ordered by urgency, follows <c>/api/events</c> without reloading (with an alert that is seen
/// and heard for a new report), and triages, dispatches and talks to the reporter through the operations API.
/// </summary>
[Authorize(Policy = Policies.HandleReports)]
public sealed class ConsoleModel(CurrentStaff current) : PageModel
{
    /// <summary>The console follows one office; the national admin has none.</summary>
    public int? OfficeId => current.OfficeId;

    public void OnGet() { }
}
