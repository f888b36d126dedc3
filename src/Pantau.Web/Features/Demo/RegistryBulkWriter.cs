using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pantau.Web.Data;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Demo;

/// <summary>
/// Writes new people straight into Foreigners, Passports, StayPermits, ResidenceAddresses and NameTokens, past EF's
/// change tracker: prepared INSERTs in large transactions on SQLite, binary COPY on PostgreSQL. A million demo people
/// take a minute or two instead of an hour. Values take the form EF Core gives them (on SQLite: Guid as upper-case
/// text, DateOnly as yyyy-MM-dd, DateTime as yyyy-MM-dd HH:mm:ss.FFFFFFF, enums by name), so the app reads them back as
/// if EF had saved them; DemoSeedingTests compares the rows of both writers.
/// For seeding only: it writes no audit entry and validates nothing.
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
            var written = db.Database.GetDbConnection() switch
            {
                SqliteConnection sqlite => await WriteSqliteAsync(sqlite, batches.Reader, progress, ct),
                NpgsqlConnection pg => await WritePostgresAsync(pg, batches.Reader, progress, ct),
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

    private static async Task<int> WriteSqliteAsync(SqliteConnection conn, ChannelReader<Foreigner[]> batches, IProgress<int>? progress,
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
                    WriteSqliteBatch(conn, tx, batch);
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
                WriteSqliteBatch(sqlite, (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), batch);
                break;
            case NpgsqlConnection pg:
                await WritePostgresBatchAsync(pg, batch, ct);
                break;
            case var other:
                throw new NotSupportedException(other.GetType().Name);
        }
    }

    private static void WriteSqliteBatch(SqliteConnection conn, SqliteTransaction tx, IEnumerable<Foreigner> batch)
    {
        using var insert = new SqliteInserts(conn, tx);
        foreach (var f in batch) insert.Person(f);
    }

    private static void Execute(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>One prepared INSERT per table. Parameters carry CLR values with SqliteType.Text, as EF binds them.</summary>
    private sealed class SqliteInserts : IDisposable
    {
        private readonly SqliteCommand _foreigner, _passport, _permit, _address, _token;

        public SqliteInserts(SqliteConnection conn, SqliteTransaction tx)
        {
            _foreigner = Prepare(conn, tx, "Foreigners", ("Id", SqliteType.Text), ("FullName", SqliteType.Text), ("NameKey", SqliteType.Text),
                ("Sex", SqliteType.Text), ("DateOfBirth", SqliteType.Text), ("Nationality", SqliteType.Text), ("Status", SqliteType.Text),
                ("VillageCode", SqliteType.Text), ("DistrictCode", SqliteType.Text), ("RegencyCode", SqliteType.Text),
                ("ProvinceCode", SqliteType.Text), ("Rw", SqliteType.Integer), ("Rt", SqliteType.Integer), ("CreatedAt", SqliteType.Text),
                ("UpdatedAt", SqliteType.Text), ("Version", SqliteType.Integer));
            _passport = Prepare(conn, tx, "Passports", ("Id", SqliteType.Text), ("ForeignerId", SqliteType.Text), ("Number", SqliteType.Text),
                ("IssuingState", SqliteType.Text), ("ExpiryDate", SqliteType.Text));
            _permit = Prepare(conn, tx, "StayPermits", ("Id", SqliteType.Text), ("ForeignerId", SqliteType.Text), ("Type", SqliteType.Text),
                ("Number", SqliteType.Text), ("IssueDate", SqliteType.Text), ("ExpiryDate", SqliteType.Text), ("Purpose", SqliteType.Text),
                ("Sponsor", SqliteType.Text), ("CancelledOn", SqliteType.Text));
            _address = Prepare(conn, tx, "ResidenceAddresses", ("Id", SqliteType.Text), ("ForeignerId", SqliteType.Text),
                ("VillageCode", SqliteType.Text), ("Rw", SqliteType.Integer), ("Rt", SqliteType.Integer), ("Street", SqliteType.Text),
                ("Since", SqliteType.Text), ("Until", SqliteType.Text));
            _token = Prepare(conn, tx, "NameTokens", ("ForeignerId", SqliteType.Text), ("Token", SqliteType.Text));
        }

        public void Person(Foreigner f)
        {
            Run(_foreigner, f.Id, f.FullName, f.NameKey, f.Sex.ToString(), f.DateOfBirth, f.Nationality, f.Status.ToString(),
                f.VillageCode, f.DistrictCode, f.RegencyCode, f.ProvinceCode, f.Rw, f.Rt, f.CreatedAt, f.UpdatedAt, f.Version);
            foreach (var p in f.Passports) Run(_passport, p.Id, f.Id, p.Number, p.IssuingState, p.ExpiryDate);
            foreach (var p in f.Permits)
                Run(_permit, p.Id, f.Id, p.Type.ToString(), p.Number, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.CancelledOn);
            foreach (var a in f.Addresses) Run(_address, a.Id, f.Id, a.VillageCode, a.Rw, a.Rt, a.Street, a.Since, a.Until);
            foreach (var t in f.NameTokens) Run(_token, f.Id, t.Token);
        }

        public void Dispose()
        {
            foreach (var cmd in new[] { _foreigner, _passport, _permit, _address, _token }) cmd.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, string table, params (string Name, SqliteType Type)[] columns)
        {
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => $"${i}"))})";
            for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add($"${i}", columns[i].Type);
            cmd.Prepare();
            return cmd;
        }

        private static void Run(SqliteCommand cmd, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
    }

    private static async Task<int> WritePostgresAsync(NpgsqlConnection conn, ChannelReader<Foreigner[]> batches, IProgress<int>? progress,
        CancellationToken ct)
    {
        var written = 0;
        await foreach (var batch in batches.ReadAllAsync(ct))
        {
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await WritePostgresBatchAsync(conn, batch, ct);
                await tx.CommitAsync(ct);
            }
            written += batch.Length;
            progress?.Report(written);
        }

        // Fresh statistics, so the planner picks the indexes right away rather than after autovacuum gets round to it.
        await using (var analyze = new NpgsqlCommand(
            "ANALYZE \"Foreigners\", \"Passports\", \"StayPermits\", \"ResidenceAddresses\", \"NameTokens\"", conn))
            await analyze.ExecuteNonQueryAsync(ct);
        return written;
    }

    /// <summary>COPY of one batch, in the connection's current transaction.</summary>
    private static async Task WritePostgresBatchAsync(NpgsqlConnection conn, IReadOnlyCollection<Foreigner> batch, CancellationToken ct)
    {
            // Parents first: the children's foreign keys are checked row by row.
            await CopyAsync(conn, "Foreigners", ["Id", "FullName", "NameKey", "Sex", "DateOfBirth", "Nationality", "Status", "VillageCode",
                "DistrictCode", "RegencyCode", "ProvinceCode", "Rw", "Rt", "CreatedAt", "UpdatedAt", "Version"], batch, (copy, f) =>
            {
                copy.StartRow();
                copy.Write(f.Id, NpgsqlDbType.Uuid);
                copy.Write(f.FullName, NpgsqlDbType.Varchar);
                copy.Write(f.NameKey, NpgsqlDbType.Varchar);
                copy.Write(f.Sex.ToString(), NpgsqlDbType.Varchar);
                copy.Write(f.DateOfBirth, NpgsqlDbType.Date);
                copy.Write(f.Nationality, NpgsqlDbType.Varchar);
                copy.Write(f.Status.ToString(), NpgsqlDbType.Varchar);
                copy.Write(f.VillageCode, NpgsqlDbType.Varchar);
                copy.Write(f.DistrictCode, NpgsqlDbType.Varchar);
                copy.Write(f.RegencyCode, NpgsqlDbType.Varchar);
                copy.Write(f.ProvinceCode, NpgsqlDbType.Varchar);
                copy.Write(f.Rw, NpgsqlDbType.Integer);
                copy.Write(f.Rt, NpgsqlDbType.Integer);
                copy.Write(DateTime.SpecifyKind(f.CreatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(DateTime.SpecifyKind(f.UpdatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(f.Version, NpgsqlDbType.Integer);
            }, ct);
            await CopyAsync(conn, "Passports", ["Id", "ForeignerId", "Number", "IssuingState", "ExpiryDate"], batch, (copy, f) =>
            {
                foreach (var p in f.Passports)
                {
                    copy.StartRow();
                    copy.Write(p.Id, NpgsqlDbType.Uuid);
                    copy.Write(f.Id, NpgsqlDbType.Uuid);
                    copy.Write(p.Number, NpgsqlDbType.Varchar);
                    copy.Write(p.IssuingState, NpgsqlDbType.Varchar);
                    copy.Write(p.ExpiryDate, NpgsqlDbType.Date);
                }
            }, ct);
            await CopyAsync(conn, "StayPermits", ["Id", "ForeignerId", "Type", "Number", "IssueDate", "ExpiryDate", "Purpose", "Sponsor",
                "CancelledOn"], batch, (copy, f) =>
            {
                foreach (var p in f.Permits)
                {
                    copy.StartRow();
                    copy.Write(p.Id, NpgsqlDbType.Uuid);
                    copy.Write(f.Id, NpgsqlDbType.Uuid);
                    copy.Write(p.Type.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(p.Number, NpgsqlDbType.Varchar);
                    copy.Write(p.IssueDate, NpgsqlDbType.Date);
                    copy.Write(p.ExpiryDate, NpgsqlDbType.Date);
                    WriteOrNull(copy, p.Purpose, NpgsqlDbType.Varchar);
                    WriteOrNull(copy, p.Sponsor, NpgsqlDbType.Varchar);
                    WriteOrNull(copy, p.CancelledOn, NpgsqlDbType.Date);
                }
            }, ct);
            await CopyAsync(conn, "ResidenceAddresses", ["Id", "ForeignerId", "VillageCode", "Rw", "Rt", "Street", "Since", "Until"], batch,
                (copy, f) =>
                {
                    foreach (var a in f.Addresses)
                    {
                        copy.StartRow();
                        copy.Write(a.Id, NpgsqlDbType.Uuid);
                        copy.Write(f.Id, NpgsqlDbType.Uuid);
                        copy.Write(a.VillageCode, NpgsqlDbType.Varchar);
                        copy.Write(a.Rw, NpgsqlDbType.Integer);
                        copy.Write(a.Rt, NpgsqlDbType.Integer);
                        WriteOrNull(copy, a.Street, NpgsqlDbType.Varchar);
                        copy.Write(a.Since, NpgsqlDbType.Date);
                        WriteOrNull(copy, a.Until, NpgsqlDbType.Date);
                    }
                }, ct);
            await CopyAsync(conn, "NameTokens", ["ForeignerId", "Token"], batch, (copy, f) =>
            {
                foreach (var t in f.NameTokens)
                {
                    copy.StartRow();
                    copy.Write(f.Id, NpgsqlDbType.Uuid);
                    copy.Write(t.Token, NpgsqlDbType.Varchar);
                }
            }, ct);
    }

    // Rows are written with the synchronous API: per-value awaits cost more than the buffered writes they wrap.
    private static async Task CopyAsync(NpgsqlConnection conn, string table, string[] columns, IReadOnlyCollection<Foreigner> batch,
        Action<NpgsqlBinaryImporter, Foreigner> writeRows, CancellationToken ct)
    {
        var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var copy = await conn.BeginBinaryImportAsync(sql, ct);
        foreach (var f in batch) writeRows(copy, f);
        await copy.CompleteAsync(ct);
    }

    private static void WriteOrNull<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : class
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, type);
    }

    private static void WriteOrNull<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) copy.Write(v, type);
        else copy.WriteNull();
    }
}
