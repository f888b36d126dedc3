using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
namespace Pantau.Tests.Infrastructure;

/// <summary>
/// The app as its own process (`dotnet Pantau.Web.dll`) on a free port, on a database another app already prepared:
/// what an agency runs when it runs several instances. Its output is kept for the test's messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown, nothing flushed; what the process acknowledged must already be stored.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    /// <summary>SIGTERM, as systemd stops a unit, and waits for the process to end.</summary>
    public async Task StopAsync()
    {
        Terminate();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, without waiting: the process stops in its own time.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && Kill(_process.Id, 15) != 0) throw new InvalidOperationException("SIGTERM could not be sent.");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// A production instance (the published app's default environment) on <paramref name="database"/>, with the
    /// operator's secrets and the loud switch that lets it keep the demo accounts the test database was seeded with.
    /// </summary>
    public static Task<AppProcess> StartAsync(PantauApp database, params string[] settings) => StartOnAsync(0, database, settings);

    /// <summary>As <see cref="StartAsync"/>, on <paramref name="port"/> (0: a free one): a restart where a proxy expects it.</summary>
    public static async Task<AppProcess> StartOnAsync(int port, PantauApp database, params string[] settings)
    {
        var app = await LaunchAsync(
        [
            "--Database:Provider", database.Provider.ToString(), "--ConnectionStrings:Pantau", database.ConnectionString,
            "--Demo:Seed", "true", "--Demo:Foreigners", "0", "--Demo:SeedOutsideDevelopment=true",
            .. TestSecrets.ProductionArguments(),
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Pantau.Web.Features.LiveEvents", "Information",
            .. settings,
        ], port);
        if (app.HasExited)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The app process stopped at start:\n{app.Output}");
        }
        return app;
    }

    /// <summary>
    /// `dotnet Pantau.Web.dll` with only <paramref name="settings"/> (no environment set: Production, the shipped
    /// settings files), waited for until it answers /health or stops; either way the caller looks.
    /// </summary>
    public static async Task<AppProcess> LaunchAsync(IEnumerable<string> settings, int port = 0)
    {
        if (port == 0) port = FreePort();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "Pantau.Web.dll"), "--urls", $"http://127.0.0.1:{port}",
                // Each instance appends its own audit checkpoints, as in production; never another test's file.
                "--Audit:CheckpointPath", Path.Combine(AppContext.BaseDirectory, "checkpoints", $"process-{Guid.NewGuid():N}.jsonl"),
                .. settings,
            ])
            { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true },
        };
        process.StartInfo.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        process.StartInfo.Environment.Remove("DOTNET_ENVIRONMENT");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 480; i++)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // and its output read to the end
                return app;
            }
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        await app.DisposeAsync();
        throw new InvalidOperationException($"The app process neither answered nor stopped within four minutes:\n{app.Output}");
    }

    public int ExitCode => _process.ExitCode;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async Task<HttpClient> LoginAsync(string email)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = PantauApp.Password });
        Assert.True(response.IsSuccessStatusCode, $"login of {email} on {Address}: {(int)response.StatusCode}");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Opens a live stream and reads up to its "ready": from then on nothing published is missed.</summary>
    public static async Task<IAsyncEnumerator<SseItem<string>>> OpenStreamAsync(HttpClient client, string path, CancellationToken ct)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct).GetAsyncEnumerator(ct);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);
        return events;
    }

    /// <summary>Reads the stream until an event of <paramref name="type"/> that <paramref name="wanted"/> accepts (heartbeats and others skipped).</summary>
    public static async Task<JsonElement> NextAsync(IAsyncEnumerator<SseItem<string>> events, string type, Func<JsonElement, bool> wanted)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType != type) continue;
            var data = JsonDocument.Parse(events.Current.Data).RootElement.Clone();
            if (wanted(data)) return data;
        }
        throw new InvalidOperationException($"The stream ended before the {type} event arrived.");
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
