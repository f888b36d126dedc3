using System.Threading.Channels;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Writes what many concurrent callers hand in with one commit: the items that arrive while a write is under way wait
/// for the next, which takes them all. A caller's <see cref="WriteAsync"/> completes only once its item is committed,
/// so nothing is acknowledged before it is stored, and a database pays one transaction (one fsync on SQLite) for a
/// burst instead of one per request. If a group fails, each of its items is written alone, so that one bad item
/// (a repeated key, say) fails only its own caller.
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable where T : notnull
{
    private readonly Channel<(T Item, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new() { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _write;
    private readonly int _maxGroup;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public GroupCommit(Func<IReadOnlyList<T>, CancellationToken, Task> write, int maxGroup, ILogger log)
    {
        _write = write;
        _maxGroup = maxGroup;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once <paramref name="item"/> is committed; throws what its write threw.</summary>
    public async Task WriteAsync(T item, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((item, done), ct);
        // A caller that gives up does not take its item back: it may be committed all the same.
        await done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var group = new List<(T Item, TaskCompletionSource Done)>();
        // Runs until disposed and the queue is drained: what was handed in is written even while the app stops.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            group.Clear();
            while (group.Count < _maxGroup && _queue.Reader.TryRead(out var next)) group.Add(next);
            try
            {
                await _write(group.ConvertAll(g => g.Item), _stop.Token);
                foreach (var g in group) g.Done.TrySetResult();
            }
            catch (Exception e) when (group.Count > 1)
            {
                // Expected (two retries of one submission in a group): each alone settles it, and what still fails
                // reaches its own caller, whose handler logs it.
                _log.LogInformation("A group of {Count} writes failed ({Reason}); writing each alone", group.Count, e.GetBaseException().Message);
                foreach (var g in group)
                {
                    try
                    {
                        await _write([g.Item], _stop.Token);
                        g.Done.TrySetResult();
                    }
                    catch (Exception alone)
                    {
                        g.Done.TrySetException(alone);
                    }
                }
            }
            catch (Exception e)
            {
                group[0].Done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Give the last group a moment to commit; then cancel what is still running.
        if (await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(10))) != _loop) await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
