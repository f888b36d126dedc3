using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// <c>Drain:Seconds</c>: how long an instance behind nginx keeps its port open once told to stop (0, the default: it
/// closes it at once, as a lone instance should). See <see cref="Draining"/>.
/// </summary>
public sealed class DrainOptions
{
    public const string Section = "Drain";

    /// <summary>Under nginx's <c>fail_timeout</c> (deploy/nginx/pantau.conf: 10 s), and well under the host's 30-second stop.</summary>
    [Range(0, 9, ErrorMessage = "Drain:Seconds must be from 0 to 9: below nginx's fail_timeout (10 s).")]
    public int Seconds { get; set; }
}

/// <summary>
/// A rolling restart that drops no request. When an instance closes its port, the connections nginx had opened but the
/// app had not yet accepted are reset, and nginx never resends a POST it has written. So a stopping instance first
/// leaves nginx's rotation while it still serves: it answers reads with 503, which nginx takes as a failed attempt
/// (<c>proxy_next_upstream http_503</c>, <c>max_fails=1</c>), sends to the next instance, and then leaves this one
/// alone for its <c>fail_timeout</c>. Writes already on their way are served as usual. After <c>Drain:Seconds</c> the
/// port closes with nothing waiting on it.
/// </summary>
public sealed class Draining(IOptions<DrainOptions> options, ILogger<Draining> log) : IHostedLifecycleService
{
    private volatile bool _draining;

    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Draining>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Draining>());
    }

    public static void Use(WebApplication app)
    {
        var draining = app.Services.GetRequiredService<Draining>();
        app.Use((context, next) =>
        {
            // A read is safe to send elsewhere, and nginx does; liveness stays true (the process still answers).
            if (!draining._draining || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || context.Request.Path == "/health")
                return next(context);
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers.Connection = "close";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This instance is stopping.",
                detail: "Send the request again: another instance serves it.").ExecuteAsync(context);
        });
    }

    // Called after ApplicationStopping (the live streams have ended) and before the server closes its port.
    public async Task StoppingAsync(CancellationToken ct)
    {
        var seconds = options.Value.Seconds;
        if (seconds == 0) return;
        _draining = true;
        log.LogInformation("Stopping: reads are answered 503 for {Seconds} s so that the proxy sends them elsewhere, then the port closes", seconds);
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
