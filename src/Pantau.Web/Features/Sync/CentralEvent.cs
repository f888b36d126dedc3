namespace Pantau.Web.Features.Sync;

/// <summary>What the central database says happened to a person.</summary>
public enum CentralEventType
{
    PersonCreated, PersonUpdated, PassportRenewed, PermitIssued, PermitExtended, PermitConverted, PermitCancelled, AddressChanged,
    Departed, Deported,
}

/// <summary>
/// Applied: in the registry. Waiting: held until the events before it for the same person arrive. Parked: a bad event,
/// in the dead-letter list with its reason. Superseded: arrived after a full record that already contains it.
/// </summary>
public enum CentralEventState { Applied, Waiting, Parked, Superseded }

/// <summary>
/// The ledger of every event received, by the central database's event id: a re-delivered event is found here and
/// changes nothing. Waiting and parked events keep their body, so that they can be applied or examined later.
/// </summary>
public sealed class CentralEvent
{
    public const int MaxIdLength = 100;

    public required string EventId { get; init; }
    public required string CentralId { get; init; }
    public long Sequence { get; init; }
    public CentralEventType? Type { get; init; }
    public CentralEventState State { get; set; }
    public string? Reason { get; set; }

    /// <summary>The event as received (JSON), kept while it waits or when it is parked.</summary>
    public string? Payload { get; set; }
    public DateTime OccurredAt { get; init; }
    public DateTime ReceivedAt { get; init; }
    public DateTime? AppliedAt { get; set; }

    /// <summary>The registry record it changed.</summary>
    public Guid? ForeignerId { get; set; }
}
