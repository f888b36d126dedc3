using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports.Pages;

/// <summary>
/// A report's status by its ticket, for the reporter: what <c>GET /api/public/reports/{ticket}</c> answers, and nothing
/// personal. The page's script (wwwroot/js/report-status.js) reads that API again every 30 seconds.
/// </summary>
[AllowAnonymous]
public sealed class TrackModel(PantauDb db) : PageModel
{
    public string Ticket { get; private set; } = "";
    public ReportTracking? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ticket, CancellationToken ct)
    {
        Ticket = ticket.Trim().ToUpperInvariant();
        Report = await ReportsPublicApi.TrackingAsync(db, Ticket, ct);
        if (Report is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The note's label: why it was rejected, what came of it, or a plain note.</summary>
    public static string NoteLabel(ReportStatus status) => status switch
    {
        ReportStatus.Rejected => "tracking.reason",
        ReportStatus.Resolved => "tracking.outcome",
        _ => "tracking.note",
    };

    /// <summary>The badge colour a status gets (as the permit badges: amber waits, blue is under way, green done, red refused).</summary>
    public static string Look(ReportStatus status) => status switch
    {
        ReportStatus.Received => "expiring",
        ReportStatus.Resolved => "valid",
        ReportStatus.Rejected => "expired",
        ReportStatus.Merged => "cancelled",
        _ => "neutral",
    };
}
