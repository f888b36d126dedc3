using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging.Pages;

/// <summary>The office's lodging registrations: verify (which enables the lodging's account) or reject with a note.</summary>
[Authorize(Policy = Policies.VerifyLodgings)]
public sealed class LodgingsModel(PantauDb db, CurrentStaff current, TimeProvider time) : PageModel
{
    public IReadOnlyList<LodgingResponse> Pending { get; private set; } = [];
    public IReadOnlyList<LodgingResponse> Decided { get; private set; } = [];
    public Guid? Failed { get; private set; }
    public Validation Errors { get; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        if (await db.Lodgings.DecidedBy(current).FirstOrDefaultAsync(l => l.Id == id, ct) is not { } lodging) return NotFound();
        var v = LodgingRegistration.CheckDecision(new LodgingDecisionRequest(approve, note));
        if (!v.IsValid)
        {
            Failed = id;
            Errors.Add(v);
            await LoadAsync(ct);
            return Page();
        }
        if (!await LodgingRegistration.DecideAsync(lodging, approve, note, current, db, time.GetUtcNow().UtcDateTime, ct))
            TempData["Flash"] = "lodgings.alreadyDecided";
        else
        {
            TempData["Flash"] = approve ? "lodgings.approved" : "lodgings.rejectedFlash";
            TempData["FlashArg"] = lodging.Name;
        }
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var mine = db.Lodgings.AsNoTracking().DecidedBy(current);
        Pending = await LodgingRegistration.DescribeAsync(db,
            await mine.Where(l => l.State == LodgingState.Pending).OrderBy(l => l.RegisteredAt).Take(200).ToListAsync(ct), ct);
        Decided = await LodgingRegistration.DescribeAsync(db,
            await mine.Where(l => l.State != LodgingState.Pending).OrderByDescending(l => l.DecidedAt).Take(100).ToListAsync(ct), ct);
    }
}
