namespace Pantau.Tests.Production;

/// <summary>The test harness's nginx goes away whole: a worker left behind keeps its ports and runs past the test run.</summary>
public sealed class NginxProxyTests
{
    [Fact]
    public async Task Stopping_the_proxy_stops_its_workers_too()
    {
        var proxy = await NginxProxy.StartAsync([1]);
        var workers = proxy.Workers();
        Assert.NotEmpty(workers);
        proxy.Dispose();
        Assert.All(workers, pid => Assert.False(Running(pid), $"nginx worker {pid} still runs"));
    }

    /// <summary>A process that ended is gone from /proc or, not yet reaped by its parent, a zombie.</summary>
    private static bool Running(int pid)
    {
        var status = $"/proc/{pid}/stat";
        if (!File.Exists(status)) return false;
        try
        {
            var stat = File.ReadAllText(status);
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException) { return false; }
    }
}
