namespace Pantau.Web.Features.PermitExpiry;

/// <summary>
/// The codes PermitExpiry' rules and API answer with (keys of <c>Resources/PermitExpiryTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class PermitExpiryCodes
{
    /// <summary>The day is within the past year and not after tomorrow.</summary>
    public const string DayWithinPastYear = "permitExpiry.dayWithinPastYear";
    /// <summary>The permit-expiry job has already run for this day.</summary>
    public const string AlreadyRun = "permitExpiry.alreadyRun";
    /// <summary>The day is a date (yyyy-MM-dd) within the operational range.</summary>
    public const string DayIsADate = "permitExpiry.dayIsADate";
    /// <summary>The status is "expiring" or "lapsed".</summary>
    public const string StatusIsExpiringOrLapsed = "permitExpiry.statusIsExpiringOrLapsed";
    /// <summary>The kecamatan is a Kemendagri kecamatan code (31.74.02).</summary>
    public const string DistrictIsAKecamatanCode = "permitExpiry.districtIsAKecamatanCode";
    /// <summary>The nationality is an ISO 3166-1 alpha-3 code.</summary>
    public const string NationalityIsACode = "permitExpiry.nationalityIsACode";
    /// <summary>The permit type is one of ITK, ITAS, ITAP, Diplomatic, Service.</summary>
    public const string PermitTypeIsKnown = "permitExpiry.permitTypeIsKnown";
    /// <summary>"reminded" is yes or no.</summary>
    public const string RemindedIsYesOrNo = "permitExpiry.remindedIsYesOrNo";
    /// <summary>The order is expiry, name or district.</summary>
    public const string SortIsKnown = "permitExpiry.sortIsKnown";
    /// <summary>A page holds 1 to {0} rows.</summary>
    public const string PageSizeWithinLimit = "permitExpiry.pageSizeWithinLimit";
}
