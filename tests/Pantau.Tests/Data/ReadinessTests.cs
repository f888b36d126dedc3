using System.Net;
using Npgsql;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;

namespace Pantau.Tests.Data;

/// <summary>/health says the process lives; /health/ready says it can serve: its database takes reads and writes.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_while_the_database_reads_and_writes()
    {
        using var app = new PantauApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Not_ready_but_alive_once_the_database_is_gone()
    {
        using var app = new UnpluggableApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        app.Unplug();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Not_ready_on_postgres_while_the_listening_connection_is_down()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres) return; // one SQLite instance listens to no one
        using var app = new SlowToRelistenApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'pantau-listener' AND datname = current_database()", conn);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }
        // The relay notices at its next read (at once: the server closes the socket), then waits ten minutes to reconnect.
        var answer = HttpStatusCode.OK;
        for (var i = 0; i < 100 && answer == HttpStatusCode.OK; i++)
        {
            answer = (await client.GetAsync("/health/ready")).StatusCode;
            if (answer == HttpStatusCode.OK) await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer);
    }

    private sealed class SlowToRelistenApp : PantauApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("LiveEvents:RetryDelay", "00:10:00")];
    }

    /// <summary>The app on a database that the test can take away: a SQLite file in its own folder, or a PostgreSQL database.</summary>
    private sealed class UnpluggableApp() : PantauApp(TestDatabase.Provider == DatabaseProvider.Postgres
        ? TestDatabase.NewPostgresDatabase()
        : $"Data Source={Path.Combine(AppContext.BaseDirectory, "dbs", Guid.NewGuid().ToString("N"), "pantau.db")}")
    {
        private string Folder => Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource)!;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            if (Provider == DatabaseProvider.Sqlite) Directory.CreateDirectory(Folder);
            base.ConfigureWebHost(builder);
        }

        public void Unplug()
        {
            if (Provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(ConnectionString);
            else
            {
                Directory.Delete(Folder, recursive: true);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled connections would go on writing to the unlinked file
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(ConnectionString);
            else if (disposing && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
    }
}
