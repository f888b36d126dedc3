using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;

namespace Pantau.Tests.Production;

/// <summary>
/// Instances started at the same moment on an empty database, as systemd starts pantau@5001..5003 after a deploy: one
/// migrates, imports the regions and seeds, the others wait for it (a PostgreSQL advisory lock) and find it done. On
/// SQLite an agency runs one instance: it alone prepares its empty file.
/// </summary>
public sealed class StartingTogetherTests
{
    [Fact]
    public async Task Instances_started_together_on_an_empty_database_all_serve_and_each_migration_ran_once()
    {
        var provider = TestDatabase.Provider;
        var sqliteFile = Path.Combine(AppContext.BaseDirectory, "dbs", $"together-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(sqliteFile)!);
        var connectionString = provider == DatabaseProvider.Postgres ? TestDatabase.NewPostgresDatabase() : $"Data Source={sqliteFile}";
        if (provider == DatabaseProvider.Postgres) await CreateEmptyAsync(connectionString); // as the operator does (roles.sql)
        string[] settings =
        [
            "--Database:Provider", provider.ToString(), "--ConnectionStrings:Pantau", connectionString,
            "--Demo:Seed", "true", "--Demo:Foreigners", "0", "--Demo:SeedOutsideDevelopment=true",
            .. TestSecrets.ProductionArguments(), "--Logging:LogLevel:Default", "Warning",
        ];
        var instances = provider == DatabaseProvider.Postgres ? 3 : 1;
        var apps = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => AppProcess.LaunchAsync(settings)));
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            foreach (var app in apps)
            {
                Assert.False(app.HasExited, $"an instance stopped at start:\n{app.Output}");
                var ready = await http.GetAsync(new Uri(app.Address, "/health/ready"));
                Assert.True(ready.IsSuccessStatusCode, $"{app.Address} not ready ({(int)ready.StatusCode}):\n{app.Output}");
                // Nothing fails, EF's first look at the history table of an empty database included.
                Assert.DoesNotContain("fail: ", app.Output, StringComparison.Ordinal);
                // The demo's loud switch is logged as critical at every start, on purpose; nothing else may be.
                Assert.DoesNotContain(app.Output.Split('\n'), l => l.StartsWith("crit:", StringComparison.Ordinal) && !l.Contains("DemoStart", StringComparison.Ordinal));
                Assert.DoesNotContain("Unhandled exception", app.Output);
            }
            var applied = await QueryAsync(provider, connectionString, """SELECT "MigrationId" FROM "__EFMigrationsHistory" """);
            Assert.Equal(Migrations(provider), applied.Order(StringComparer.Ordinal));
            var accounts = await QueryAsync(provider, connectionString, """SELECT "Email" FROM "AspNetUsers" WHERE "Email" = 'rt.setiabudi@pantau.test'""");
            Assert.Single(accounts); // seeded once
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
            if (provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(connectionString);
            else SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Every migration of the provider's set (ADR 012): the shared SQL history, then the provider's folder.</summary>
    private static IEnumerable<string> Migrations(DatabaseProvider provider)
    {
        const string shared = "Pantau.Web.Data.Migrations";
        var folder = $"{shared}.{(provider == DatabaseProvider.Postgres ? "Postgres" : "Sqlite")}";
        return typeof(PantauDb).Assembly.DefinedTypes
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && (t.Namespace == shared || t.Namespace == folder))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task CreateEmptyAsync(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var name = b.Database;
        b.Database = "postgres";
        await using var connection = new NpgsqlConnection(b.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> QueryAsync(DatabaseProvider provider, string connectionString, string sql)
    {
        await using DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var rows = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await rows.ReadAsync()) values.Add(rows.GetString(0));
        return values;
    }
}
