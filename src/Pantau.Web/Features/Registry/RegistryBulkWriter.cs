using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Registry;

/// <summary>
/// Writes new people straight into the registry's tables (<see cref="RegistryTables"/>: every column the EF model
/// maps), past EF's change tracker: prepared INSERTs in large transactions on SQLite, binary COPY on PostgreSQL. A million demo people
/// take a minute or two instead of an hour. Values take the form EF Core gives them (on SQLite: Guid as upper-case
/// text, DateOnly as yyyy-MM-dd, DateTime as yyyy-MM-dd HH:mm:ss.FFFFFFF, enums by name), so the app reads them back as
/// if EF had saved them; RegistryBulkWriterTests compares the rows of both writers.
/// It writes no audit entry and validates nothing: its callers do (the demo seeder, the central feed, the snapshot import).
/// </summary>
public static class RegistryBulkWriter
{
    /// <summary>People per transaction: big enough to amortise a commit, small enough to report progress often.</summary>
    public const int BatchSize = 20_000;

    /// <summary>
    /// Writes <paramref name="people"/> (which are generated on another thread while the previous batch is written)
    /// and reports the running total after each committed batch. Returns the number written.
    /// </summary>
    public static async Task<int> WriteAsync(PantauDb db, IEnumerable<Foreigner> people, IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        var batches = Channel.CreateBounded<Foreigner[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in people.Chunk(BatchSize)) await batches.Writer.WriteAsync(batch, ct);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, ct);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var tables = RegistryTables.Of(db);
            var written = db.Database.GetDbConnection() switch
            {
                SqliteConnection sqlite => await WriteSqliteAsync(sqlite, tables, batches.Reader, progress, ct),
                NpgsqlConnection pg => await WritePostgresAsync(pg, tables, batches.Reader, progress, ct),
                var other => throw new NotSupportedException(other.GetType().Name),
            };
            await producer;
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> WriteSqliteAsync(SqliteConnection conn, RegistryTables tables, ChannelReader<Foreigner[]> batches, IProgress<int>? progress,
        CancellationToken ct)
    {
        // A large page cache while loading (the indexes of a million rows do not fit in the default 2 MB), set back
        // afterwards because the connection returns to the pool.
        Execute(conn, "PRAGMA cache_size = -262144");
        try
        {
            var written = 0;
            await foreach (var batch in batches.ReadAllAsync(ct))
            {
                using (var tx = conn.BeginTransaction())
                {
                    WriteSqliteBatch(conn, tx, tables, batch);
                    tx.Commit();
                }
                written += batch.Length;
                progress?.Report(written);
            }
            return written;
        }
        finally
        {
            Execute(conn, "PRAGMA cache_size = -2000");
        }
    }

    /// <summary>
    /// Writes one batch of new people inside the transaction <paramref name="db"/> has open (the caller's, with its own
    /// rows: the snapshot import's checkpoint and links). Counts and audit are the caller's business.
    /// </summary>
    public static async Task WriteBatchAsync(PantauDb db, IReadOnlyCollection<Foreigner> batch, CancellationToken ct)
    {
        switch (db.Database.GetDbConnection())
        {
            case SqliteConnection sqlite:
                WriteSqliteBatch(sqlite, (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), RegistryTables.Of(db), batch);
                break;
            case NpgsqlConnection pg:
                await WritePostgresBatchAsync(pg, RegistryTables.Of(db), batch, ct);
                break;
            case var other:
                throw new NotSupportedException(other.GetType().Name);
        }
    }

    private static void WriteSqliteBatch(SqliteConnection conn, SqliteTransaction tx, RegistryTables tables, IEnumerable<Foreigner> batch)
    {
        using var insert = new SqliteInserts(conn, tx, tables);
        foreach (var f in batch) insert.Person(f);
    }

    private static void Execute(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>One prepared INSERT per table, of every column the model maps. Parameters carry the stored values with the column's SqliteType, as EF binds them.</summary>
    private sealed class SqliteInserts : IDisposable
    {
        private readonly RegistryTables _tables;
        private readonly Dictionary<RegistryTable, SqliteCommand> _inserts;

        public SqliteInserts(SqliteConnection conn, SqliteTransaction tx, RegistryTables tables)
        {
            _tables = tables;
            _inserts = tables.All.ToDictionary(t => t, t => Prepare(conn, tx, t));
        }

        public void Person(Foreigner f)
        {
            foreach (var table in _tables.All)
            {
                var cmd = _inserts[table];
                foreach (var entity in _tables.EntitiesOf(table, f))
                {
                    for (var i = 0; i < table.Columns.Count; i++) cmd.Parameters[i].Value = table.Columns[i].ValueOf(entity, f.Id) ?? DBNull.Value;
                    cmd.ExecuteNonQuery();
                }
            }
        }

        public void Dispose()
        {
            foreach (var cmd in _inserts.Values) cmd.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, RegistryTable table)
        {
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
                $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"${i}"))})";
            for (var i = 0; i < table.Columns.Count; i++) cmd.Parameters.Add($"${i}", table.Columns[i].SqliteType);
            cmd.Prepare();
            return cmd;
        }
    }

    private static async Task<int> WritePostgresAsync(NpgsqlConnection conn, RegistryTables tables, ChannelReader<Foreigner[]> batches, IProgress<int>? progress,
        CancellationToken ct)
    {
        var written = 0;
        await foreach (var batch in batches.ReadAllAsync(ct))
        {
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await WritePostgresBatchAsync(conn, tables, batch, ct);
                await tx.CommitAsync(ct);
            }
            written += batch.Length;
            progress?.Report(written);
        }

        // Fresh statistics, so the planner picks the indexes right away rather than after autovacuum gets round to it.
        await using (var analyze = new NpgsqlCommand($"ANALYZE {string.Join(", ", tables.All.Select(t => $"\"{t.Name}\""))}", conn))
            await analyze.ExecuteNonQueryAsync(ct);
        return written;
    }

    /// <summary>COPY of one batch, in the connection's current transaction: every column the model maps, parents first (the children's foreign keys are checked row by row).</summary>
    private static async Task WritePostgresBatchAsync(NpgsqlConnection conn, RegistryTables tables, IReadOnlyCollection<Foreigner> batch, CancellationToken ct)
    {
        foreach (var table in tables.All)
            await CopyAsync(conn, table, batch.SelectMany(f => tables.EntitiesOf(table, f).Select(e => (e, f.Id))), ct);
    }

    // Rows are written with the synchronous API: per-value awaits cost more than the buffered writes they wrap.
    private static async Task CopyAsync(NpgsqlConnection conn, RegistryTable table, IEnumerable<(object Entity, Guid PersonId)> rows, CancellationToken ct)
    {
        var sql = $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        var types = table.Columns.Select(c => c.NpgsqlDbType).ToArray();
        await using var copy = await conn.BeginBinaryImportAsync(sql, ct);
        foreach (var (entity, personId) in rows)
        {
            copy.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                switch (table.Columns[i].ValueOf(entity, personId))
                {
                    case null: copy.WriteNull(); break;
                    // timestamptz takes UTC only; people made in code (the demo, a snapshot's rows) may carry Unspecified times.
                    case DateTime t: copy.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), types[i]); break;
                    case var value: copy.Write(value, types[i]); break;
                }
            }
        }
        await copy.CompleteAsync(ct);
    }
}
