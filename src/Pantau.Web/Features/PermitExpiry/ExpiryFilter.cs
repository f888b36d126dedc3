using System.Globalization;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.PermitExpiry;

/// <summary>
/// What an officer asks of the expiry list: the day, which part (ending soon or ended), the kecamatan, nationality,
/// permit type, whether the sponsor was reminded, the order and the page. The page's URL and the API's query carry the
/// same names, so a list can be shared, reloaded and exported as shown.
/// </summary>
public sealed record ExpiryFilter(DateOnly Day, string Status, string? District, string? Nationality, PermitType? PermitType, bool? Reminded,
    string Sort, int Page, int PageSize)
{
    public const string Expiring = "expiring";
    public const string Lapsed = "lapsed";
    public const string ByExpiry = "expiry";
    public const string ByName = "name";
    public const string ByDistrict = "district";
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static readonly string[] Statuses = [Expiring, Lapsed];
    public static readonly string[] Sorts = [ByExpiry, ByName, ByDistrict];

    /// <summary>The raw query values, as typed in a URL.</summary>
    public sealed record Asked(string? Day, string? Status, string? District, string? Nationality, string? PermitType, string? Reminded,
        string? Sort, string? Page, string? PageSize);

    /// <summary>
    /// The filter from the raw values, and the fields that were not understood (each with its code); a field not
    /// understood is left out of the filter, so the caller chooses between refusing (the API) and ignoring it (the page).
    /// </summary>
    public static (ExpiryFilter Filter, Validation Problems) Parse(Asked a, DateOnly today)
    {
        var v = new Validation();
        var day = today;
        if (Blank(a.Day) is { } dayText)
        {
            if (DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && InputRules.IsOperational(d)) day = d;
            else v.Add("day", PermitExpiryCodes.DayIsADate);
        }
        var status = Expiring;
        if (Blank(a.Status) is { } statusText)
        {
            if (Statuses.Contains(statusText.ToLowerInvariant())) status = statusText.ToLowerInvariant();
            else v.Add("status", PermitExpiryCodes.StatusIsExpiringOrLapsed);
        }
        string? district = null;
        if (Blank(a.District) is { } districtText)
        {
            if (RegionCode.IsWellFormed(districtText) && RegionCode.LevelOf(districtText) == RegionLevel.District) district = districtText;
            else v.Add("district", PermitExpiryCodes.DistrictIsAKecamatanCode);
        }
        string? nationality = null;
        if (Blank(a.Nationality) is { } nationalityText)
        {
            var n = Nationalities.Normalize(nationalityText);
            if (Nationalities.IsKnown(n)) nationality = n;
            else v.Add("nationality", PermitExpiryCodes.NationalityIsACode);
        }
        PermitType? type = null;
        if (Blank(a.PermitType) is { } typeText)
        {
            if (Enum.TryParse<PermitType>(typeText, ignoreCase: true, out var t) && Enum.IsDefined(t) && !typeText.All(char.IsAsciiDigit)) type = t;
            else v.Add("permitType", PermitExpiryCodes.PermitTypeIsKnown);
        }
        bool? reminded = null;
        if (Blank(a.Reminded) is { } remindedText)
        {
            if (remindedText.Equals("yes", StringComparison.OrdinalIgnoreCase)) reminded = true;
            else if (remindedText.Equals("no", StringComparison.OrdinalIgnoreCase)) reminded = false;
            else v.Add("reminded", PermitExpiryCodes.RemindedIsYesOrNo);
        }
        var sort = ByExpiry;
        if (Blank(a.Sort) is { } sortText)
        {
            if (Sorts.Contains(sortText.ToLowerInvariant())) sort = sortText.ToLowerInvariant();
            else v.Add("sort", PermitExpiryCodes.SortIsKnown);
        }
        var page = 1;
        if (Blank(a.Page) is { } pageText)
        {
            if (int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1) page = p;
            else v.Add("page", SharedCodes.PagesStart1);
        }
        var pageSize = DefaultPageSize;
        if (Blank(a.PageSize) is { } sizeText)
        {
            if (int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= MaxPageSize) pageSize = s;
            else v.Add("pageSize", PermitExpiryCodes.PageSizeWithinLimit, MaxPageSize);
        }
        return (new ExpiryFilter(day, status, district, nationality, type, reminded, sort, page, pageSize), v);
    }

    /// <summary>The query string of this filter with <paramref name="page"/> (defaults left out), for links and exports.</summary>
    public Dictionary<string, string?> Query(int? page = null, string? status = null, string? sort = null) => new()
    {
        ["day"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["status"] = (status ?? Status) == Expiring ? null : status ?? Status,
        ["district"] = District,
        ["nationality"] = Nationality,
        ["permitType"] = PermitType?.ToString(),
        ["reminded"] = Reminded switch { true => "yes", false => "no", null => null },
        ["sort"] = (sort ?? Sort) == ByExpiry ? null : sort ?? Sort,
        ["page"] = (page ?? Page) == 1 ? null : (page ?? Page).ToString(CultureInfo.InvariantCulture),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
