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

/// <summary>
/// A lodging's phone page: the check-in form, the guests staying now (each with its check-out), and those who left.
/// Plain forms, no script: it works on any phone and network.
/// </summary>
[Authorize(Policy = Policies.ReportGuests)]
public sealed class GuestsModel(PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time) : PageModel
{
    public const int LeftShown = 50;

    [BindProperty] public string? PassportNumber { get; set; }
    [BindProperty] public string? Nationality { get; set; }
    [BindProperty] public string? GuestName { get; set; }
    [BindProperty] public string? Room { get; set; }
    [BindProperty] public DateOnly? CheckIn { get; set; }
    [BindProperty] public DateOnly? PlannedCheckOut { get; set; }

    public Lodging? Lodging { get; private set; }
    public IReadOnlyList<GuestStay> Staying { get; private set; } = [];
    public IReadOnlyList<GuestStay> Left { get; private set; } = [];
    public Validation Errors { get; } = new();

    /// <summary>The stay whose check-out was refused, to show its errors at its card.</summary>
    public Guid? CheckOutFailed { get; private set; }
    public Validation CheckOutErrors { get; } = new();
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        CheckIn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var now = time.GetUtcNow().UtcDateTime;
        var v = GuestReports.Check(new CheckInRequest(PassportNumber, Nationality, GuestName, Room, CheckIn, PlannedCheckOut), Today, out var report);
        if (!v.IsValid)
        {
            Errors.Add(v);
            return Page();
        }
        if (await GuestReports.FindSameAsync(db, Lodging!, report!, ct) is null)
        {
            var stay = new GuestStay(Lodging!, report!, StaySource.Form, now);
            db.GuestStays.Add(stay);
            await GuestReports.SaveCheckedAsync(db, audit, Lodging!, [stay], now, ct);
        }
        TempData["Flash"] = "guests.recorded";
        TempData["FlashArg"] = report!.PassportNumber;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCheckOutAsync(Guid id, DateOnly? checkOutDate, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (await GuestReports.FindOwnAsync(db, Lodging!, id, ct) is not { } stay) return NotFound();
        var v = GuestReports.CheckOutDate(stay, checkOutDate, Today);
        if (!v.IsValid)
        {
            CheckOutFailed = id;
            CheckOutErrors.Add(v);
            CheckIn = Today;
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        stay.CheckOut(checkOutDate!.Value, now);
        await GuestReports.SaveCheckedAsync(db, audit, Lodging!, [stay], now, ct);
        TempData["Flash"] = "guests.checkedOut";
        TempData["FlashArg"] = stay.PassportNumber;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Lodging = await LodgingApi.OwnLodgingAsync(db, current, ct);
        if (Lodging is null) return false;
        var mine = db.GuestStays.AsNoTracking().Where(s => s.LodgingId == Lodging.Id);
        Staying = await mine.Where(s => s.CheckedOutOn == null).OrderByDescending(s => s.CheckIn).ThenBy(s => s.Room).Take(500).ToListAsync(ct);
        Left = await mine.Where(s => s.CheckedOutOn != null).OrderByDescending(s => s.CheckedOutOn).ThenByDescending(s => s.UpdatedAt)
            .Take(LeftShown).ToListAsync(ct);
        return true;
    }
}
