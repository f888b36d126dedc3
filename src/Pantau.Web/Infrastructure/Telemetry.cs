using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// <c>Monitoring:MetricsToken</c>: the bearer token Prometheus sends to scrape <c>/metrics</c>. Unset, there is no
/// endpoint at all; outside Development it follows the secrets' rule (32+ characters, not the development one).
/// </summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>The token of <c>appsettings.Development.json</c>; refused outside Development.</summary>
    public const string DevelopmentMetricsToken = "pantau-development-metrics-token";

    /// <summary>Empty or unset: no <c>/metrics</c>.</summary>
    public string? MetricsToken { get; set; }

    /// <summary>
    /// The name of Pantau's meter (<c>otel_scope_name</c>). A process is one app in production; a process holding
    /// several (the tests) names each its own, since an exporter reads every meter of its name in the process.
    /// </summary>
    public string MeterName { get; set; } = PantauMetrics.MeterName;

    public sealed class Validation(IHostEnvironment env) : IValidateOptions<MonitoringOptions>
    {
        public ValidateOptionsResult Validate(string? name, MonitoringOptions options) =>
            string.IsNullOrWhiteSpace(options.MeterName) ? ValidateOptionsResult.Fail("Monitoring:MeterName is empty: leave it out for \"Pantau\".")
            : !string.IsNullOrWhiteSpace(options.MetricsToken)
            && Secrets.ProblemWith("Monitoring:MetricsToken", options.MetricsToken, DevelopmentMetricsToken, env) is { } problem
                ? ValidateOptionsResult.Fail(problem)
                : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// The standard OpenTelemetry variables Pantau decides on itself (the SDK reads the others): whether there is a collector
/// to send traces and metrics to, and the service's name. Bound from the configuration's root under their own names.
/// </summary>
public sealed class OpenTelemetryVariables
{
    /// <summary>Unset: no OTLP export, and no spans made at all.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? Endpoint { get; set; }

    [ConfigurationKeyName("OTEL_SERVICE_NAME")]
    public string? ServiceName { get; set; }

    public bool Exports => Collector(Endpoint) is not null;

    public string Service => string.IsNullOrWhiteSpace(ServiceName) ? "pantau" : ServiceName;

    private static Uri? Collector(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    public sealed class Validation : IValidateOptions<OpenTelemetryVariables>
    {
        public ValidateOptionsResult Validate(string? name, OpenTelemetryVariables o) =>
            !string.IsNullOrWhiteSpace(o.Endpoint) && Collector(o.Endpoint) is null
                ? ValidateOptionsResult.Fail("OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute http(s) address (e.g. http://collector:4317).")
                : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// A feature's state read at scrape time (queue lengths, feed lag, connections): it adds its observable gauges to
/// Pantau's meter once, when <see cref="PantauMetrics"/> is made. Keep each callback cheap: cache what needs a query.
/// </summary>
public interface IObservedState
{
    void Observe(Meter meter);
}

/// <summary>
/// Pantau's own meter ("Pantau") and its counters, fed where the things happen. Tags stay few and bounded: the office
/// (its id), the channel, a stage or a result; never a report, a person, an account or free text.
/// </summary>
public sealed class PantauMetrics
{
    public const string MeterName = "Pantau";

    public PantauMetrics(IMeterFactory meters, IOptions<MonitoringOptions> options, IEnumerable<IObservedState> states)
    {
        Meter = meters.Create(options.Value.MeterName);
        ReportsReceived = Meter.CreateCounter<long>("pantau.reports.received", "{report}", "Reports taken in, by office and channel.");
        ReportsVerified = Meter.CreateCounter<long>("pantau.reports.verified", "{report}", "Reports whose reporter is known (they enter the queue), by office and channel.");
        ReportsRejected = Meter.CreateCounter<long>("pantau.reports.rejected", "{report}", "Reports turned away at triage, by office and channel.");
        FieldChecks = Meter.CreateCounter<long>("pantau.field_checks", "{check}", "Field checks, by office and whether the person was found.");
        AuditAppends = Meter.CreateCounter<long>("pantau.audit.appends", "{entry}", "Audit entries appended to the chain.");
        AuditVerifications = Meter.CreateCounter<long>("pantau.audit.verifications", "{walk}", "Walks of the audit chain, by result (intact, broken).");
        SmsSent = Meter.CreateCounter<long>("pantau.sms.codes", "{message}", "Phone codes sent by SMS (the paid budget).");
        foreach (var state in states) state.Observe(Meter);
    }

    public Meter Meter { get; }
    public Counter<long> ReportsReceived { get; }
    public Counter<long> ReportsVerified { get; }
    public Counter<long> ReportsRejected { get; }
    public Counter<long> FieldChecks { get; }
    public Counter<long> AuditAppends { get; }
    public Counter<long> AuditVerifications { get; }
    public Counter<long> SmsSent { get; }

    public static KeyValuePair<string, object?> Office(int officeId) => new("office", officeId);
}

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, HTTP clients, EF Core, Npgsql) only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the SDK reads the other <c>OTEL_*</c> variables itself); metrics (the same plus the runtime and
/// <see cref="PantauMetrics"/>) to OTLP then, and to Prometheus at <c>/metrics</c> when <c>Monitoring:MetricsToken</c> is set.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void AddPantauTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(MonitoringOptions.Section);
        services.AddOptions<MonitoringOptions>().Bind(section).ValidateOnStart();
        // The meter to export is chosen while the services are described, before the options can be asked for: the same
        // section, bound the same way. An empty name is the validation's to refuse, by name, at start; OpenTelemetry
        // would throw on it first, with a stack trace and no setting named.
        var meter = section.Get<MonitoringOptions>()?.MeterName is { } bound && !string.IsNullOrWhiteSpace(bound)
            ? bound : PantauMetrics.MeterName;
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptions.Validation>();
        services.AddSingleton<PantauMetrics>();

        // Bound now for the same reason; an endpoint that is no address is refused by name at start, and exports nothing.
        services.AddOptions<OpenTelemetryVariables>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpenTelemetryVariables>, OpenTelemetryVariables.Validation>();
        var variables = builder.Configuration.Get<OpenTelemetryVariables>() ?? new();
        var otlp = variables.Exports;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(variables.Service));
        // Spans cost on every request and go nowhere without a collector: only with one.
        if (otlp)
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter());
        telemetry.WithMetrics(m =>
        {
            m.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Npgsql's own meter (connection pool, commands) and EF Core's (contexts, queries, saves).
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", meter)
                // No cached page: the exporter's default keeps one for 300 ms, and a scrape that soon after another
                // would read the earlier numbers. The gauges that cost a query keep their own reading (20 s).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp) m.AddOtlpExporter();
        });
    }

    /// <summary>
    /// <c>/metrics</c> for Prometheus, only with <c>Authorization: Bearer {Monitoring:MetricsToken}</c>; any other
    /// caller finds nothing there (404), as when no token is set and the endpoint is not mapped at all.
    /// </summary>
    public static void MapPantauMetrics(this WebApplication app)
    {
        // Made now, so the features' gauges exist before the first scrape.
        app.Services.GetRequiredService<PantauMetrics>();
        var token = app.Services.GetRequiredService<IOptions<MonitoringOptions>>().Value.MetricsToken;
        if (string.IsNullOrWhiteSpace(token)) return;
        var expected = Encoding.UTF8.GetBytes("Bearer " + token);
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }), optionsName: null);
    }
}

/// <summary>
/// A gauge's reading that costs a query: read again at most every <see cref="Fresh"/> (20 s), however often and by
/// however many gauges it is asked for. Prometheus scrapes every 15–60 s; a few seconds' staleness is harmless.
/// </summary>
public sealed class CachedReading<T>(Func<DateTime, T> read, TimeProvider time) where T : class
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private (DateTime At, T Value)? _last;

    // Synchronous: an observable gauge's callback cannot await.
    public T Value
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (_last is { } last && now - last.At < Fresh && now >= last.At) return last.Value;
                var value = read(now);
                _last = (now, value);
                return value;
            }
        }
    }
}
