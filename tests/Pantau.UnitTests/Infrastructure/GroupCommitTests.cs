using Microsoft.Extensions.Logging.Abstractions;
using Pantau.Web.Infrastructure;

namespace Pantau.UnitTests.Infrastructure;

public class GroupCommitTests
{
    [Fact]
    public async Task What_is_handed_in_during_a_write_waits_and_is_written_together_by_the_next()
    {
        var groups = new List<int[]>();
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var writes = new GroupCommit<int>(async (items, _) =>
        {
            lock (groups) groups.Add([.. items]);
            if (items.Contains(0)) { writing.SetResult(); await release.Task; }
        }, maxGroup: 100, NullLogger.Instance);

        var zero = writes.WriteAsync(0, CancellationToken.None);
        await writing.Task;
        var rest = Enumerable.Range(1, 10).Select(i => writes.WriteAsync(i, CancellationToken.None)).ToArray();
        await Task.Delay(50);
        Assert.False(zero.IsCompleted); // not acknowledged before its write has finished
        Assert.DoesNotContain(rest, t => t.IsCompleted);

        release.SetResult();
        await Task.WhenAll([zero, .. rest]);
        Assert.Equal([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], groups);
    }

    [Fact]
    public async Task A_group_that_fails_is_written_item_by_item_so_that_only_the_bad_item_fails()
    {
        var written = new List<int>();
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var writes = new GroupCommit<int>(async (items, _) =>
        {
            if (items.Contains(0)) { writing.SetResult(); await release.Task; }
            if (items.Contains(5)) throw new InvalidOperationException("five is bad");
            lock (written) written.AddRange(items);
        }, maxGroup: 100, NullLogger.Instance);

        var zero = writes.WriteAsync(0, CancellationToken.None);
        await writing.Task;
        var rest = Enumerable.Range(1, 9).ToDictionary(i => i, i => writes.WriteAsync(i, CancellationToken.None));
        release.SetResult();
        await zero;

        var bad = await Assert.ThrowsAsync<InvalidOperationException>(() => rest[5]);
        Assert.Equal("five is bad", bad.Message);
        await Task.WhenAll(rest.Where(r => r.Key != 5).Select(r => r.Value));
        Assert.Equal([0, 1, 2, 3, 4, 6, 7, 8, 9], written.Order());
    }

    [Fact]
    public async Task A_group_is_at_most_max_group_items()
    {
        var sizes = new List<int>();
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var writes = new GroupCommit<int>(async (items, _) =>
        {
            lock (sizes) sizes.Add(items.Count);
            if (items.Contains(0)) { writing.SetResult(); await release.Task; }
        }, maxGroup: 4, NullLogger.Instance);

        var zero = writes.WriteAsync(0, CancellationToken.None);
        await writing.Task;
        var rest = Enumerable.Range(1, 10).Select(i => writes.WriteAsync(i, CancellationToken.None)).ToArray();
        release.SetResult();
        await Task.WhenAll([zero, .. rest]);
        Assert.Equal([1, 4, 4, 2], sizes);
    }
}
