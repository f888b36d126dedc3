namespace Pantau.Web.Features.Reports;

/// <summary>
/// The codes Reports' rules and API answer with (keys of <c>Resources/ReportsTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class ReportsCodes
{
    /// <summary>An Indonesian mobile number, written 08… or +628….</summary>
    /// <summary>Write the message.</summary>
    public const string WriteMessage = "reports.writeMessage";
    public const string IndonesianMobileNumberWritten = "reports.indonesianMobileNumberWritten";
    /// <summary>The code has expired. Ask for a new one.</summary>
    public const string CodeHasExpiredAsk = "reports.codeHasExpiredAsk";
    /// <summary>The code is wrong.</summary>
    public const string CodeWrong = "reports.codeWrong";
    /// <summary>Too many wrong codes. Ask for a new one.</summary>
    public const string TooManyWrongCodes = "reports.tooManyWrongCodes";
    /// <summary>Too many codes were sent to this number. Try again in an hour.</summary>
    public const string TooManyCodesWere = "reports.tooManyCodesWere";
    /// <summary>The report cannot be read: send a form (multipart/form-data) or JSON.</summary>
    public const string ReportCannotReadSend = "reports.reportCannotReadSend";
    /// <summary>At most 100 characters.</summary>
    public const string Most100Characters = "reports.most100Characters";
    /// <summary>At most 200 characters.</summary>
    public const string Most200Characters = "reports.most200Characters";
    /// <summary>At most 300 characters.</summary>
    public const string Most300Characters = "reports.most300Characters";
    /// <summary>At most 3 photos.</summary>
    public const string Most3Photos = "reports.most3Photos";
    /// <summary>No immigration office in Pantau covers this kelurahan yet; report it to the nearest Kantor Imigrasi.</summary>
    public const string NoImmigrationOfficePantau = "reports.noImmigrationOfficePantau";
    /// <summary>There is no kelurahan/desa with this code.</summary>
    public const string ThereNoKelurahanDesa = "reports.thereNoKelurahanDesa";
    /// <summary>This device has sent the most reports allowed in an hour.</summary>
    public const string DeviceHasSentMost = "reports.deviceHasSentMost";
    /// <summary>The reporter token is unknown or expired. Verify your phone again.</summary>
    public const string ReporterTokenUnknownExpired = "reports.reporterTokenUnknownExpired";
    /// <summary>This phone number has sent the most reports allowed in a day.</summary>
    public const string PhoneNumberHasSent = "reports.phoneNumberHasSent";
    /// <summary>This number is blocked after repeated false reports. Contact the immigration office.</summary>
    public const string NumberBlockedAfterRepeated = "reports.numberBlockedAfterRepeated";
    /// <summary>Too many requests from this address. Try again later.</summary>
    public const string TooManyRequestsAddress = "reports.tooManyRequestsAddress";
    /// <summary>Pick what happened.</summary>
    public const string PickCategoryOverstayUnauthorisedWork = "reports.pickCategoryOverstayUnauthorisedWork";
    /// <summary>The GPS position is incomplete; remove it and take it again.</summary>
    public const string PositionNeedsLatitude90 = "reports.positionNeedsLatitude90";
    /// <summary>This position is outside Indonesia; Pantau takes reports from Indonesia only.</summary>
    public const string PositionOutsideIndonesiaPantau = "reports.positionOutsideIndonesiaPantau";
    /// <summary>Pick the village (kelurahan/desa) where it happened.</summary>
    public const string PickKelurahanDesaWhere = "reports.pickKelurahanDesaWhere";
    /// <summary>When did it happen?</summary>
    public const string WhenDidHappen = "reports.whenDidHappen";
    /// <summary>The time is in the past year, not in the future.</summary>
    public const string TimePastYearNot = "reports.timePastYearNot";
    /// <summary>This is required.</summary>
    public const string Required = "reports.required";
    /// <summary>The apparent nationality is a 3-letter code (ISO 3166-1 alpha-3) such as CHN, or empty.</summary>
    public const string ApparentNationalityISO3166 = "reports.apparentNationalityISO3166";
    /// <summary>A photo is at most 5 MB.</summary>
    public const string PhotoMost5MB = "reports.photoMost5MB";
    /// <summary>A photo is a JPEG, PNG or WebP image (checked by its content, not its name).</summary>
    public const string PhotoJPEGPNGWebP = "reports.photoJPEGPNGWebP";
    /// <summary>A file holds at most 5000 guests.</summary>
    public const string FileHoldsMost5000 = "reports.fileHoldsMost5000";
    /// <summary>A report cannot be merged into itself.</summary>
    public const string ReportCannotMergedInto = "reports.reportCannotMergedInto";
    /// <summary>Mark the team on site before recording findings.</summary>
    public const string MarkTeamSiteBefore = "reports.markTeamSiteBefore";
    /// <summary>Record the findings before resolving the report.</summary>
    public const string RecordFindingsBeforeResolving = "reports.recordFindingsBeforeResolving";
    /// <summary>The report already waits for the regional division or the national desk.</summary>
    public const string ReportAlreadyEscalated = "reports.reportAlreadyEscalated";
    /// <summary>The report is already with this office.</summary>
    public const string ReportAlreadyOffice = "reports.reportAlreadyOffice";
    /// <summary>The team is already on its way.</summary>
    public const string TeamAlreadyWay = "reports.teamAlreadyWay";
    /// <summary>The team is already on its way; the report stays with it.</summary>
    public const string TeamAlreadyWayReport = "reports.teamAlreadyWayReport";
    /// <summary>The team is already on site.</summary>
    public const string TeamAlreadySite = "reports.teamAlreadySite";
    /// <summary>This report is closed; make a new report if something new happened.</summary>
    public const string ReportClosedMakeNew = "reports.reportClosedMakeNew";
    /// <summary>Verify your phone number first; then the officers can read your messages.</summary>
    public const string VerifyPhoneNumberFirst = "reports.verifyPhoneNumberFirst";
    /// <summary>Too many codes are being sent now. Try again later.</summary>
    public const string TooManyCodesBeing = "reports.tooManyCodesBeing";
    /// <summary>Many codes were asked for from this network: solve the check (the page does it by itself) and send again.</summary>
    public const string ManyCodesWereAsked = "reports.manyCodesWereAsked";
    /// <summary>This Idempotency-Key was already used for a different report. Use a new key for a new report.</summary>
    public const string IdempotencyKeyWasAlready = "reports.idempotencyKeyWasAlready";
    /// <summary>This network has sent the most unverified reports allowed in an hour. Verify your phone number to send more.</summary>
    public const string NetworkHasSentMost = "reports.networkHasSentMost";
    /// <summary>At most {0} photos.</summary>
    public const string AtMostPhotos = "reports.atMostPhotos";
    /// <summary>This report has been decided already: {0}.</summary>
    public const string DecidedAlready = "reports.decidedAlready";
    /// <summary>This report is closed: {0}.</summary>
    public const string Closed = "reports.closed";
    /// <summary>The report is not with a team on site: {0}.</summary>
    public const string NotWithTeamOnSite = "reports.notWithTeamOnSite";
    /// <summary>Report {0} is closed; merge into an open report.</summary>
    public const string MergeTargetClosed = "reports.mergeTargetClosed";
    /// <summary>This application has sent the most reports allowed in an hour.</summary>
    public const string ClientHasSentMost = "reports.clientHasSentMost";
}
