using Pantau.Web.Data;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// Where the feature that raises one kind of live event keeps it, so the relay can read it back: for a payload too
/// large to NOTIFY (sent by reference) and to catch up after it lost its connection. Each feature that publishes
/// events implements it for its kind (the queue's reports in Operations, the officers' pings in FieldActivity); the
/// relay knows only this interface, and <see cref="EventRelayRegistration.AddEventRelay"/> picks the implementations up
/// from the assembly.
/// </summary>
public interface IStoredLiveEvents
{
    /// <summary>The <see cref="LiveEvent.Kind"/> these events have.</summary>
    string Kind { get; }

    /// <summary>The events with these ids (those that still exist).</summary>
    Task<List<LiveEvent>> LoadAsync(PantauDb db, IReadOnlyCollection<long> ids, CancellationToken ct);

    /// <summary>
    /// What may have happened while an instance was not listening: the events after <paramref name="lastSeen"/>, and
    /// those raised since <paramref name="since"/> (ids are handed out before commit, so one below the last seen can
    /// still commit later; with none seen yet, 0, only the latter). At most the latest
    /// <see cref="StoredLiveEvents.CatchUpLimit"/> (a page that reconnects gets older ones through Last-Event-ID),
    /// oldest first; the caller skips those it has seen.
    /// </summary>
    Task<List<LiveEvent>> SinceAsync(PantauDb db, long lastSeen, DateTime since, CancellationToken ct);
}

public static class StoredLiveEvents
{
    public const int CatchUpLimit = 1000;
}
