using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Statistics;

namespace Pantau.Web.Features.Home.Pages;

/// <summary>
/// The public front door: what Pantau is and for whom, the report form, a report's status by ticket or key, the
/// public count and the office's identity (<see cref="OfficeIdentity"/>). Signed-in staff go on to their first page,
/// as before; roles without pages see the front door with a short note.
/// </summary>
[AllowAnonymous]
public sealed class HomeModel(CurrentStaff current, IAuthorizationService authz, PantauDb db, IOptions<OfficeIdentity> office) : PageModel
{
    public const int ReferenceMaxLength = 40;

    public OfficeIdentity? Office { get; } = office.Value.IsGiven ? office.Value : null;

    /// <summary>Foreigners registered in all of Indonesia, as the public statistics publish it (null: fewer than five).</summary>
    public int? Registered { get; private set; }

    public bool SignedInWithoutPages { get; private set; }

    /// <summary>The ticket or key typed into "check a report's status", shown again when it cannot be one.</summary>
    public string? Reference { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FirstPageOfStaffAsync() is { } first) return RedirectToPage(first);
        SignedInWithoutPages = current.User is not null;
        await CountAsync(ct);
        return Page();
    }

    /// <summary>The status form (GET): a ticket or a key goes to its tracking page; anything else is a 400 naming the field.</summary>
    public async Task<IActionResult> OnGetTrackAsync(string? reference, CancellationToken ct)
    {
        Reference = reference?.Trim();
        if (string.IsNullOrEmpty(Reference)) ModelState.AddModelError("reference", "front.track.empty");
        else if (Reference.Length > ReferenceMaxLength || !(ReportKey.IsKey(Reference) || IsTicket(Reference)))
            ModelState.AddModelError("reference", "front.track.notReference");
        else return Redirect("/lapor/" + Uri.EscapeDataString(ReportKey.IsKey(Reference) ? Reference : Reference.ToUpperInvariant()));
        SignedInWithoutPages = current.User is not null;
        await CountAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>"LP-" and seven letters or digits (Reporter's tickets), in any case.</summary>
    private static bool IsTicket(string value) =>
        value.Length == 10 && value.StartsWith("LP-", StringComparison.OrdinalIgnoreCase) && value[3..].All(char.IsAsciiLetterOrDigit);

    // The same figure as /statistik's total for Indonesia, rounded the same way.
    private async Task CountAsync(CancellationToken ct) =>
        Registered = PublishedCount.Of(await db.NationalityCounts.AsNoTracking().SumAsync(c => c.Count, ct));

    private async Task<string?> FirstPageOfStaffAsync()
    {
        if (current.User is null) return null;
        if ((await authz.AuthorizeAsync(User, Policies.ManageAccounts)).Succeeded) return "/Access/Pages/Accounts";
        if ((await authz.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded) return "/Registry/Pages/Search";
        if ((await authz.AuthorizeAsync(User, Policies.PartnerView)).Succeeded) return "/Partners/Pages/Partner";
        if (current.Role == StaffRole.NeighbourhoodHead) return "/Statistics/Pages/Rt";
        if (current.Role == StaffRole.Lodging) return "/Lodging/Pages/Guests";
        return null;
    }
}
