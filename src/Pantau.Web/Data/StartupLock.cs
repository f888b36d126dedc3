using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Pantau.Web.Data;

/// <summary>
/// Held around the work before serving (migrations, region import, demo seed): on PostgreSQL a session advisory lock
/// on its own unpooled connection, so that of several instances started together one does the work and the others
/// wait, then find nothing left to do. The lock goes with the connection, so a process that dies holding it releases
/// it. SQLite serves one instance: no lock.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    private const long Key = 0x50414E545354; // "PANTST"
    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartupLock> TakeAsync(DbContext db, ILogger logger, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return new(null);
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            // A pooled connection would keep the session, and the lock with it, after Dispose.
            Pooling = false,
            ApplicationName = "pantau-startup",
        };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // No database yet (the migration would create it): created here first, whoever gets there first.
            try
            {
                await db.Database.GetService<IRelationalDatabaseCreator>().CreateAsync(ct);
            }
            catch (PostgresException c) when (c.SqlState == PostgresErrorCodes.DuplicateDatabase) { }
            await connection.OpenAsync(ct);
        }
        await using (var pending = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
            if (await pending.ExecuteScalarAsync(ct) is not true)
            {
                logger.LogInformation("Another instance is preparing the database; waiting for it.");
                await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
                await wait.ExecuteNonQueryAsync(ct);
            }
        return new(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        await _connection.DisposeAsync(); // the session ends, and its lock
    }
}
