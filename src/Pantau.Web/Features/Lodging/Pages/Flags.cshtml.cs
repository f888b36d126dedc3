using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging.Pages;

/// <summary>The office's queue of lodging flags (<see cref="LodgingFlags"/>), with resolve.</summary>
[Authorize(Policy = Policies.HandleLodgingFlags)]
public sealed class FlagsModel(PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Resolved { get; set; }

    public IReadOnlyList<FlagResponse> Flags { get; private set; } = [];
    public Guid? Failed { get; private set; }
    public Validation Errors { get; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Flags = await LodgingFlags.ListAsync(db, audit, current, Resolved, ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, string? note, CancellationToken ct)
    {
        if (await db.LodgingFlags.ForOfficeOf(current).FirstOrDefaultAsync(f => f.Id == id, ct) is not { } flag) return NotFound();
        var v = LodgingFlags.CheckResolution(note);
        if (!v.IsValid)
        {
            Failed = id;
            Errors.Add(v);
            Flags = await LodgingFlags.ListAsync(db, audit, current, false, ct);
            return Page();
        }
        if (!flag.Resolve(current.UserId!.Value, note!.Trim(), time.GetUtcNow().UtcDateTime))
            TempData["Flash"] = "flags.alreadyResolved";
        else
        {
            await LodgingFlags.SaveResolvedAsync(db, audit, flag, ct);
            TempData["Flash"] = "flags.resolvedFlash";
            TempData["FlashArg"] = await db.GuestStays.Where(s => s.Id == flag.StayId).Select(s => s.PassportNumber).FirstAsync(ct);
        }
        return RedirectToPage();
    }
}
