using System.Net;
using System.Net.Http.Json;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Sync;

namespace Pantau.Tests.Access;

/// <summary>
/// The published app (`dotnet Pantau.Web.dll`, Production, the shipped settings files) fails closed: without the
/// operator's secrets, or with a weak or development one, it does not start and says which setting; with them it
/// starts on an empty database and no demo account exists.
/// </summary>
public sealed class ProductionStartTests
{
    /// <summary>A database no one has made yet: a refused start must not even create it.</summary>
    private static string[] FreshDatabase() => TestDatabase.Provider == DatabaseProvider.Postgres
        ? ["--Database:Provider", "Postgres", "--ConnectionStrings:Pantau", TestDatabase.NewPostgresDatabase()]
        : ["--ConnectionStrings:Pantau", $"Data Source={Path.Combine(AppContext.BaseDirectory, "dbs", $"production-{Guid.NewGuid():N}.db")}"];

    [Fact]
    public async Task Without_any_secret_it_refuses_to_start_and_names_the_missing_settings()
    {
        var output = await RefusedAsync(FreshDatabase());
        Assert.Contains("Audit:ChainKey is not set", output);
        Assert.Contains("DataProtection:Certificate:Path is not set", output);
    }

    public static TheoryData<string, string[], string> WeakSecrets => new()
    {
        { "chain key missing", ["--Audit:ChainKey", ""], "Audit:ChainKey is not set" },
        { "chain key too short", ["--Audit:ChainKey", "short-chain-key-0123"], "Audit:ChainKey is too short" },
        { "chain key of development", ["--Audit:ChainKey", AuditOptions.DevelopmentChainKey], "Audit:ChainKey is the development default" },
        { "sync key missing", ["--Sync:Enabled", "true"], "Sync:SharedKey is not set" },
        { "sync key too short", ["--Sync:SharedKey", "short-sync-key-0123"], "Sync:SharedKey is too short" },
        { "sync key of development", ["--Sync:SharedKey", SyncOptions.DevelopmentSharedKey], "Sync:SharedKey is the development default" },
        { "certificate missing", ["--DataProtection:Certificate:Path", ""], "DataProtection:Certificate:Path is not set" },
        { "certificate password missing", ["--DataProtection:Certificate:Password", ""], "DataProtection:Certificate:Password is not set" },
        { "certificate file missing", ["--DataProtection:Certificate:Path", "/nonexistent/keys.pfx"], "DataProtection:Certificate:Path: no file" },
        { "certificate too weak", ["--DataProtection:Certificate:Path", "{weak}"], "1024-bit key, too weak" },
        { "certificate of development", ["--DataProtection:Certificate:Path", "{development}"], "is the development certificate" },
        { "metrics token too short", ["--Monitoring:MetricsToken", "short-metrics-token-0123"], "Monitoring:MetricsToken is too short" },
        { "metrics token of development", ["--Monitoring:MetricsToken", Pantau.Web.Infrastructure.MonitoringOptions.DevelopmentMetricsToken], "Monitoring:MetricsToken is the development default" },
        { "drain longer than nginx leaves an instance alone", ["--Drain:Seconds", "30"], "Drain:Seconds must be from 0 to 9" },
        { "collector not an address", ["--OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"], "OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute http(s) address" },
        { "meter name empty", ["--Monitoring:MeterName", " "], "Monitoring:MeterName is empty" },
        { "demo seeding without the switch", ["--Demo:Seed", "true"], "Demo:Seed is on in the Production environment" },
        { "boundary file missing", ["--Places:BoundaryFile", "/nonexistent/villages.bin"], "Places:BoundaryFile names no file" },
        { "boundary file of something else", ["--Places:BoundaryFile", "{not boundaries}"], "Places:BoundaryFile is not a Pantau boundary file" },
    };

    [Theory]
    [MemberData(nameof(WeakSecrets))]
    public async Task A_weak_secret_stops_the_start_naming_it(string weakness, string[] change, string expected)
    {
        var settings = change.Select(s => s switch
        {
            "{weak}" => TestSecrets.WeakCertificate, "{development}" => TestSecrets.DevelopmentCertificate,
            "{not boundaries}" => Path.Combine(AppContext.BaseDirectory, "Pantau.Web.dll"),
            _ => s,
        });
        var output = await RefusedAsync([.. FreshDatabase(), .. TestSecrets.ProductionArguments(), .. settings]);
        Assert.True(output.Contains(expected, StringComparison.Ordinal), $"{weakness}: expected \"{expected}\" in:\n{output}");
    }

    [Fact]
    public async Task With_the_secrets_it_starts_and_no_demo_account_signs_in()
    {
        // Schema and regions made beforehand (the import of 91,599 regions is slow on a loaded machine), no demo data.
        using var empty = new EmptyApp();
        _ = empty.Services;
        await using var app = await AppProcess.LaunchAsync(["--Database:Provider", empty.Provider.ToString(), "--ConnectionStrings:Pantau", empty.ConnectionString,
            .. TestSecrets.ProductionArguments(), "--Sync:SharedKey", TestSecrets.SyncKey]);
        Assert.False(app.HasExited, app.Output);
        using var http = new HttpClient { BaseAddress = app.Address };
        foreach (var email in new[] { "admin@pantau.test", "petugas.tangerang@pantau.test", "rt.setiabudi@pantau.test" })
        {
            var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = PantauApp.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.DoesNotContain("Demo accounts", app.Output);
    }

    private sealed class EmptyApp : PantauApp
    {
        // No demo accounts: a production start on its own, empty database.
        protected override bool StartsFromTemplate => false;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Demo:Seed", "false")];
    }

    [Fact]
    public async Task A_database_seeded_as_a_demo_does_not_start_in_production_without_the_switch()
    {
        using var demo = new PantauApp(); // Development: demo accounts with the published password
        _ = demo.Services;
        var output = await RefusedAsync(["--Database:Provider", demo.Provider.ToString(), "--ConnectionStrings:Pantau", demo.ConnectionString,
            .. TestSecrets.ProductionArguments()]);
        Assert.Contains("demo accounts whose password is published", output);
        Assert.Contains("admin@pantau.test", output);
    }

    private static async Task<string> RefusedAsync(string[] settings)
    {
        await using var app = await AppProcess.LaunchAsync(settings);
        Assert.True(app.HasExited, $"the app started:\n{app.Output}");
        Assert.NotEqual(0, app.ExitCode);
        return app.Output;
    }
}
