using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Access.Pages;

/// <summary>The accounts an admin manages (<see cref="StaffScopeRules.ManagedBy"/>), with disable and enable.</summary>
[Authorize(Policy = Policies.ManageAccounts)]
public sealed class AccountsModel(PantauDb db, CurrentStaff current, UserManager<StaffUser> users, AccountChanges changes, TimeProvider time) : PageModel
{
    public const int Limit = 500;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public IReadOnlyList<StaffUser> Accounts { get; private set; } = [];
    public IReadOnlyDictionary<int, string> OfficeNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<string, string> RegionNames { get; private set; } = new Dictionary<string, string>();
    public DateTimeOffset Now { get; private set; }
    public Guid Me => current.User!.Id;

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        var q = db.Users.AsNoTracking().ManagedBy(current.User!);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Query.Trim().ToUpperInvariant();
            q = q.Where(u => u.NormalizedEmail!.Contains(term) || u.FullName.ToUpper().Contains(term));
        }
        Accounts = await q.OrderBy(u => u.Email).Take(Limit).ToListAsync();
        OfficeNames = await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var codes = Accounts.SelectMany(a => a.Districts.Append(a.ProvinceCode).Append(a.VillageCode).Append(a.VillageCode?[..8])).OfType<string>()
            .Distinct().ToList();
        RegionNames = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name);
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id) => SetDisabledAsync(id, true);

    public Task<IActionResult> OnPostEnableAsync(Guid id) => SetDisabledAsync(id, false);

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disabled)
    {
        if (await db.Users.ManagedBy(current.User!).FirstOrDefaultAsync(u => u.Id == id) is not { } user) return NotFound();
        if (!await StaffAccounts.SetDisabledAsync(current.User!, user, disabled, users, changes))
        {
            TempData["Flash"] = "accounts.notSelf";
        }
        else
        {
            TempData["Flash"] = disabled ? "accounts.disabled" : "accounts.enabled";
            TempData["FlashArg"] = user.Email;
        }
        return RedirectToPage(new { q = Query });
    }

    /// <summary>A region's name (a kelurahan's with its kecamatan); null when unknown, and the page shows the code.</summary>
    public string? Place(string code) =>
        !RegionNames.TryGetValue(code, out var name) ? null
        : code.Length == 13 && RegionNames.TryGetValue(code[..8], out var district) ? $"{name}, Kec. {district}"
        : name;
}
