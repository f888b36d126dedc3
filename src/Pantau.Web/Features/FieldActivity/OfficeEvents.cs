using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Pantau.Web.Features.FieldActivity;

/// <summary>
/// In-process fan-out of live events to the open pages of one office (one instance; the multi-instance relay comes
/// with the operations console). A slow listener loses its oldest events rather than slowing the sender.
/// </summary>
public sealed class OfficeEvents
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Channel<object>>> _listeners = new();

    public void Publish(int officeId, object evt)
    {
        if (!_listeners.TryGetValue(officeId, out var listeners)) return;
        foreach (var channel in listeners.Values) channel.Writer.TryWrite(evt);
    }

    /// <summary>Starts listening at once, so nothing published after this call is missed; dispose to stop.</summary>
    public Subscription Subscribe(int officeId)
    {
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _listeners.GetOrAdd(officeId, _ => new())[id] = channel;
        return new Subscription(channel.Reader, () =>
        {
            if (_listeners.TryGetValue(officeId, out var listeners)) listeners.TryRemove(id, out _);
        });
    }

    public sealed class Subscription(ChannelReader<object> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<object> Reader => reader;
        public void Dispose() => unsubscribe();
    }
}
