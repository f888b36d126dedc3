using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pantau.Web.Data;
using Pantau.Web.Features.Demo;

namespace Pantau.Tests.Infrastructure;

/// <summary>
/// The database every <see cref="PantauApp"/> of a test run starts from. The first app of the run starts the real app
/// once on an empty database (its own start-up: migrations, the region import, the demo offices and accounts), signs
/// each demo account in once, and stops; every app after it gets its own copy (SQLite: the file copied; PostgreSQL:
/// <c>CREATE DATABASE … TEMPLATE</c>), whose start finds the schema up to date and the regions and accounts there.
/// The copies share the template's key ring (stored in the database) and security stamps, so a token signed in on the
/// template is good on a copy for as long as the account there is unchanged (<see cref="PantauApp.LoginAsync"/>).
/// </summary>
public static class TemplateDatabase
{
    /// <summary>A demo account's sign-in on the template: its bearer token, and what the token depends on.</summary>
    public sealed record SignedIn(string Email, string AccessToken, string SecurityStamp, DateTimeOffset IssuedAt);

    private sealed record Template(string ConnectionString, IReadOnlyDictionary<string, SignedIn> Accounts);

    /// <summary>
    /// One template per audit chain key: the trail's head is sealed with the key, so an app with a key of its own (the
    /// audit's tamper tests, production-like apps) starts from a template made with that key, not from an empty database.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<Template>>> Prepared = new(StringComparer.Ordinal);

    private static Lazy<Task<Template>> For(string? chainKey) =>
        Prepared.GetOrAdd(chainKey ?? "", key => new Lazy<Task<Template>>(() => PrepareAsync(key.Length > 0 ? key : null)));

    /// <summary>The template's sign-in of <paramref name="email"/>, if the template of <paramref name="chainKey"/> signed it in.</summary>
    public static SignedIn? SignedInOnTemplate(string email, string? chainKey)
    {
        var prepared = For(chainKey);
        return prepared.IsValueCreated && prepared.Value.IsCompletedSuccessfully && prepared.Value.Result.Accounts.TryGetValue(email, out var s) ? s : null;
    }

    /// <summary>
    /// Makes the database of <paramref name="connectionString"/> a copy of the template, unless it is there already (a
    /// command run in a process of its own may have made it first): true when it copied.
    /// </summary>
    public static bool CopyTo(string connectionString, string? chainKey)
    {
        var template = For(chainKey).Value.GetAwaiter().GetResult();
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString).Database;
            var source = new NpgsqlConnectionStringBuilder(template.ConnectionString).Database;
            using var conn = new NpgsqlConnection(ServerConnection(connectionString));
            conn.Open();
            using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", conn))
            {
                exists.Parameters.AddWithValue("name", target!);
                if ((long)exists.ExecuteScalar()! > 0) return false;
            }
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{target}\" TEMPLATE \"{source}\"", conn);
            cmd.ExecuteNonQuery();
            return true;
        }
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (File.Exists(file)) return false;
        File.Copy(new SqliteConnectionStringBuilder(template.ConnectionString).DataSource, file);
        return true;
    }

    private static async Task<Template> PrepareAsync(string? chainKey)
    {
        // No pooling: when the template app stops, no connection to the template stays open (PostgreSQL copies only
        // a database nobody is connected to; the SQLite file is copied whole).
        string connectionString;
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
            connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.NewPostgresDatabase()) { Pooling = false }.ConnectionString;
        else
        {
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "dbs"));
            var file = Path.Combine(AppContext.BaseDirectory, "dbs", $"template-{Guid.NewGuid():N}.db");
            connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(connectionString);

        var accounts = new Dictionary<string, SignedIn>(StringComparer.OrdinalIgnoreCase);
        using (var app = new TemplateApp(connectionString, chainKey))
        {
            var client = app.CreateClient(); // starts the app: its start-up prepares the database
            foreach (var account in DemoData.Accounts)
            {
                var issuedAt = app.Clock.GetUtcNow();
                var response = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = PantauApp.Password });
                Assert.True(response.IsSuccessStatusCode, $"login of {account.Email} on the template: {(int)response.StatusCode}");
                var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
                var stamp = await app.WithDbAsync(db => db.Users.Where(u => u.Email == account.Email).Select(u => u.SecurityStamp).SingleAsync());
                accounts[account.Email] = new SignedIn(account.Email, token, stamp!, issuedAt);
            }
        }

        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            // Nobody may connect to the template any more: a copy never waits for (or fails on) a late connection.
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            await using var conn = new NpgsqlConnection(ServerConnection(connectionString));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                $"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false; " +
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid();", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            // Everything in the one file, so a copy of the file is the whole database (each copy turns WAL on at its start).
            await using var conn = new SqliteConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new Template(connectionString, accounts);
    }

    private static string ServerConnection(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static void Remove(string connectionString)
    {
        try
        {
            if (TestDatabase.Provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(connectionString);
            else File.Delete(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        catch (Exception e) when (e is IOException or NpgsqlException) { } // the test run is over; a leftover is harmless
    }

    /// <summary>The app that prepares the template: a plain <see cref="PantauApp"/> on the template's database.</summary>
    private sealed class TemplateApp(string connectionString, string? chainKey) : PantauApp(connectionString)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => chainKey is null ? [] : [new("Audit:ChainKey", chainKey)];
    }
}
