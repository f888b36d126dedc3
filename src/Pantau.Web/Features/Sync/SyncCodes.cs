namespace Pantau.Web.Features.Sync;

/// <summary>
/// The codes Sync' rules and API answer with (keys of <c>Resources/SyncTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class SyncCodes
{
    /// <summary>A page holds 1 to 1000 rows.</summary>
    public const string PageSize = "sync.pageSize";
    /// <summary>A batch holds 1 to {0} events.</summary>
    public const string BatchSize = "sync.batchSize";
    /// <summary>The batch needs a valid {0} made in the last 5 minutes.</summary>
    public const string Unsigned = "sync.unsigned";
    /// <summary>A batch is at most {0} MiB.</summary>
    public const string TooLarge = "sync.tooLarge";

    // Why an event or a snapshot row is not applied (SyncReason), after the field it concerns.
    /// <summary>required</summary>
    public const string ReasonRequired = "sync.reason.required";
    /// <summary>required, at most {0} characters</summary>
    public const string ReasonRequiredAtMost = "sync.reason.requiredAtMost";
    /// <summary>at most {0} characters</summary>
    public const string ReasonAtMost = "sync.reason.atMost";
    /// <summary>at most {0} characters, without markup</summary>
    public const string ReasonNameForm = "sync.reason.nameForm";
    /// <summary>one of {0}</summary>
    public const string ReasonOneOf = "sync.reason.oneOf";
    /// <summary>required: one of {0}</summary>
    public const string ReasonRequiredOneOf = "sync.reason.requiredOneOf";
    /// <summary>missing</summary>
    public const string ReasonMissing = "sync.reason.missing";
    /// <summary>the full record is missing</summary>
    public const string ReasonFullRecordMissing = "sync.reason.fullRecordMissing";
    /// <summary>must be in the past 130 years</summary>
    public const string ReasonPast130 = "sync.reason.past130";
    /// <summary>not an ISO 3166-1 alpha-3 code</summary>
    public const string ReasonCountry = "sync.reason.country";
    /// <summary>at least one passport is required</summary>
    public const string ReasonOnePassport = "sync.reason.onePassport";
    /// <summary>listed twice</summary>
    public const string ReasonListedTwice = "sync.reason.listedTwice";
    /// <summary>5 to 9 letters A–Z and digits (ICAO 9303)</summary>
    public const string ReasonPassportNumber = "sync.reason.passportNumber";
    /// <summary>before the person was born</summary>
    public const string ReasonBeforeBirth = "sync.reason.beforeBirth";
    /// <summary>3 to 40 letters, digits, '-', '/' or '.'</summary>
    public const string ReasonPermitNumber = "sync.reason.permitNumber";
    /// <summary>a permit expires after it is issued</summary>
    public const string ReasonExpiresAfterIssue = "sync.reason.expiresAfterIssue";
    /// <summary>an ITAS or ITAP has a sponsor (penjamin)</summary>
    public const string ReasonSponsorRequired = "sync.reason.sponsorRequired";
    /// <summary>a village code looks like 31.74.02.1001</summary>
    public const string ReasonVillageForm = "sync.reason.villageForm";
    /// <summary>a number from {0} to {1}</summary>
    public const string ReasonRange = "sync.reason.range";
    /// <summary>in the future</summary>
    public const string ReasonFuture = "sync.reason.future";
    /// <summary>there is no village with this code</summary>
    public const string ReasonNoVillage = "sync.reason.noVillage";
    /// <summary>belongs to another registered person</summary>
    public const string ReasonTaken = "sync.reason.taken";
    /// <summary>the central record was never created here</summary>
    public const string ReasonUnknownPerson = "sync.reason.unknownPerson";
    /// <summary>required for a conversion</summary>
    public const string ReasonConversionRequired = "sync.reason.conversionRequired";
    /// <summary>a conversion makes a new permit</summary>
    public const string ReasonConversionNew = "sync.reason.conversionNew";
    /// <summary>the person holds no permit {0}</summary>
    public const string ReasonNoSuchPermit = "sync.reason.noSuchPermit";
    /// <summary>an extension ends after the current expiry</summary>
    public const string ReasonExtensionLater = "sync.reason.extensionLater";
    /// <summary>a cancelled permit cannot be extended</summary>
    public const string ReasonCancelledPermit = "sync.reason.cancelledPermit";
    /// <summary>{0} is not handled</summary>
    public const string ReasonNotHandled = "sync.reason.notHandled";
    /// <summary>an event is a JSON object</summary>
    public const string ReasonNotObject = "sync.reason.notObject";
    /// <summary>cannot be read at {0}: {1}</summary>
    public const string ReasonMalformed = "sync.reason.malformed";
    /// <summary>a number from 1 up, per person</summary>
    public const string ReasonSequenceFrom1 = "sync.reason.sequenceFrom1";
    /// <summary>unknown '{0}'</summary>
    public const string ReasonUnknownType = "sync.reason.unknownType";
    /// <summary>a whole number</summary>
    public const string ReasonWholeNumber = "sync.reason.wholeNumber";
    /// <summary>a number</summary>
    public const string ReasonNumber = "sync.reason.number";
    /// <summary>a date yyyy-MM-dd</summary>
    public const string ReasonDate = "sync.reason.date";
    /// <summary>sequence {0} was already reached</summary>
    public const string ReasonAlreadyReached = "sync.reason.alreadyReached";
    /// <summary>contained in the full record of sequence {0}</summary>
    public const string ReasonContainedIn = "sync.reason.containedIn";
    /// <summary>the snapshot file is empty</summary>
    public const string ReasonFileEmpty = "sync.reason.fileEmpty";
    /// <summary>the snapshot file has no column {0}</summary>
    public const string ReasonFileColumns = "sync.reason.fileColumns";
    /// <summary>malformed CSV (a stray quote)</summary>
    public const string ReasonStrayQuote = "sync.reason.strayQuote";
    /// <summary>{0} fields where the header has {1}</summary>
    public const string ReasonFieldCount = "sync.reason.fieldCount";
}
