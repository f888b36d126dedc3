namespace Pantau.Web.Features.FieldChecks;

/// <summary>
/// The codes FieldChecks' rules and API answer with (keys of <c>Resources/FieldChecksTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class FieldChecksCodes
{
    /// <summary>Give a passport number, a permit number, or a name with nationality and date of birth.</summary>
    public const string GivePassportNumberPermit = "fieldChecks.givePassportNumberPermit";
    /// <summary>The nationality must be an ISO 3166-1 alpha-3 code such as CHN.</summary>
    public const string NationalityMustISO3166 = "fieldChecks.nationalityMustISO3166";
    /// <summary>The name is up to 200 characters.</summary>
    public const string NameUp200Characters = "fieldChecks.nameUp200Characters";
    /// <summary>A name check needs the nationality.</summary>
    public const string NameCheckNeedsNationality = "fieldChecks.nameCheckNeedsNationality";
    /// <summary>A name check needs the date of birth.</summary>
    public const string NameCheckNeedsDate = "fieldChecks.nameCheckNeedsDate";
    /// <summary>The purpose of the check is required.</summary>
    public const string PurposeCheckRequired = "fieldChecks.purposeCheckRequired";
    /// <summary>The purpose is at most 200 characters.</summary>
    public const string PurposeMost200Characters = "fieldChecks.purposeMost200Characters";
}
