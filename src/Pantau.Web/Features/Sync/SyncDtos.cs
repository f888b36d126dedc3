using System.Text.Json;
using System.Text.Json.Serialization;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// One change event of the central database. <see cref="Person"/> is the full record (PersonCreated, PersonUpdated);
/// the other types carry the part that changed: a passport, a permit (PermitConverted also names the permit it
/// replaces), an address, or the date of a cancellation, departure or deportation.
/// </summary>
public sealed record CentralEventMessage(
    string? EventId,
    string? PersonId,
    long? Sequence,
    string? Type,
    DateTimeOffset? OccurredAt,
    ForeignerRequest? Person = null,
    PassportDto? Passport = null,
    PermitDto? Permit = null,
    string? PreviousPermitNumber = null,
    AddressDto? Address = null,
    DateOnly? EffectiveDate = null);

/// <summary>A push: read from the raw body (the signature covers its exact bytes); this type describes it in OpenAPI.</summary>
public sealed record CentralEventBatch(IReadOnlyList<CentralEventMessage> Events);

/// <summary>What a push changed: events applied, already known, held for a predecessor, parked, and already contained in a newer full record.</summary>
public sealed record BatchResult(int Received, int Applied, int Duplicates, int Waiting, int Parked, int Superseded,
    IReadOnlyList<EventOutcome> Events);

/// <summary>An event's state after a push; <c>reason</c> (in English) and <c>reasonCode</c> say why it was parked or superseded.</summary>
public sealed record EventOutcome(string EventId, string State, string? Reason, ReasonCode? ReasonCode);

public sealed record SyncEventSummary(string EventId, string PersonId, long Sequence, string? Type, DateTime OccurredAt, DateTime ReceivedAt,
    DateTime? AppliedAt, string? Reason, ReasonCode? ReasonCode);

public sealed record SyncState(long Applied, long Waiting, long Parked, long Superseded, SyncEventSummary? LastApplied, double? LagSeconds,
    DateTime? LastReceivedAt, IReadOnlyList<SyncEventSummary> WaitingEvents, IReadOnlyList<SyncEventSummary> ParkedEvents,
    SnapshotSummary? LastSnapshot);

public sealed record SnapshotSummary(Guid Id, string FileName, string Status, string StartedBy, DateTime StartedAt, DateTime? FinishedAt,
    long LastCommittedLine, long Created, long Updated, long Unchanged, long Missing, long Rejected, string? Error,
    ReasonCode? ErrorCode, IReadOnlyList<string> MissingSample);

public sealed record SnapshotRejectionResponse(long Line, string? PersonId, string Reason, ReasonCode? ReasonCode);

public static class SyncJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new StrictEnumConverterFactory() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static SnapshotSummary Summary(this SnapshotImport i)
    {
        var (error, code) = SyncReason.ForApi(i.Error);
        return new(i.Id, i.FileName, i.Status.ToString(), i.StartedBy, i.StartedAt, i.FinishedAt, i.LastCommittedLine, i.Created, i.Updated,
            i.Unchanged, i.Missing, i.Rejected, error, code, (i.MissingSample ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    public static SyncEventSummary Summary(this CentralEvent e)
    {
        var (reason, code) = SyncReason.ForApi(e.Reason);
        return new(e.EventId, e.CentralId, e.Sequence, e.Type?.ToString(), e.OccurredAt, e.ReceivedAt, e.AppliedAt, reason, code);
    }
}
