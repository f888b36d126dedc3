using System.Globalization;
using System.Net.ServerSentEvents;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// One office's events of one kind as server-sent events: "ready" first (the headers go out and the page knows it is
/// live), then what the page missed since its Last-Event-ID, then the live ones, with a heartbeat when the office is
/// quiet so that proxies keep the connection and a dead one is noticed.
/// </summary>
public static class LiveStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <param name="missed">The events after the given id, oldest first, read from the database.</param>
    public static IResult Serve(HttpContext http, LiveEventHub hub, int officeId, string kind,
        Func<long, CancellationToken, Task<IReadOnlyList<LiveEvent>>> missed)
    {
        var subscription = hub.Subscribe(officeId, kind); // before anything is read: no event falls in between
        http.Response.RegisterForDispose(subscription);
        long.TryParse(http.Request.Headers["Last-Event-ID"], CultureInfo.InvariantCulture, out var lastSeen);
        var ct = http.RequestAborted;
        return TypedResults.ServerSentEvents(Items());

        async IAsyncEnumerable<SseItem<string>> Items()
        {
            yield return new SseItem<string>("{}", "ready");
            var sent = lastSeen;
            if (lastSeen > 0)
                foreach (var e in await missed(lastSeen, ct))
                {
                    sent = e.Id;
                    yield return Item(e);
                }
            while (!ct.IsCancellationRequested)
            {
                var waiting = subscription.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(waiting, Task.Delay(Heartbeat, ct)) != waiting)
                {
                    yield return new SseItem<string>("{}", "heartbeat");
                    continue;
                }
                if (!await waiting) yield break;
                while (subscription.Reader.TryRead(out var e))
                    if (e.Id > sent)
                        yield return Item(e);
            }
        }

        SseItem<string> Item(LiveEvent e) => new(e.Data, kind) { EventId = e.Id.ToString(CultureInfo.InvariantCulture) };
    }
}
