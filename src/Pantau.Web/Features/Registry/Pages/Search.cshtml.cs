using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Registry.Pages;

/// <summary>
/// The registry search for immigration staff: the API's query and audit (<see cref="RegistryQueries.SearchAsync"/>),
/// run only once the officer has asked for something, so that opening the page reads nobody's data.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class SearchModel(PantauDb db, Auditor audit, CurrentStaff current, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    /// <summary>Common nationalities among foreign residents, offered as suggestions.</summary>

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "nationality")] public string? Nationality { get; set; }
    [BindProperty(SupportsGet = true, Name = "permitType")] public string? PermitType { get; set; }
    [BindProperty(SupportsGet = true, Name = "expiringBefore")] public string? ExpiringBefore { get; set; }

    // Not "page": Razor Pages keeps that route value for itself.
    [BindProperty(SupportsGet = true, Name = "p")] public string? PageNumber { get; set; }

    public Validation Errors { get; } = new();
    public ForeignerPage? Result { get; private set; }
    public IReadOnlyDictionary<string, string> RegionNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<Region> RegionSuggestions { get; private set; } = [];

    public bool Asked => new[] { Query, Region, Nationality, PermitType, ExpiringBefore }.Any(v => !string.IsNullOrWhiteSpace(v));
    public int PageCount => Result is { } r ? Math.Max(1, (r.Total + PageSize - 1) / PageSize) : 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        RegionSuggestions = await SuggestionsAsync(ct);
        if (!Asked) return;

        Registry.PermitType? type = null;
        if (!string.IsNullOrWhiteSpace(PermitType))
        {
            if (InputRules.TryParseEnum<Registry.PermitType>(PermitType, out var t)) type = t;
            else Errors.Add("permitType", "registry.permitTypeInvalid");
        }
        DateOnly? before = null;
        if (!string.IsNullOrWhiteSpace(ExpiringBefore))
        {
            if (DateOnly.TryParseExact(ExpiringBefore.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) before = d;
            else Errors.Add("expiringBefore", "registry.dateInvalid");
        }
        var page = int.TryParse(PageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;

        var search = new RegistrySearch(Blank(Query), Blank(Region), Blank(Nationality), type, before, null, page, PageSize);
        Errors.Add(RegistryQueries.Check(search));
        if (!Errors.IsValid) return;

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Result = await RegistryQueries.SearchAsync(db, audit, search, null, today, ct);
        var codes = Result.Items.SelectMany(i => new[] { i.VillageCode, i.VillageCode[..8] }).Distinct().ToList();
        RegionNames = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    /// <summary>The same search on another page.</summary>
    public Dictionary<string, string> RouteFor(int page) => new Dictionary<string, string?>
    {
        ["q"] = Query, ["region"] = Region, ["nationality"] = Nationality, ["permitType"] = PermitType,
        ["expiringBefore"] = ExpiringBefore, ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!);

    /// <summary>"Sukarasa, Kec. Tangerang": the kelurahan with its kecamatan; null when unknown (the page shows the code).</summary>
    public string? Place(ForeignerSummary f) =>
        RegionNames.GetValueOrDefault(f.VillageCode) is not { } village ? null
        : RegionNames.GetValueOrDefault(f.VillageCode[..8]) is { } district ? $"{village}, Kec. {district}"
        : village;

    // Region codes to pick from, within the caller's scope: provinces, or the regencies of a province, or an office's
    // regencies with their kecamatan.
    private async Task<IReadOnlyList<Region>> SuggestionsAsync(CancellationToken ct)
    {
        var scope = current.Scope;
        var regions = db.Regions.AsNoTracking();
        if (scope.Everything) regions = regions.Where(r => r.Level == RegionLevel.Province);
        else if (scope.ProvinceCode is { } p) regions = regions.Where(r => r.Level == RegionLevel.Regency && r.ParentCode == p);
        else if (scope.RegencyCodes.Count > 0)
        {
            var regencies = scope.RegencyCodes;
            regions = regions.Where(r => regencies.Contains(r.Code) || (r.Level == RegionLevel.District && regencies.Contains(r.ParentCode!)));
        }
        else return [];
        return await regions.OrderBy(r => r.Code).Take(500).ToListAsync(ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
