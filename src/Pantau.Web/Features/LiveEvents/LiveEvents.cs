using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// Something the open pages of one office should see at once: a report that entered or changed in the queue
/// (<see cref="Kinds.Report"/>), an officer's ping (<see cref="Kinds.Position"/>). <see cref="Id"/> orders the events
/// of one kind (a page that reconnects says the last one it saw); <see cref="Data"/> is the JSON the page receives.
/// </summary>
public sealed record LiveEvent(string Kind, long Id, int OfficeId, string Data)
{
    /// <summary>
    /// An event whose data was not built because no page here wanted it: the other instances are told of it (the relay
    /// sends a reference) and those with a page following the office read it from the database.
    /// </summary>
    public static LiveEvent Reference(string kind, long id, int officeId) => new(kind, id, officeId, "");

    public bool IsReference => Data.Length == 0;
}

public static class Kinds
{
    public const string Report = "report";
    public const string Position = "position";
}

/// <summary>
/// Carries an event to the other instances serving the same database. One instance on SQLite has no one to tell; on
/// PostgreSQL every instance hears every other through LISTEN/NOTIFY.
/// </summary>
public interface IEventRelay
{
    void Forward(LiveEvent e);
}

public sealed class NoRelay : IEventRelay
{
    public void Forward(LiveEvent e) { }
}

/// <summary>
/// Fan-out of live events to the open pages of an office on this instance, and through <see cref="IEventRelay"/> to
/// those on the others. A slow listener loses its oldest events rather than slowing the sender (it can catch up with
/// Last-Event-ID).
/// </summary>
public sealed class LiveEventHub(IEventRelay relay) : Pantau.Web.Infrastructure.IObservedState
{
    /// <summary><c>pantau.live.connections</c>: the pages following live events on this instance, by kind.</summary>
    public void Observe(System.Diagnostics.Metrics.Meter meter) =>
        meter.CreateObservableGauge("pantau.live.connections", () => _listeners
            .GroupBy(l => l.Key.Kind)
            .Select(g => new System.Diagnostics.Metrics.Measurement<long>(g.Sum(l => (long)l.Value.Count), new KeyValuePair<string, object?>("kind", g.Key))),
            "{connection}", "Pages following live events on this instance.");

    private readonly ConcurrentDictionary<(int Office, string Kind), ConcurrentDictionary<Guid, Channel<LiveEvent>>> _listeners = new();

    /// <summary>An event that happened here: to this instance's listeners, and to the other instances.</summary>
    public void Publish(LiveEvent e)
    {
        Deliver(e);
        relay.Forward(e);
    }

    /// <summary>
    /// To this instance's listeners only (what the relay calls for an event from another instance). An event without
    /// data (<see cref="LiveEvent.IsReference"/>) is for the other instances only: nobody here was listening.
    /// </summary>
    public void Deliver(LiveEvent e)
    {
        if (e.IsReference || !_listeners.TryGetValue((e.OfficeId, e.Kind), out var listeners)) return;
        foreach (var channel in listeners.Values) channel.Writer.TryWrite(e);
    }

    /// <summary>Whether a page on this instance follows the office's events of this kind (else there is nothing to build for it here).</summary>
    public bool HasListeners(int officeId, string kind) => _listeners.TryGetValue((officeId, kind), out var listeners) && !listeners.IsEmpty;

    /// <summary>Starts listening at once, so nothing published after this call is missed; dispose to stop.</summary>
    public Subscription Subscribe(int officeId, string kind)
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        var key = (officeId, kind);
        _listeners.GetOrAdd(key, _ => new())[id] = channel;
        return new Subscription(channel.Reader, () =>
        {
            if (_listeners.TryGetValue(key, out var listeners)) listeners.TryRemove(id, out _);
        });
    }

    public sealed class Subscription(ChannelReader<LiveEvent> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<LiveEvent> Reader => reader;
        public void Dispose() => unsubscribe();
    }
}
