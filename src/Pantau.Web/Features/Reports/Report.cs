using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>The categories immigration offices use for a pengaduan.</summary>
public enum ReportCategory { Overstay, UnauthorisedWork, PublicDisorder, SuspiciousActivity, NotAtAddress, Other }

/// <summary>
/// Received: stored, waiting for its reporter to prove a phone number. Verified: in the officers' queue, to be triaged.
/// Accepted: triaged, waiting for a team. Dispatched, EnRoute, OnSite: a team is on it. Resolved, Rejected, Merged
/// (into another report of the same thing): closed.
/// </summary>
public enum ReportStatus { Received, Verified, Accepted, Dispatched, EnRoute, OnSite, Resolved, Rejected, Merged }

public enum ReportPriority { Low, Normal, High, Urgent }

/// <summary>Why triage turns a report away; outside the office's jurisdiction it goes on to the office that holds the place.</summary>
public enum RejectionReason { FalseReport, NotImmigration, OutsideJurisdiction }

/// <summary>
/// Why a report waits for the regional division (or, in a province without one, the national desk) to hand it to an
/// office that can act: its office asked (no team to send), or its office has nobody in Pantau to read it.
/// </summary>
public enum Escalation { OfficeAsked, OfficeWithoutStaff }

/// <summary>What the team found on site (the outcomes immigration offices record after a field visit).</summary>
public enum FieldOutcome { NoViolation, Warning, AdministrativeAction, ReferredToPolice }

/// <summary>A resident's report of a foreigner's violation (SIPOA).</summary>
public sealed class Report
{
    public const int MaxDescription = 4000;
    public const int MaxAddress = 300;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What the reporter keeps to follow the report: short, unambiguous when read over the phone.</summary>
    public required string Ticket { get; init; }
    public ReportCategory Category { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    /// <summary>The kelurahan: the one picked, or the one the position lies in.</summary>
    public string? VillageCode { get; init; }
    /// <summary>
    /// Set when the reporter gave both a position and a kelurahan and the position lies more than
    /// <see cref="ReportRules.PlaceDisagreesBeyondMetres"/> outside it: how far, for the officer to see ("position and place
    /// disagree"); the report is taken all the same.
    /// </summary>
    public int? PositionOffPlaceMetres { get; init; }
    public string? Address { get; init; }
    public DateTime OccurredAt { get; init; }
    public required string Description { get; init; }
    public string? PersonNationality { get; init; }
    public string? PersonName { get; init; }
    public string? Workplace { get; init; }

    /// <summary>A public reporter (proved phone) or a trusted account (RT/RW head, partner); one of the two.</summary>
    public Guid? ReporterId { get; private set; }
    public Guid? TrustedReporterId { get; init; }
    /// <summary>The office holding the place; triage may forward the report to another (<see cref="Forward"/>).</summary>
    public required int OfficeId { get; set; }
    public Guid? IncidentId { get; private set; }
    public ReportStatus Status { get; private set; }
    /// <summary>The officers' note on the last step: internal, never shown to the reporter or the public.</summary>
    public string? StatusNote { get; private set; }
    /// <summary>What the reporter and the public are told of the last step: the system's words, or an officer's explicit public note.</summary>
    public string? PublicNote { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? VerifiedAt { get; private set; }

    // The operations workflow: who decided what, when (the SLA clocks read these).
    public ReportPriority Priority { get; private set; } = ReportPriority.Normal;
    /// <summary>Changes with every decision, so that of two officers deciding at once only the first one's counts.</summary>
    public int Revision { get; private set; }
    public DateTime? TriagedAt { get; private set; }
    public DateTime? DispatchedAt { get; private set; }
    public DateTime? EnRouteAt { get; private set; }
    public DateTime? ArrivedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int? TeamId { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    public RejectionReason? RejectionReason { get; private set; }
    public int? ForwardedFromOfficeId { get; private set; }
    public FieldOutcome? Outcome { get; private set; }
    public string? FindingsNote { get; private set; }
    public int? ForeignersChecked { get; private set; }
    /// <summary>Set while the report waits for the regional division or the national desk (<see cref="Escalate"/>).</summary>
    public Escalation? Escalation { get; private set; }
    public DateTime? EscalatedAt { get; private set; }
    /// <summary>Replies from the reporter no officer has read yet: the queue shows them.</summary>
    public int UnreadReplies { get; private set; }

    /// <summary>The client's key for this submission: a repeated POST with it returns this report.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>SHA-256 of what was submitted under the key: a repeat with another body is refused (null: reports before it was kept).</summary>
    public string? SubmissionHash { get; init; }

    /// <summary>
    /// Set when the report had to wait for its reporter's phone: the Open311 token. It is kept after verification, so
    /// that <c>tokens/{token}</c> then answers with the ticket; it verifies nothing twice (only a Received report is verified).
    /// </summary>
    public string? VerificationToken { get; private set; }
    public string? DeviceId { get; init; }
    public string? ClientAddress { get; init; }
    /// <summary>The Open311 client application (API key) that sent the report: it sees its own reports in full.</summary>
    public Guid? ApiClientId { get; init; }
    /// <summary>That application's name when the report came: what the console shows as its source.</summary>
    public string? ClientName { get; init; }

    /// <summary>The hashes of the reporter's keys (<see cref="ReportKey"/>).</summary>
    public List<ReportKey> Keys { get; init; } = [];
    /// <summary>The key issued in this unit of work, for the receipt or the text message that carries it; never stored.</summary>
    public string? IssuedKey { get; private set; }

    /// <summary>A new key for the reporter (the old ones stay valid); only its hash is kept.</summary>
    public string IssueKey(DateTime now)
    {
        var key = ReportKey.New();
        Keys.Add(new ReportKey { Hash = ReportKey.HashOf(key), ReportId = Id, IssuedAt = now });
        return IssuedKey = key;
    }

    public List<ReportPhoto> Photos { get; init; } = [];
    public List<ReportStatusChange> History { get; init; } = [];

    public void AwaitVerification(string token, DateTime now)
    {
        Status = ReportStatus.Received;
        VerificationToken = token;
        History.Add(new ReportStatusChange { At = now, Status = ReportStatus.Received });
    }

    /// <summary>The reporter is known: the report enters the queue, within its incident.</summary>
    public void Verify(Guid? reporterId, Guid incidentId, DateTime now)
    {
        if (Status != ReportStatus.Received) return;
        ReporterId ??= reporterId;
        IncidentId = incidentId;
        Status = ReportStatus.Verified;
        VerifiedAt = now;
        History.Add(new ReportStatusChange { At = now, Status = ReportStatus.Verified });
    }

    public void BindReporter(Guid reporterId) => ReporterId ??= reporterId;

    public bool IsOpen => Status is ReportStatus.Verified or ReportStatus.Accepted or ReportStatus.Dispatched or ReportStatus.EnRoute or ReportStatus.OnSite;

    // Each decision below checks that it fits the report's state and says why not (the API answers 409 with it).

    public Message? Accept(ReportPriority? priority, DateTime now)
    {
        if (Status != ReportStatus.Verified) return AlreadyDecided();
        if (priority is { } p) Priority = p;
        TriagedAt = now;
        MoveTo(ReportStatus.Accepted, null, null, now);
        return null;
    }

    // Triage decides once: what comes after acceptance is the team's (dispatch, findings, close).

    public Message? Reject(RejectionReason reason, string? note, string publicNote, DateTime now)
    {
        if (Status != ReportStatus.Verified) return AlreadyDecided();
        RejectionReason = reason;
        TriagedAt ??= now;
        ClosedAt = now;
        MoveTo(ReportStatus.Rejected, note, publicNote, now);
        return null;
    }

    /// <summary>
    /// To another office, to be triaged there: one outside the office's jurisdiction, or one accepted that the office
    /// has no team to send to (a report is never left waiting for a team that does not exist). Once a team has it, no.
    /// </summary>
    public Message? Forward(int officeId, string? note, string publicNote, DateTime now)
    {
        if (Status is not (ReportStatus.Verified or ReportStatus.Accepted)) return AlreadyDecided();
        if (officeId == OfficeId) return ReportsCodes.ReportAlreadyOffice;
        RejectionReason = Reports.RejectionReason.OutsideJurisdiction;
        ForwardedFromOfficeId = OfficeId;
        OfficeId = officeId;
        TriagedAt = null;
        MoveTo(ReportStatus.Verified, note, publicNote, now);
        return null;
    }

    /// <summary>
    /// Up to the regional division (or the national desk), which hands it to an office that can act. The report stays in
    /// its office's queue meanwhile: whoever acts on it first (the office, or the division forwarding it) ends the wait.
    /// </summary>
    public Message? Escalate(Escalation why, string? note, string publicNote, DateTime now)
    {
        if (Status is not (ReportStatus.Verified or ReportStatus.Accepted)) return AlreadyDecided();
        if (Escalation is not null) return ReportsCodes.ReportAlreadyEscalated;
        MoveTo(Status, note, publicNote, now);
        Escalation = why;
        EscalatedAt = now;
        return null;
    }

    /// <summary>
    /// Into another report of the same thing. The other report's ticket is for the officers only: its reporter's key
    /// and ticket are not this reporter's business, so the public note says only that it was merged.
    /// </summary>
    public Message? MergeInto(Report other, string? note, string? publicNote, DateTime now)
    {
        if (Status != ReportStatus.Verified) return AlreadyDecided();
        if (other.Id == Id) return ReportsCodes.ReportCannotMergedInto;
        if (!other.IsOpen) return new Message(ReportsCodes.MergeTargetClosed, other.Ticket);
        MergedIntoId = other.Id;
        TriagedAt ??= now;
        ClosedAt = now;
        MoveTo(ReportStatus.Merged, TextCatalog.Format("reports.history.merged", TextCatalog.Indonesian, other.Ticket) + (note is null ? "" : $" {note}"),
            publicNote, now);
        return null;
    }

    public Message? Prioritise(ReportPriority priority)
    {
        if (!IsOpen) return Closed();
        Priority = priority;
        Revision++;
        return null;
    }

    /// <summary>A team takes the report; before it has set out it may still be given to another team.</summary>
    public Message? Dispatch(int teamId, string note, string? publicNote, DateTime now)
    {
        if (Status is not (ReportStatus.Verified or ReportStatus.Accepted or ReportStatus.Dispatched))
            return IsOpen ? ReportsCodes.TeamAlreadyWayReport : Closed();
        TeamId = teamId;
        TriagedAt ??= now;
        DispatchedAt ??= now;
        MoveTo(ReportStatus.Dispatched, note, publicNote, now);
        return null;
    }

    public Message? SetOut(DateTime now)
    {
        if (Status != ReportStatus.Dispatched) return Status is ReportStatus.EnRoute ? ReportsCodes.TeamAlreadyWay : NotWithTeam();
        EnRouteAt = now;
        MoveTo(ReportStatus.EnRoute, null, null, now);
        return null;
    }

    public Message? Arrive(DateTime now)
    {
        if (Status is not (ReportStatus.Dispatched or ReportStatus.EnRoute)) return Status is ReportStatus.OnSite ? ReportsCodes.TeamAlreadySite : NotWithTeam();
        EnRouteAt ??= now;
        ArrivedAt = now;
        MoveTo(ReportStatus.OnSite, null, null, now);
        return null;
    }

    /// <summary>What the team found; it may be corrected until the report is closed.</summary>
    public Message? RecordFindings(FieldOutcome outcome, string? note, int foreignersChecked)
    {
        if (Status != ReportStatus.OnSite) return Status is ReportStatus.Dispatched or ReportStatus.EnRoute ? ReportsCodes.MarkTeamSiteBefore : NotWithTeam();
        Outcome = outcome;
        FindingsNote = note;
        ForeignersChecked = foreignersChecked;
        Revision++;
        return null;
    }

    public Message? Resolve(string? note, string publicNote, DateTime now)
    {
        if (Status != ReportStatus.OnSite) return NotWithTeam();
        if (Outcome is null) return ReportsCodes.RecordFindingsBeforeResolving;
        ClosedAt = now;
        MoveTo(ReportStatus.Resolved, note, publicNote, now);
        return null;
    }

    public void ReplyArrived() => UnreadReplies++;
    public void RepliesRead() => UnreadReplies = 0;

    private void MoveTo(ReportStatus status, string? note, string? publicNote, DateTime now)
    {
        Status = status;
        Escalation = null; // someone acted on it: it waits for nobody above the office any more
        EscalatedAt = null;
        StatusNote = note;
        PublicNote = publicNote;
        Revision++;
        History.Add(new ReportStatusChange { At = now, Status = status, Note = note, PublicNote = publicNote });
    }

    private Message AlreadyDecided() => new(ReportsCodes.DecidedAlready, StatusName);
    private Message Closed() => new(ReportsCodes.Closed, StatusName);
    private Message NotWithTeam() => IsOpen ? new(ReportsCodes.NotWithTeamOnSite, StatusName) : Closed();
    private Message StatusName => new($"reportStatus.{Status}");
}

public sealed class ReportPhoto
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerReport = 3;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReportId { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    /// <summary>Taken by the team on site (findings), not sent by the reporter.</summary>
    public bool FromTeam { get; init; }
}

public sealed class ReportStatusChange
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public DateTime At { get; init; }
    public ReportStatus Status { get; init; }
    /// <summary>The officers' note: internal.</summary>
    public string? Note { get; init; }
    /// <summary>What the reporter and the public were told of this step.</summary>
    public string? PublicNote { get; init; }
}

/// <summary>
/// Reports of the same category within 200 m and 24 hours are one incident; what counts is how many different
/// reporters saw it.
/// </summary>
public sealed class Incident
{
    public const double RadiusMetres = 200;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ReportCategory Category { get; init; }
    public int OfficeId { get; init; }
    /// <summary>Where the first report with GPS placed it; null for an incident known only by its kelurahan.</summary>
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public required string VillageCode { get; init; }
    public DateTime FirstReportAt { get; init; }
    public DateTime LastReportAt { get; set; }
}
