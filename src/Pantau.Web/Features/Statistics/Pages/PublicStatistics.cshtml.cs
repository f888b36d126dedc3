using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pantau.Web.Features.Statistics.Pages;

/// <summary>
/// Public statistics for anyone: the page's script (wwwroot/js/statistics.js) reads <c>GET /api/public/stats</c>, which
/// already hides every count below five, and draws it as a table and a chart.
/// </summary>
[AllowAnonymous]
public sealed class PublicStatisticsModel : PageModel
{
    public void OnGet() { }
}
