namespace Pantau.Web.Features.Shared;

/// <summary>
/// The codes Shared' rules and API answer with (keys of <c>Resources/SharedTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class SharedCodes
{
    /// <summary>The request is not valid.</summary>
    public const string RequestNotValid = "shared.requestNotValid";
    /// <summary>Control characters are not allowed.</summary>
    public const string ControlCharactersNotAllowed = "shared.controlCharactersNotAllowed";
    /// <summary>A valid email address is required.</summary>
    public const string ValidEmailAddressRequired = "shared.validEmailAddressRequired";
    /// <summary>A name of up to 200 characters is required.</summary>
    public const string NameUp200Characters = "shared.nameUp200Characters";
    /// <summary>There is no such office.</summary>
    public const string ThereNoSuchOffice = "shared.thereNoSuchOffice";
    /// <summary>RW is a number from 1 to 999.</summary>
    public const string RwNumber1999 = "shared.rwNumber1999";
    /// <summary>RT is a number from 1 to 999.</summary>
    public const string RtNumber1999 = "shared.rtNumber1999";
    /// <summary>Pages start at 1.</summary>
    public const string PagesStart1 = "shared.pagesStart1";
    /// <summary>A region code looks like 31, 31.74, 31.74.02 or 31.74.02.1001.</summary>
    public const string RegionCodeLooksLike = "shared.regionCodeLooksLike";
    /// <summary>A passport number has 5 to 9 letters A–Z and digits (ICAO 9303).</summary>
    public const string PassportNumberHas5 = "shared.passportNumberHas5";
    /// <summary>A permit number has 3 to 40 letters, digits, '-', '/' or '.'.</summary>
    public const string PermitNumberHas3 = "shared.permitNumberHas3";
    /// <summary>Latitude is between -90 and 90, with a longitude.</summary>
    public const string LatitudeBetween9090 = "shared.latitudeBetween9090";
    /// <summary>Longitude is between -180 and 180, with a latitude.</summary>
    public const string LongitudeBetween180180 = "shared.longitudeBetween180180";
    /// <summary>A village code looks like 31.74.02.1001.</summary>
    public const string VillageCodeLooksLike = "shared.villageCodeLooksLike";
    /// <summary>There is no village with this code.</summary>
    public const string ThereNoVillageCode = "shared.thereNoVillageCode";
    /// <summary>The nationality must be an ISO 3166-1 alpha-3 code such as CHN or JPN.</summary>
    public const string NationalityMustISO3166 = "shared.nationalityMustISO3166";
    /// <summary>There is no office with this id.</summary>
    public const string ThereNoOfficeId = "shared.thereNoOfficeId";
    /// <summary>There is no such report in your office's queue.</summary>
    public const string ThereNoSuchReport = "shared.thereNoSuchReport";
    /// <summary>This value cannot be read.</summary>
    public const string ValueUnreadable = "shared.valueUnreadable";
    /// <summary>A date from 2000-01-01 to 2100-12-31.</summary>
    public const string DateRange = "shared.dateRange";
    /// <summary>At most {0} characters.</summary>
    public const string AtMostCharacters = "shared.atMostCharacters";
    /// <summary>At most {0} characters, without control characters.</summary>
    public const string AtMostCharactersNoControl = "shared.atMostCharactersNoControl";
}
