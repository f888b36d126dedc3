using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// Rows the feed and the snapshot import write past EF's change tracker, in the caller's transaction, in the form EF
/// gives them (as <c>RegistryBulkWriter</c> does): thousands per batch cost milliseconds instead of a statement each.
/// </summary>
public static class SyncRows
{
    /// <summary>The new people's links to their central ids, written like the people themselves (prepared INSERT / COPY).</summary>
    public static async Task WriteLinksAsync(PantauDb db, IReadOnlyList<CentralPerson> links, CancellationToken ct)
    {
        switch (db.Database.GetDbConnection())
        {
            case SqliteConnection conn:
            {
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
                cmd.CommandText = """
                    INSERT INTO "CentralPeople" ("CentralId", "ForeignerId", "LastSequence", "RecordHash", "RecordVersion", "LastSnapshotId", "UpdatedAt")
                    VALUES ($0, $1, $2, $3, $4, $5, $6)
                    """;
                var p = new[] { SqliteType.Text, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Text }
                    .Select((type, i) => cmd.Parameters.Add($"${i}", type)).ToArray();
                cmd.Prepare();
                foreach (var l in links)
                {
                    p[0].Value = l.CentralId;
                    p[1].Value = l.ForeignerId;
                    p[2].Value = l.LastSequence;
                    p[3].Value = (object?)l.RecordHash ?? DBNull.Value;
                    p[4].Value = l.RecordVersion;
                    p[5].Value = (object?)l.LastSnapshotId ?? DBNull.Value;
                    p[6].Value = l.UpdatedAt;
                    cmd.ExecuteNonQuery();
                }
                break;
            }
            case NpgsqlConnection conn:
            {
                await using var copy = await conn.BeginBinaryImportAsync("""
                    COPY "CentralPeople" ("CentralId", "ForeignerId", "LastSequence", "RecordHash", "RecordVersion", "LastSnapshotId", "UpdatedAt")
                    FROM STDIN (FORMAT BINARY)
                    """, ct);
                foreach (var l in links)
                {
                    copy.StartRow();
                    copy.Write(l.CentralId, NpgsqlDbType.Varchar);
                    copy.Write(l.ForeignerId, NpgsqlDbType.Uuid);
                    copy.Write(l.LastSequence, NpgsqlDbType.Bigint);
                    if (l.RecordHash is null) copy.WriteNull(); else copy.Write(l.RecordHash, NpgsqlDbType.Varchar);
                    copy.Write(l.RecordVersion, NpgsqlDbType.Integer);
                    if (l.LastSnapshotId is { } s) copy.Write(s, NpgsqlDbType.Uuid); else copy.WriteNull();
                    copy.Write(DateTime.SpecifyKind(l.UpdatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                }
                await copy.CompleteAsync(ct);
                break;
            }
        }
    }

    /// <summary>New ledger rows, written like the people (prepared INSERT / COPY): a batch adds one per event.</summary>
    public static async Task WriteEventsAsync(PantauDb db, IReadOnlyList<CentralEvent> events, CancellationToken ct)
    {
        const string columns = """ "EventId", "CentralId", "Sequence", "Type", "State", "Reason", "Payload", "OccurredAt", "ReceivedAt", "AppliedAt", "ForeignerId" """;
        switch (db.Database.GetDbConnection())
        {
            case SqliteConnection conn:
            {
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
                cmd.CommandText = $"INSERT INTO \"CentralEvents\" ({columns}) VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
                var p = new[]
                {
                    SqliteType.Text, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Text, SqliteType.Text,
                    SqliteType.Text, SqliteType.Text, SqliteType.Text, SqliteType.Text,
                }.Select((type, i) => cmd.Parameters.Add($"${i}", type)).ToArray();
                cmd.Prepare();
                foreach (var e in events)
                {
                    p[0].Value = e.EventId;
                    p[1].Value = e.CentralId;
                    p[2].Value = e.Sequence;
                    p[3].Value = (object?)e.Type?.ToString() ?? DBNull.Value;
                    p[4].Value = e.State.ToString();
                    p[5].Value = (object?)e.Reason ?? DBNull.Value;
                    p[6].Value = (object?)e.Payload ?? DBNull.Value;
                    p[7].Value = e.OccurredAt;
                    p[8].Value = e.ReceivedAt;
                    p[9].Value = (object?)e.AppliedAt ?? DBNull.Value;
                    p[10].Value = (object?)e.ForeignerId ?? DBNull.Value;
                    cmd.ExecuteNonQuery();
                }
                break;
            }
            case NpgsqlConnection conn:
            {
                await using var copy = await conn.BeginBinaryImportAsync($"COPY \"CentralEvents\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var e in events)
                {
                    copy.StartRow();
                    copy.Write(e.EventId, NpgsqlDbType.Varchar);
                    copy.Write(e.CentralId, NpgsqlDbType.Varchar);
                    copy.Write(e.Sequence, NpgsqlDbType.Bigint);
                    if (e.Type is { } type) copy.Write(type.ToString(), NpgsqlDbType.Varchar); else copy.WriteNull();
                    copy.Write(e.State.ToString(), NpgsqlDbType.Varchar);
                    if (e.Reason is null) copy.WriteNull(); else copy.Write(e.Reason, NpgsqlDbType.Varchar);
                    if (e.Payload is null) copy.WriteNull(); else copy.Write(e.Payload, NpgsqlDbType.Text);
                    copy.Write(DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    copy.Write(DateTime.SpecifyKind(e.ReceivedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    if (e.AppliedAt is { } at) copy.Write(DateTime.SpecifyKind(at, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); else copy.WriteNull();
                    if (e.ForeignerId is { } id) copy.Write(id, NpgsqlDbType.Uuid); else copy.WriteNull();
                }
                await copy.CompleteAsync(ct);
                break;
            }
        }
    }
}
