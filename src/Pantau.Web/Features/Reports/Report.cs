namespace Pantau.Web.Features.Reports;

/// <summary>The categories immigration offices use for a pengaduan.</summary>
public enum ReportCategory { Overstay, UnauthorisedWork, PublicDisorder, SuspiciousActivity, NotAtAddress, Other }

/// <summary>
/// Received: stored, waiting for its reporter to prove a phone number. Verified: in the officers' queue.
/// Dispatched: a team is on it. Resolved / Rejected: closed.
/// </summary>
public enum ReportStatus { Received, Verified, Dispatched, Resolved, Rejected }

/// <summary>A resident's report of a foreigner's violation (SIPOA).</summary>
public sealed class Report
{
    public const int MaxDescription = 2000;
    public const int MaxAddress = 300;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What the reporter keeps to follow the report: short, unambiguous when read over the phone.</summary>
    public required string Ticket { get; init; }
    public ReportCategory Category { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    /// <summary>The kelurahan picked from the region list; null when only a GPS position was given.</summary>
    public string? VillageCode { get; init; }
    public string? Address { get; init; }
    public DateTime OccurredAt { get; init; }
    public required string Description { get; init; }
    public string? PersonNationality { get; init; }
    public string? PersonName { get; init; }
    public string? Workplace { get; init; }

    /// <summary>A public reporter (proved phone) or a trusted account (RT/RW head, partner); one of the two.</summary>
    public Guid? ReporterId { get; private set; }
    public Guid? TrustedReporterId { get; init; }
    public int OfficeId { get; init; }
    public Guid? IncidentId { get; private set; }
    public ReportStatus Status { get; private set; }
    public string? StatusNote { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? VerifiedAt { get; private set; }

    /// <summary>The client's key for this submission: a repeated POST with it returns this report.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>
    /// Set when the report had to wait for its reporter's phone: the Open311 token. It is kept after verification, so
    /// that <c>tokens/{token}</c> then answers with the ticket; it verifies nothing twice (only a Received report is verified).
    /// </summary>
    public string? VerificationToken { get; private set; }
    public string? DeviceId { get; init; }
    public string? ClientAddress { get; init; }

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

    public void MoveTo(ReportStatus status, string? note, DateTime now)
    {
        Status = status;
        StatusNote = note;
        History.Add(new ReportStatusChange { At = now, Status = status, Note = note });
    }
}

public sealed class ReportPhoto
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerReport = 3;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReportId { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
}

public sealed class ReportStatusChange
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public DateTime At { get; init; }
    public ReportStatus Status { get; init; }
    public string? Note { get; init; }
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
