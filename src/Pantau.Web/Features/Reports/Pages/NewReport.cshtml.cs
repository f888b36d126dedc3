using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;

namespace Pantau.Web.Features.Reports.Pages;

/// <summary>
/// The public report form on a phone. The page is the form; its script (wwwroot/js/report-form.js) keeps the report on
/// the phone until <c>POST /api/public/reports</c> acknowledges it, and proves the reporter's phone through
/// <c>/api/reporters/otp</c> and <c>/verify</c>, so every rule of intake lives in the API.
/// </summary>
[AllowAnonymous]
public sealed class NewReportModel(PantauDb db, CurrentStaff current, IOptions<PlacesOptions> places) : PageModel
{
    public static readonly ReportCategory[] Categories = Enum.GetValues<ReportCategory>();

    /// <summary>Suggested for the apparent nationality: the most common among foreign residents.</summary>

    /// <summary>The regencies some office covers: the form warns before sending a place no office would take.</summary>
    public IReadOnlyList<string> CoveredRegencies { get; private set; } = [];

    /// <summary>An RT/RW head or a partner agency reports from the account (the API trusts it): no phone to prove.</summary>
    public bool TrustedReporter => current.Role is StaffRole.NeighbourhoodHead or StaffRole.Partner;

    public string? ReporterName => current.User?.FullName;

    /// <summary>The map's tiles (<c>Places:TileUrl</c>).</summary>
    public PlacesOptions Tiles => places.Value;

    public async Task<IActionResult> OnGetAsync(string? ticket, CancellationToken ct)
    {
        // "Have a ticket number?" is a plain GET form: it lands here and goes on to the status page.
        if (!string.IsNullOrWhiteSpace(ticket))
            return RedirectToPage("/Reports/Pages/Track", new { ticket = ticket.Trim().ToUpperInvariant() });
        CoveredRegencies = await db.OfficeJurisdictions.AsNoTracking().Select(j => j.RegencyCode).Distinct().OrderBy(c => c).ToListAsync(ct);
        return Page();
    }
}
