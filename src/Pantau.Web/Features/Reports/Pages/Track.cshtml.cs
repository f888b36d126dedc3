using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports.Pages;

/// <summary>
/// A report by the reporter's key (status, public notes and the messages with the officers, with a reply form) or by
/// its public ticket (the public status only): what <c>GET /api/public/reports/{reference}</c> answers, and nothing
/// personal. The page's script (wwwroot/js/report-status.js) reads that API again every 30 seconds. Look-ups are
/// limited per client address, like the API's.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ReportLookups.Policy)]
public sealed class TrackModel(PantauDb db) : PageModel
{
    /// <summary>The key or the ticket the page was opened with: the script reads the API with the same.</summary>
    public string Reference { get; private set; } = "";
    public bool ByKey { get; private set; }
    public string Ticket { get; private set; } = "";
    public ReportTracking? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        ByKey = ReportKey.IsKey(reference);
        Reference = ByKey ? reference : reference.Trim().ToUpperInvariant();
        Report = await ReportsPublicApi.TrackingAsync(db, Reference, ct);
        Ticket = Report?.Ticket ?? (ByKey ? "" : Reference);
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
