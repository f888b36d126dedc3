namespace Pantau.Web.Features.Partners;

/// <summary>
/// The codes Partners' rules and API answer with (keys of <c>Resources/PartnersTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class PartnersCodes
{
    /// <summary>A kecamatan code such as 31.74.02 is required.</summary>
    public const string KecamatanCodeSuch31 = "partners.kecamatanCodeSuch31";
    /// <summary>A page holds 1 to 500 records.</summary>
    public const string PageHolds1500 = "partners.pageHolds1500";
    /// <summary>The record to open is required.</summary>
    public const string RecordOpenRequired = "partners.recordOpenRequired";
    /// <summary>A reason is required.</summary>
    public const string ReasonRequired = "partners.reasonRequired";
    /// <summary>The reason is 10 to 500 characters.</summary>
    public const string Reason10500Characters = "partners.reason10500Characters";
    /// <summary>An approval opens the record for 1 to 168 hours.</summary>
    public const string ApprovalOpensRecord1 = "partners.approvalOpensRecord1";
    /// <summary>A denial gives its reason (up to 500 characters).</summary>
    public const string DenialGivesReasonUp = "partners.denialGivesReasonUp";
    /// <summary>This record's designation has run out or is not yours: open the list of records again and choose it there.</summary>
    public const string RecordDesignationHasRun = "partners.recordDesignationHasRun";
    /// <summary>This request has been decided already.</summary>
    public const string RequestDecidedAlready = "partners.requestDecidedAlready";
    /// <summary>This request is {0}: the record is not open to you.</summary>
    public const string RequestNotOpen = "partners.requestNotOpen";
}
