using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Partners.Pages;

/// <summary>
/// A partner agency's view of one of its kecamatan: the page picks the kecamatan, and its script
/// (wwwroot/js/partner.js) reads the de-identified records, counts and access requests from <c>/api/partner</c>,
/// which alone decides what a partner may see.
/// </summary>
[Authorize(Policy = Policies.PartnerView)]
public sealed class PartnerModel(PantauDb db, CurrentStaff current) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "district")] public string? District { get; set; }

    public IReadOnlyList<(string Code, string Name)> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var codes = current.Scope.DistrictCodes;
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        Districts = codes.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c) ?? c)).ToList();
        // Only one of the partner's own kecamatan can be chosen; anything else falls back to the first.
        if (District is null || !codes.Contains(District)) District = Districts.Count > 0 ? Districts[0].Code : null;
    }
}
