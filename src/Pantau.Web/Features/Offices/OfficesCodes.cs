namespace Pantau.Web.Features.Offices;

/// <summary>
/// The codes Offices' rules and API answer with (keys of <c>Resources/OfficesTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class OfficesCodes
{
    /// <summary>A short office code is required.</summary>
    public const string CodeRequired = "offices.codeRequired";
    /// <summary>An office with this code exists.</summary>
    public const string CodeExists = "offices.codeExists";
    /// <summary>The province of the office's regional division, such as 36, is required.</summary>
    public const string ProvinceRequired = "offices.provinceRequired";
    /// <summary>At least one regency or city is required.</summary>
    public const string RegencyRequired = "offices.regencyRequired";
    /// <summary>There is no such regency or city.</summary>
    public const string NoSuchRegency = "offices.noSuchRegency";
    /// <summary>This regency belongs to another office's jurisdiction.</summary>
    public const string RegencyOfAnotherOffice = "offices.regencyOfAnotherOffice";
    /// <summary>The time zone is one of Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).</summary>
    public const string TimeZoneOneOfThree = "offices.timeZoneOneOfThree";
}
