using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Tests.Infrastructure;

/// <summary>
/// The real app on its own database: a fresh SQLite file, or a fresh database on the throwaway PostgreSQL server
/// when PANTAU_TEST_PROVIDER=Postgres (the test script sets it and PANTAU_TEST_POSTGRES). That database is a copy of
/// the run's <see cref="TemplateDatabase"/> (migrated, regions imported, demo offices and accounts seeded), unless the
/// app says otherwise (<see cref="StartsFromTemplate"/>); foreigners are made by each test through the API.
/// </summary>
public class PantauApp : WebApplicationFactory<Program>
{
    public const string Password = "Demo#2026";

    /// <summary>The checkout the tests were built from (the folder of Pantau.slnx), for tests that read its sources.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pantau.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"No Pantau.slnx above {AppContext.BaseDirectory}");
    }
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public DatabaseProvider Provider { get; } = TestDatabase.Provider;
    public string ConnectionString { get; }
    private readonly string? _sqliteFile;
    private bool _kestrel;

    public PantauApp() : this(null) { }

    /// <summary>Made for this app (dropped with it), not another instance's database it was given.</summary>
    private readonly bool _ownsDatabase;

    /// <summary>This instance's audit checkpoint file (each instance writes its own), removed with the app.</summary>
    public string CheckpointPath { get; } = Path.Combine(AppContext.BaseDirectory, "checkpoints", $"audit-{Guid.NewGuid():N}.jsonl");

    protected PantauApp(string? connectionString)
    {
        _ownsDatabase = connectionString is null;
        if (connectionString is not null) ConnectionString = connectionString;
        else if (Provider == DatabaseProvider.Postgres) ConnectionString = TestDatabase.NewPostgresDatabase();
        else
        {
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "dbs"));
            _sqliteFile = Path.Combine(AppContext.BaseDirectory, "dbs", $"pantau-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    /// <summary>
    /// Whether this app's own database starts as a copy of the template (the one made with its audit chain key). Apps
    /// that test the start itself on an empty database (seeding, production without demo accounts) say no, and their
    /// start does everything.
    /// </summary>
    protected virtual bool StartsFromTemplate => true;

    private string? ChainKey => Settings().LastOrDefault(s => s.Key == "Audit:ChainKey").Value;

    /// <summary>This app's database was copied from the template (so the template's sign-ins hold on it).</summary>
    private bool _fromTemplate;
    private bool _copyTried;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_ownsDatabase && StartsFromTemplate && !_copyTried)
        {
            _copyTried = true;
            _fromTemplate = TemplateDatabase.CopyTo(ConnectionString, ChainKey);
        }
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Pantau", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Foreigners", "0");
        // Tests run the daily permit-expiry job themselves, for the day they choose.
        builder.UseSetting("PermitExpiry:Schedule:Enabled", "false");
        builder.UseSetting("Audit:CheckpointPath", CheckpointPath);
        // Every test request comes from one address (none, on the test server): the per-address sign-in limit is lifted,
        // and the tests of that limit set their own.
        builder.UseSetting("Access:Login:PerAddress", "100000");
        // The certificate the production instances of AppProcess get too: every instance on a database reads its key ring.
        builder.UseSetting("DataProtection:Certificate:Path", TestSecrets.Certificate);
        builder.UseSetting("DataProtection:Certificate:Password", TestSecrets.CertificatePassword);
        // Every test client has the same (unknown) address: the proof-of-work past a few code requests per address is
        // asked only where a test asks for it (AbuseTests, the report form's browser test).
        builder.UseSetting("Reports:Challenge:FreeCodesPerAddressPerHour", "1000000");
        builder.UseEnvironment("Development");
        foreach (var (k, v) in Settings()) builder.UseSetting(k, v);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock).AddSingleton<IStartupFilter>(new RecordRequests(this)));
    }

    private ConcurrentQueue<string>? _recording;

    /// <summary>The paths of the requests that reached the app while <paramref name="work"/> ran, in order.</summary>
    public async Task<IReadOnlyList<string>> RequestsDuringAsync(Func<Task> work)
    {
        var recording = new ConcurrentQueue<string>();
        _recording = recording;
        try { await work(); }
        finally { _recording = null; }
        return [.. recording];
    }

    /// <summary>First in the pipeline: what reaches the app, static files included.</summary>
    private sealed class RecordRequests(PantauApp app) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => pipeline =>
        {
            pipeline.Use((context, rest) =>
            {
                app._recording?.Enqueue(context.Request.Path.Value ?? "");
                return rest(context);
            });
            next(pipeline);
        };
    }

    /// <summary>The app's clock: real time, which a test may move forward (an access request expiring, say).</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>For the browser: the app on a real port.</summary>
    public string StartOnRealPort()
    {
        if (!_kestrel)
        {
            this.UseKestrel(0);
            StartServer();
            _kestrel = true;
        }
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task<HttpClient> LoginAsync(string email, string password = Password)
    {
        if (password == Password && await SignedInOnTemplateAsync(email) is { } templateToken)
        {
            var signedIn = CreateClient();
            signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", templateToken);
            return signedIn;
        }
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"login of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>
    /// The token the template signed <paramref name="email"/> in with, where it holds here as a new sign-in would: this
    /// database is a copy of the template, the account's security stamp is still the template's (so it was not
    /// disabled, its password, scope or two-factor not changed) and the app's clock is within an hour of the sign-in
    /// (the token lasts eight). Saves a password hash per sign-in; anything else signs in for real.
    /// </summary>
    private async Task<string?> SignedInOnTemplateAsync(string email)
    {
        if (!_fromTemplate || TemplateDatabase.SignedInOnTemplate(email, ChainKey) is not { } signedIn) return null;
        var since = Clock.GetUtcNow() - signedIn.IssuedAt;
        if (since < TimeSpan.Zero || since > TimeSpan.FromHours(1)) return null;
        var account = await WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Users.Where(u => u.Email == signedIn.Email)));
        return account is { IsDisabled: false, TwoFactorEnabled: false } && account.SecurityStamp == signedIn.SecurityStamp ? signedIn.AccessToken : null;
    }

    /// <summary>Runs <paramref name="work"/> against the app's database with the system's scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<PantauDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<PantauDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) File.Delete(CheckpointPath);
        if (!disposing || !_ownsDatabase) return;
        if (Provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(ConnectionString);
        else if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" }) File.Delete(f);
        }
    }
}

/// <summary>A second instance on the first one's database (PostgreSQL: the same database; SQLite: the same file).</summary>
public sealed class SecondInstance(string connectionString) : PantauApp(connectionString);

/// <summary>The app on a real Kestrel port, for what only a real connection has (the client's address).</summary>
public sealed class KestrelPantauApp : PantauApp
{
    public KestrelPantauApp() => this.UseKestrel(0);
}

public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

public static class TestDatabase
{
    public static DatabaseProvider Provider =>
        Environment.GetEnvironmentVariable("PANTAU_TEST_PROVIDER") is { Length: > 0 } p
            ? Enum.Parse<DatabaseProvider>(p, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    /// <summary>A new, empty database name on the test server; the app's migrations create it.</summary>
    public static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("PANTAU_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
            throw new InvalidOperationException("PANTAU_TEST_PROVIDER=Postgres needs PANTAU_TEST_POSTGRES (scripts/test.sh starts a server).");
        return new NpgsqlConnectionStringBuilder(server) { Database = $"pantau_{Guid.NewGuid():N}" }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var name = b.Database;
        NpgsqlConnection.ClearAllPools();
        b.Database = "postgres";
        using var conn = new NpgsqlConnection(b.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
