using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// One office's events of one kind as server-sent events: "ready" first (the headers go out and the page knows it is
/// live), then what the page missed since its Last-Event-ID, then the live ones, with a heartbeat when the office is
/// quiet so that proxies keep the connection and a dead one is noticed.
/// </summary>
public static class LiveStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A stream's end: the page leaves, or the app stops. Kestrel's graceful stop waits for every request to end, and a
    /// stream never would: closed at once instead, the page reconnects (to another instance) with its Last-Event-ID.
    /// </summary>
    public static CancellationToken EndOf(HttpContext http)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var end = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.RegisterForDispose(end);
        return end.Token;
    }

    /// <param name="missed">The events after the given id (and those committed late around it), oldest first, read from the database.</param>
    public static ServerSentEventsResult<string> Serve(HttpContext http, LiveEventHub hub, int officeId, string kind,
        Func<long, CancellationToken, Task<IReadOnlyList<LiveEvent>>> missed)
    {
        var subscription = hub.Subscribe(officeId, kind); // before anything is read: no event falls in between
        http.Response.RegisterForDispose(subscription);
        long.TryParse(http.Request.Headers["Last-Event-ID"], CultureInfo.InvariantCulture, out var lastSeen);
        var ct = EndOf(http);
        return TypedResults.ServerSentEvents(Items());

        async IAsyncEnumerable<SseItem<string>> Items()
        {
            yield return new SseItem<string>("{}", "ready");
            // Ids are not a clock across instances (one may commit a lower id after another's higher one), so live events
            // are not filtered by id: only those the catch-up just sent are skipped. A page takes an event twice calmly.
            var replayed = new HashSet<long>();
            if (lastSeen > 0)
                foreach (var e in await missed(lastSeen, ct))
                {
                    replayed.Add(e.Id);
                    yield return Item(e);
                }
            // One heartbeat timer per stream, pushed back at every wake-up: a Task.Delay per wait would leave a 20-second
            // timer behind for every event on every stream (500 consoles, a few events a second: tens of thousands).
            var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    quiet.CancelAfter(Heartbeat);
                    bool more, heartbeat = false;
                    try
                    {
                        more = await subscription.Reader.WaitToReadAsync(quiet.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        quiet.Dispose(); // a cancelled source cannot be reused
                        quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        more = heartbeat = true;
                    }
                    catch (OperationCanceledException)
                    {
                        more = false; // the page left, or the app is stopping
                    }
                    if (heartbeat)
                    {
                        yield return new SseItem<string>("{}", "heartbeat");
                        continue;
                    }
                    if (!more) yield break;
                    while (subscription.Reader.TryRead(out var e))
                        if (!replayed.Contains(e.Id))
                            yield return Item(e);
                }
            }
            finally
            {
                quiet.Dispose();
            }
        }

        SseItem<string> Item(LiveEvent e) => new(e.Data, kind) { EventId = e.Id.ToString(CultureInfo.InvariantCulture) };
    }
}
