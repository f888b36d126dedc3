namespace Pantau.Web.Features.Registry;

/// <summary>
/// The codes Registry' rules and API answer with (keys of <c>Resources/RegistryTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class RegistryCodes
{
    /// <summary>A page holds 1 to 100 people.</summary>
    public const string PageHolds1100 = "registry.pageHolds1100";
    /// <summary>The nationality must be an ISO 3166-1 alpha-3 code.</summary>
    public const string NationalityMustISO3166 = "registry.nationalityMustISO3166";
    /// <summary>The query is at most 200 characters.</summary>
    public const string QueryMost200Characters = "registry.queryMost200Characters";
    /// <summary>The sponsor's phone is an Indonesian mobile number such as 0812 3456 7890.</summary>
    public const string SponsorPhoneIndonesianMobile = "registry.sponsorPhoneIndonesianMobile";
    /// <summary>This village is outside your jurisdiction.</summary>
    public const string VillageOutsideJurisdiction = "registry.villageOutsideJurisdiction";
    /// <summary>This record was changed by someone else. Reload it and apply your change again.</summary>
    public const string ChangedBySomeoneElse = "registry.changedBySomeoneElse";
    /// <summary>The full name is required.</summary>
    public const string FullNameRequired = "registry.fullNameRequired";
    /// <summary>Sex is required (Female or Male).</summary>
    public const string SexRequired = "registry.sexRequired";
    /// <summary>The date of birth is required.</summary>
    public const string DateOfBirthRequired = "registry.dateOfBirthRequired";
    /// <summary>The date of birth must be in the past 130 years.</summary>
    public const string DateOfBirthRange = "registry.dateOfBirthRange";
    /// <summary>At least one passport is required.</summary>
    public const string PassportRequired = "registry.passportRequired";
    /// <summary>This passport is listed twice.</summary>
    public const string PassportListedTwice = "registry.passportListedTwice";
    /// <summary>The issuing state must be an ISO 3166-1 alpha-3 code.</summary>
    public const string IssuingStateCode = "registry.issuingStateCode";
    /// <summary>The expiry date is required.</summary>
    public const string ExpiryDateRequired = "registry.expiryDateRequired";
    /// <summary>A passport expires after its holder was born.</summary>
    public const string PassportExpiresAfterBirth = "registry.passportExpiresAfterBirth";
    /// <summary>The permit type is required (ITK, ITAS, ITAP, Diplomatic, Service).</summary>
    public const string PermitTypeRequired = "registry.permitTypeRequired";
    /// <summary>This permit is listed twice.</summary>
    public const string PermitListedTwice = "registry.permitListedTwice";
    /// <summary>The issue date is required.</summary>
    public const string IssueDateRequired = "registry.issueDateRequired";
    /// <summary>A permit expires after it is issued.</summary>
    public const string PermitExpiresAfterIssue = "registry.permitExpiresAfterIssue";
    /// <summary>A permit is issued after its holder was born.</summary>
    public const string PermitIssuedAfterBirth = "registry.permitIssuedAfterBirth";
    /// <summary>The purpose is at most 100 characters.</summary>
    public const string PurposeAtMost100 = "registry.purposeAtMost100";
    /// <summary>The sponsor is at most 200 characters.</summary>
    public const string SponsorAtMost200 = "registry.sponsorAtMost200";
    /// <summary>An ITAS or ITAP has a sponsor (penjamin).</summary>
    public const string SponsorRequired = "registry.sponsorRequired";
    /// <summary>The residence address is required.</summary>
    public const string AddressRequired = "registry.addressRequired";
    /// <summary>The street address is at most 300 characters.</summary>
    public const string StreetAtMost300 = "registry.streetAtMost300";
    /// <summary>A residence cannot start in the future.</summary>
    public const string ResidenceNotInFuture = "registry.residenceNotInFuture";
    /// <summary>A residence starts after its resident was born.</summary>
    public const string ResidenceAfterBirth = "registry.residenceAfterBirth";
    /// <summary>This passport belongs to another registered person.</summary>
    public const string PassportOfAnother = "registry.passportOfAnother";
    /// <summary>This permit belongs to another registered person.</summary>
    public const string PermitOfAnother = "registry.permitOfAnother";
    /// <summary>The full name is at most {0} characters, without markup.</summary>
    public const string FullNameAtMost = "registry.fullNameAtMost";
}
