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
        var wanted = codes.Concat(codes.Where(c => c.Length == 8).Select(c => c[..5])).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => wanted.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        // "Setiabudi, Kota Administrasi Jakarta Selatan": the city tells apart kecamatan of the same name; the code is not for reading.
        Districts = codes.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c) is { } name
            ? string.Join(", ", new[] { name, c.Length == 8 ? names.GetValueOrDefault(c[..5]) : null }.OfType<string>())
            : c)).ToList();
        // Only one of the partner's own kecamatan can be chosen; anything else falls back to the first.
        if (District is null || !codes.Contains(District)) District = Districts.Count > 0 ? Districts[0].Code : null;
    }
}
