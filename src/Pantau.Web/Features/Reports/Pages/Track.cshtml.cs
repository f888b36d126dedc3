using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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
        var r = Ticket.Length <= 20
            ? await ReportsPublicApi.AllReports(db).AsNoTracking().Include(x => x.History).FirstOrDefaultAsync(x => x.Ticket == Ticket, ct)
            : null;
        if (r is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Report = new ReportTracking(r.Ticket, r.Category, r.Status, r.StatusNote, Utc(r.CreatedAt),
            r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusStep(h.Status, Utc(h.At), h.Note)).ToList());
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
        _ => "neutral",
    };

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);
}
