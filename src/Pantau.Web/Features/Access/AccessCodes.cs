namespace Pantau.Web.Features.Access;

/// <summary>
/// The codes Access' rules and API answer with (keys of <c>Resources/AccessTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class AccessCodes
{
    /// <summary>A role is required.</summary>
    public const string RoleRequired = "access.roleRequired";
    /// <summary>An initial password is required.</summary>
    public const string InitialPasswordRequired = "access.initialPasswordRequired";
    /// <summary>An account with this email exists.</summary>
    public const string AccountEmailExists = "access.accountEmailExists";
    /// <summary>Only the national admin gives this role.</summary>
    public const string OnlyNationalAdminGives = "access.onlyNationalAdminGives";
    /// <summary>An office is required for this role.</summary>
    public const string OfficeRequiredRole = "access.officeRequiredRole";
    /// <summary>You manage the accounts of your own office only.</summary>
    public const string YouManageAccountsOwn = "access.youManageAccountsOwn";
    /// <summary>The national admin has no office.</summary>
    public const string NationalAdminHasNo = "access.nationalAdminHasNo";
    /// <summary>A province code such as 36 is required.</summary>
    public const string ProvinceCodeSuch36 = "access.provinceCodeSuch36";
    /// <summary>Only a regional division has a province.</summary>
    public const string OnlyRegionalDivisionHas = "access.onlyRegionalDivisionHas";
    /// <summary>At least one kecamatan code is required.</summary>
    public const string LeastOneKecamatanCode = "access.leastOneKecamatanCode";
    /// <summary>There is no such kecamatan.</summary>
    public const string ThereNoSuchKecamatan = "access.thereNoSuchKecamatan";
    /// <summary>This kecamatan is outside your office's jurisdiction.</summary>
    public const string KecamatanOutsideOfficeJurisdiction = "access.kecamatanOutsideOfficeJurisdiction";
    /// <summary>Only a partner agency has kecamatan.</summary>
    public const string OnlyPartnerAgencyHas = "access.onlyPartnerAgencyHas";
    /// <summary>There is no such village.</summary>
    public const string ThereNoSuchVillage = "access.thereNoSuchVillage";
    /// <summary>This village is outside your office's jurisdiction.</summary>
    public const string VillageOutsideOfficeJurisdiction = "access.villageOutsideOfficeJurisdiction";
    /// <summary>Only an RT/RW head has a village.</summary>
    public const string OnlyRTRWHead = "access.onlyRTRWHead";
    /// <summary>Only an RT/RW head has an RW.</summary>
    public const string OnlyRTRWHead2 = "access.onlyRTRWHead2";
    /// <summary>Only an RT head has an RT.</summary>
    public const string OnlyRTHeadHas = "access.onlyRTHeadHas";
    /// <summary>A lodging's account comes with its registration.</summary>
    public const string LodgingAccountComesRegistration = "access.lodgingAccountComesRegistration";
    /// <summary>The page's antiforgery token is missing or out of date: reload the page and try again.</summary>
    public const string PageAntiforgeryTokenMissing = "access.pageAntiforgeryTokenMissing";
    /// <summary>The request is missing its antiforgery token.</summary>
    public const string AntiforgeryMissing = "access.antiforgeryMissing";
    /// <summary>Email is required.</summary>
    public const string EmailRequired = "access.emailRequired";
    /// <summary>Password is required.</summary>
    public const string PasswordRequired = "access.passwordRequired";
    /// <summary>Too many sign-in attempts from this address. Try again later.</summary>
    public const string TooManyAttempts = "access.tooManyAttempts";
    /// <summary>Sign-in to this account from this address is locked for a while after repeated failures.</summary>
    public const string LockedOut = "access.lockedOut";
    /// <summary>A two-factor code is required.</summary>
    public const string TwoFactorRequired = "access.twoFactorRequired";
    /// <summary>The two-factor code is wrong.</summary>
    public const string TwoFactorWrong = "access.twoFactorWrong";
    /// <summary>Email or password is wrong.</summary>
    public const string EmailOrPasswordWrong = "access.emailOrPasswordWrong";
    /// <summary>Two-factor sign-in is on; turn it off before enrolling a new authenticator.</summary>
    public const string TwoFactorAlreadyOn = "access.twoFactorAlreadyOn";
    /// <summary>The current password or a current code is required.</summary>
    public const string CurrentPasswordOrCodeRequired = "access.currentPasswordOrCodeRequired";
    /// <summary>The code from the authenticator app is wrong.</summary>
    public const string AuthenticatorCodeWrong = "access.authenticatorCodeWrong";
    /// <summary>A new password is required.</summary>
    public const string NewPasswordRequired = "access.newPasswordRequired";
    /// <summary>The password or code is wrong.</summary>
    public const string PasswordOrCodeWrong = "access.passwordOrCodeWrong";
    /// <summary>You cannot disable your own account.</summary>
    public const string CannotDisableOwn = "access.cannotDisableOwn";
}
