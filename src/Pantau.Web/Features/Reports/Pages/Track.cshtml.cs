using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Shared;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Reports.Pages;

/// <summary>
/// A report by the reporter's key (status, public notes and the messages with the officers, with a reply form) or by
/// its public ticket (the public status only): what <c>GET /api/public/reports/{reference}</c> answers, and nothing
/// personal. The page's script (wwwroot/js/report-status.js) reads that API again every 30 seconds. Look-ups are
/// limited per client address, like the API's.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ReportLookups.Policy)]
public sealed class TrackModel(PantauDb db, PhoneProof proof, TimeProvider time, JurisdictionMap offices, PageClock clock) : PageModel
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
        // The report's times are on the clock of the office handling it (WIB, WITA or WIT), here and in the script.
        else if (await ReportsPublicApi.ByReference(db, Reference).Select(r => (int?)r.OfficeId).FirstOrDefaultAsync(ct) is { } office)
            clock.Use(await offices.ZoneOfAsync(office, db));
        return Page();
    }

    /// <summary>
    /// The reporter proves their phone with the code texted to it (an Open311 application sent the report with their
    /// number): the waiting report is verified and reaches the officers. By key only: the ticket opens nothing.
    /// </summary>
    public async Task<IActionResult> OnPostProveAsync(string reference, string? phone, string? code, CancellationToken ct)
    {
        if (!ReportKey.IsKey(reference)) return NotFound();
        var token = await ReportsPublicApi.ByReference(db, reference).Where(r => r.Status == ReportStatus.Received)
            .Select(r => r.VerificationToken).FirstOrDefaultAsync(ct);
        if (token is null) return RedirectToPage(new { reference }); // verified already (or no such key: the page says so)
        if (PhoneNumber.Normalize(phone) is not { } number) ModelState.AddModelError("phone", ReportsCodes.IndonesianMobileNumberWritten);
        else
        {
            var outcome = await proof.VerifyAsync(db, number, code, token, time.GetUtcNow().UtcDateTime, ct);
            if (outcome.Verified is not null) return RedirectToPage(new { reference });
            ModelState.AddModelError(outcome.Field ?? "code", outcome.Refusal!);
        }
        await OnGetAsync(reference, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
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
