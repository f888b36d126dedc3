using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Offices.Pages;

/// <summary>
/// The national admin's offices: each office's name and its clock (WIB, WITA, WIT), which every time its staff read or
/// type follows. The jurisdiction is listed by name; it changes through <c>PUT /api/offices/{id}</c>.
/// </summary>
[Authorize(Policy = OfficesFeature.ManagePolicy)]
public sealed class OfficesModel(PantauDb db, JurisdictionMap map) : PageModel
{
    public sealed record Row(Office Office, IReadOnlyList<string> Regencies);

    public IReadOnlyList<Row> Offices { get; private set; } = [];
    public int? Failed { get; private set; }
    public Validation Errors { get; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int id, string? name, string? timeZone, CancellationToken ct)
    {
        if (await db.Offices.Include(o => o.Jurisdiction).FirstOrDefaultAsync(o => o.Id == id, ct) is not { } office) return NotFound();
        Errors.Require("name", name is { } n && n.Trim().Length is > 0 and <= 200, SharedCodes.NameUp200Characters);
        Errors.Require("timeZone", IndonesianTimeZone.Find(timeZone) is not null, OfficesCodes.TimeZoneOneOfThree);
        if (!Errors.IsValid)
        {
            Failed = id;
            await LoadAsync(ct);
            return Page();
        }
        office.Rename(name!.Trim());
        office.SetTimeZone(IndonesianTimeZone.Find(timeZone)!);
        await db.SaveChangesAsync(ct);
        map.Forget(office.Id);
        TempData["Flash"] = "offices.saved";
        TempData["FlashArg"] = office.Name;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var offices = await db.Offices.AsNoTracking().Include(o => o.Jurisdiction).OrderBy(o => o.Name).ToListAsync(ct);
        var codes = offices.SelectMany(o => o.RegencyCodes).ToList();
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        Offices = offices.Select(o => new Row(o, o.RegencyCodes.Select(c => names.GetValueOrDefault(c, c)).ToList())).ToList();
    }
}
