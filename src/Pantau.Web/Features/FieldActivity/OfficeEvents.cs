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

    public async IAsyncEnumerable<object> ListenAsync(int officeId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        _listeners.GetOrAdd(officeId, _ => new())[id] = channel;
        try
        {
            await foreach (var evt in channel.Reader.ReadAllAsync(ct)) yield return evt;
        }
        finally
        {
            if (_listeners.TryGetValue(officeId, out var listeners)) listeners.TryRemove(id, out _);
        }
    }
}
