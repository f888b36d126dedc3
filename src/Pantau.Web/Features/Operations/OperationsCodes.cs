namespace Pantau.Web.Features.Operations;

/// <summary>
/// The codes Operations' rules and API answer with (keys of <c>Resources/OperationsTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class OperationsCodes
{
    /// <summary>At most 2,000 characters.</summary>
    public const string Most2000Characters = "operations.most2000Characters";
    /// <summary>Another officer decided on this report at the same moment. Their decision stands; reload the report.</summary>
    public const string AnotherOfficerDecidedReport = "operations.anotherOfficerDecidedReport";
    /// <summary>This report changed since you loaded it (another officer acted on it). Reload it and decide again.</summary>
    public const string ReportChangedSinceYou = "operations.reportChangedSinceYou";
    /// <summary>A rejection gives its reason: FalseReport, NotImmigration or OutsideJurisdiction.</summary>
    public const string RejectionGivesReasonFalseReport = "operations.rejectionGivesReasonFalseReport";
    /// <summary>Name the report this one is merged into.</summary>
    public const string NameReportOneMerged = "operations.nameReportOneMerged";
    /// <summary>Only a member of the team assigned to this report records its field steps.</summary>
    public const string OnlyMemberTeamAssigned = "operations.onlyMemberTeamAssigned";
    /// <summary>Outside the jurisdiction: name the office the report goes on to.</summary>
    public const string OutsideJurisdictionNameOffice = "operations.outsideJurisdictionNameOffice";
    /// <summary>Pick the team to send.</summary>
    public const string PickTeamSend = "operations.pickTeamSend";
    /// <summary>Send the findings as JSON or as a form (multipart/form-data, with photos).</summary>
    public const string SendFindingsJSONForm = "operations.sendFindingsJSONForm";
    /// <summary>Teams belong to an office: give officeId.</summary>
    public const string TeamsBelongOfficeGive = "operations.teamsBelongOfficeGive";
    /// <summary>This report has not gone up; its office handles it.</summary>
    public const string ReportNotEscalated = "operations.reportNotEscalated";
    /// <summary>This office has nobody reading reports in Pantau.</summary>
    public const string OfficeWithoutStaff = "operations.officeWithoutStaff";
    /// <summary>There is no office with this number in your area.</summary>
    public const string OfficeOutsideArea = "operations.officeOutsideArea";
    /// <summary>The action is Accept, Reject, Merge, Prioritise or Escalate.</summary>
    public const string ActionAcceptRejectMerge = "operations.actionAcceptRejectMerge";
    /// <summary>The live queue follows one office.</summary>
    public const string LiveQueueFollowsOne = "operations.liveQueueFollowsOne";
    /// <summary>The number of foreigners checked is between 0 and 500.</summary>
    public const string NumberForeignersCheckedBetween = "operations.numberForeignersCheckedBetween";
    /// <summary>The outcome is NoViolation, Warning, AdministrativeAction or ReferredToPolice.</summary>
    public const string OutcomeNoViolationWarningAdministrativeAction = "operations.outcomeNoViolationWarningAdministrativeAction";
    /// <summary>The priority is Low, Normal, High or Urgent.</summary>
    public const string PriorityLowNormalHigh = "operations.priorityLowNormalHigh";
    /// <summary>The reporter has not verified this report yet.</summary>
    public const string ReporterHasNotVerified = "operations.reporterHasNotVerified";
    /// <summary>The step is EnRoute or OnSite.</summary>
    public const string StepEnRouteOnSite = "operations.stepEnRouteOnSite";
    /// <summary>The summary is per office: give officeId.</summary>
    public const string SummaryPerOfficeGive = "operations.summaryPerOfficeGive";
    /// <summary>There is no active team with this id in the report's office.</summary>
    public const string ThereNoActiveTeam = "operations.thereNoActiveTeam";
    /// <summary>This team is not on duty now. Assign it with override, or pick a team on duty.</summary>
    public const string TeamNotDutyNow = "operations.teamNotDutyNow";
    /// <summary>At most {0} photos from the field.</summary>
    public const string AtMostFieldPhotos = "operations.atMostFieldPhotos";
}
