using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pantau.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Where the data lives: <c>Database:Provider</c> and <c>ConnectionStrings:Pantau</c>.</summary>
public static class PantauDatabase
{
    /// <summary>Sqlite when not set; any other value than the two is refused, never taken for SQLite.</summary>
    public static DatabaseProvider ProviderFrom(IConfiguration cfg) => cfg["Database:Provider"] switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var p) && Enum.IsDefined(p) => p,
        var name => throw new InvalidOperationException($"Database:Provider is '{name}': it is Sqlite or Postgres."),
    };

    public static string ConnectionStringFrom(IConfiguration cfg)
    {
        if (cfg.GetConnectionString("Pantau") is { Length: > 0 } cs) return cs;
        if (ProviderFrom(cfg) == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Pantau is not set.");
        Directory.CreateDirectory("data");
        return "Data Source=data/pantau.db";
    }

    public static void Configure(DbContextOptionsBuilder o, IConfiguration cfg)
    {
        var cs = ConnectionStringFrom(cfg);
        o.ReplaceService<IMigrationsAssembly, Migrations.ProviderMigrations>(); // the active provider's set (ADR 012)
        // A failed command or save throws, and is logged as an error where it is not handled (a request's exception
        // handler, a job's catch). Handled, it is expected: the same submission twice at once, settled by a unique
        // index. EF's own line of it, with the SQL, is information then, not a red error beside a request that succeeded.
        o.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Information), (CoreEventId.SaveChangesFailed, LogLevel.Information)));
        // EF's default, said once: a person with a few documents of each kind comes in one query (the projections of
        // the registry and the field check rely on it); the loads that would multiply rows say AsSplitQuery.
        if (ProviderFrom(cfg) == DatabaseProvider.Postgres)
            o.UseNpgsql(cs, n => n.MigrationsHistoryTable("__EFMigrationsHistory").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
        else
            o.UseSqlite(cs, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(SqliteBusyWait);
    }

    /// <summary>Brings the schema up to date (ADR 012); on SQLite first switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(DbContext db)
    {
        if (db.Database.IsSqlite())
        {
            // WAL: readers do not wait for the writer, and a killed process loses no committed transaction.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        else
        {
            // Npgsql's migrator reads the history table before it creates it (efcore.pg #3407), and EF logs that read
            // on an empty database as a failed command: an operator's first start would open with an error. So the
            // database (as Migrate would) and the table are made first.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync()) await creator.CreateAsync();
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        }
        await db.Database.MigrateAsync();
    }

    private static readonly SqliteBusyTimeout SqliteBusyWait = new();

    /// <summary>
    /// Lets SQLite itself wait for the write lock (its busy handler retries within a millisecond or a few), instead of
    /// Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms whenever a writer finds the database locked: under
    /// concurrent writes that sleep, not the work, set the pace.
    /// </summary>
    private sealed class SqliteBusyTimeout : DbConnectionInterceptor
    {
        // A C call on the connection's handle, not a PRAGMA statement: EF opens a connection for every query, and
        // preparing a statement each time cost more than the query it preceded.
        private static void Set(DbConnection connection) =>
            SQLitePCL.raw.sqlite3_busy_timeout(((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle, 30_000);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData e) => Set(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData e, CancellationToken ct = default)
        {
            Set(connection);
            return Task.CompletedTask;
        }
    }
}
