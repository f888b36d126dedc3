using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pantau.Web.Data;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// The changes the feed and the snapshot import make to people they read without EF's change tracker: each person's
/// and link's state as read is remembered, the domain methods change the objects, and <see cref="WriteAsync"/>
/// writes only what differs, one statement per table and kind (prepared and reused per row on SQLite; one statement
/// over unnest() arrays on PostgreSQL), and adjusts the resident counts by the difference, as the counts interceptor
/// would have. Updates check the version read (the person's <c>Version</c>, the link's <c>LastSequence</c>), so a
/// concurrent writer makes the batch fail with <see cref="DbUpdateConcurrencyException"/> and retry, as with EF.
/// </summary>
public sealed class RegistryChanges
{
    /// <summary>A person's rows as read (the registry's columns, <see cref="RegistryTables"/>), children by key, and where they counted.</summary>
    private sealed record AsRead(object?[] Person, Dictionary<RegistryTable, Dictionary<string, object?[]>> Children, Place? Counted);

    private sealed record Place(string Village, int Rw, int Rt, string Nationality);

    private readonly RegistryTables _tables;
    private readonly Dictionary<Guid, AsRead> _people = [];
    private readonly Dictionary<string, long> _links = [];

    public RegistryChanges(PantauDb db) => _tables = RegistryTables.Of(db);

    public bool Knows(Foreigner f) => _people.ContainsKey(f.Id);

    /// <summary>Notes <paramref name="f"/> as it was read (with its passports, permits, addresses and name words).</summary>
    public void Remember(Foreigner f) => _people[f.Id] = new AsRead(_tables.Foreigners.Row(f, f.Id), ChildrenOf(f), Counted(f));

    /// <summary>Notes a link as read: its update checks that its sequence is still this one.</summary>
    public void Remember(CentralPerson link) => _links[link.CentralId] = link.LastSequence;

    private IEnumerable<RegistryTable> ChildTables => _tables.All.Where(t => t != _tables.Foreigners);

    private Dictionary<RegistryTable, Dictionary<string, object?[]>> ChildrenOf(Foreigner f) => ChildTables.ToDictionary(t => t,
        t => _tables.EntitiesOf(t, f).Select(e => t.Row(e, f.Id)).ToDictionary(row => KeyOf(t, row)));

    /// <summary>A row's primary key as one string (a child's id; a name word's person and word).</summary>
    private static string KeyOf(RegistryTable table, object?[] row) =>
        string.Join('|', table.Columns.Select((c, i) => (c, i)).Where(x => x.c.IsKey).Select(x => Convert.ToString(row[x.i], CultureInfo.InvariantCulture)));

    /// <summary>Where a person counts as a resident (<see cref="Foreigner.CountsAsResident"/>), or null.</summary>
    private static Place? Counted(Foreigner f) => f.CountsAsResident ? new Place(f.VillageCode, f.Rw, f.Rt, f.Nationality) : null;

    /// <summary>
    /// Writes what differs in <paramref name="people"/> (remembered ones) and <paramref name="links"/> (remembered ones are
    /// updated, the others inserted) in the transaction <paramref name="db"/> has open, with the resident counts; the
    /// counts of <paramref name="created"/> (people the caller writes itself) are added too.
    /// </summary>
    public async Task WriteAsync(PantauDb db, IEnumerable<Foreigner> people, IEnumerable<CentralPerson> links, IEnumerable<Foreigner> created,
        CancellationToken ct)
    {
        // Removals first, so that a number given up and taken again in the same batch is free when it is inserted;
        // then updates, inserts, the links and the counts. Statements run in the order they were first needed in
        // their phase.
        var w = new Dictionary<Statement, (int Phase, int Seen, List<object?[]> Rows)>();
        void Add(int phase, Statement statement, object?[] row)
        {
            if (!w.TryGetValue(statement, out var entry)) w[statement] = entry = (phase, w.Count, []);
            entry.Rows.Add(row);
        }
        var counts = new Dictionary<(string Village, int Rw, int Rt), int>();
        var nationalities = new Dictionary<(string District, string Nationality), int>();
        // New people (written by the bulk writer) count where they live.
        foreach (var f in created)
            if (Counted(f) is { } place) Count(place, +1);
        var person = _tables.Foreigners;
        foreach (var f in people)
        {
            var read = _people[f.Id];
            var after = person.Row(f, f.Id);
            // Only the columns that changed: SQLite rewrites the index entries of every column a SET names, changed or not.
            var changed = Changed(person, read.Person, after);
            if (changed.Length > 0)
            {
                // The person's concurrency token (Version) must still be the one read.
                var checks = person.Columns.Select((c, i) => (c, i)).Where(x => x.c.Property.IsConcurrencyToken).ToArray();
                Add(1, Update(person, changed, checks.Select(x => x.c).ToArray()),
                    [.. changed.Select(i => after[i]), .. KeyValues(person, after), .. checks.Select(x => read.Person[x.i])]);
                if (read.Counted is { } gone) Count(gone, -1);
                if (Counted(f) is { } come) Count(come, +1);
            }
            foreach (var table in ChildTables)
            {
                var before = read.Children[table];
                var now = _tables.EntitiesOf(table, f).Select(e => table.Row(e, f.Id)).ToDictionary(row => KeyOf(table, row));
                foreach (var (key, row) in before.Where(r => !now.ContainsKey(r.Key))) Add(0, Delete(table), [.. KeyValues(table, row)]);
                foreach (var (key, row) in now)
                    if (!before.TryGetValue(key, out var was)) Add(3, Insert(table), row);
                    else if (Changed(table, was, row) is { Length: > 0 } columns)
                        Add(2, Update(table, columns, []), [.. columns.Select(i => row[i]), .. KeyValues(table, row)]);
            }
        }
        foreach (var l in links)
            if (_links.TryGetValue(l.CentralId, out var sequence))
                Add(4, Links, [l.LastSequence, l.RecordHash, l.RecordVersion, l.LastSnapshotId, l.UpdatedAt, l.CentralId, sequence]);
            else
                Add(5, NewLinks, [l.CentralId, l.ForeignerId, l.LastSequence, l.RecordHash, l.RecordVersion, l.LastSnapshotId, l.UpdatedAt]);
        foreach (var ((village, rw, rt), delta) in counts.Where(c => c.Value != 0))
            Add(6, Counts, [village, rw, rt, village[..8], village[..5], village[..2], delta]);
        foreach (var ((district, nationality), delta) in nationalities.Where(c => c.Value != 0))
            Add(7, Nationalities, [district, nationality, district[..5], district[..2], delta]);

        var run = new Runner(db);
        foreach (var (statement, (_, _, rows)) in w.OrderBy(s => s.Value.Phase).ThenBy(s => s.Value.Seen))
        {
            var affected = await run.ExecuteAsync(statement, rows, ct);
            if (statement.Checked && affected != rows.Count)
                throw new DbUpdateConcurrencyException(
                    $"{statement.Table}: {rows.Count - affected} of {rows.Count} rows were changed by someone else since they were read.");
        }

        void Count(Place p, int delta)
        {
            counts[(p.Village, p.Rw, p.Rt)] = counts.GetValueOrDefault((p.Village, p.Rw, p.Rt)) + delta;
            var key = (p.Village[..8], p.Nationality);
            nationalities[key] = nationalities.GetValueOrDefault(key) + delta;
        }
    }

    /// <summary>The indexes of the non-key columns whose values differ.</summary>
    private static int[] Changed(RegistryTable table, object?[] before, object?[] after) =>
        Enumerable.Range(0, before.Length).Where(i => !table.Columns[i].IsKey && !Equals(before[i], after[i])).ToArray();

    private static IEnumerable<object?> KeyValues(RegistryTable table, object?[] row) =>
        table.Columns.Select((c, i) => (c, i)).Where(x => x.c.IsKey).Select(x => row[x.i]);

    private static Column ColumnOf(RegistryColumn c) => new(c.Name, c.Lite, c.Pg, c.StoredType);

    /// <summary>The statements on registry tables, one per table, kind and set of columns, built once per model (provider).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RegistryTables, System.Collections.Concurrent.ConcurrentDictionary<string, Statement>>
        StatementsOf = new();

    private System.Collections.Concurrent.ConcurrentDictionary<string, Statement> RegistryStatements => StatementsOf.GetOrCreateValue(_tables);

    private Statement Insert(RegistryTable t) => RegistryStatements.GetOrAdd($"insert {t.Name}",
        _ => new Statement(Kind.Insert, t.Name, [.. t.Columns.Select(ColumnOf)], []));

    private Statement Delete(RegistryTable t) => RegistryStatements.GetOrAdd($"delete {t.Name}",
        _ => new Statement(Kind.Delete, t.Name, [], [.. t.Key.Select(ColumnOf)], Checked: true));

    private Statement Update(RegistryTable t, int[] set, RegistryColumn[] checks) =>
        RegistryStatements.GetOrAdd($"update {t.Name} {string.Join(',', set)} {string.Join(',', checks.Select(c => c.Name))}",
            _ => new Statement(Kind.Update, t.Name, [.. set.Select(i => ColumnOf(t.Columns[i]))],
                [.. t.Key.Select(ColumnOf), .. checks.Select(c => ColumnOf(c) with { Name = "old:" + c.Name })], Checked: true));

    private enum Kind { Insert, Update, Delete, Upsert }

    private sealed record Column(string Name, SqliteType? Lite, NpgsqlDbType? Pg, Type Clr);

    /// <summary>
    /// One statement: for an update, <c>Set</c> then <c>Key</c> columns (a key named <c>"old:X"</c> compares column X with
    /// the value read); for an upsert, <c>Set</c> are the added counts.
    /// </summary>
    private sealed record Statement(Kind Kind, string Table, Column[] Set, Column[] Key, bool Checked = false, string? Conflict = null);

    private static Column Text(string name) => new(name, SqliteType.Text, NpgsqlDbType.Text, typeof(string));
    private static Column Uuid(string name) => new(name, SqliteType.Text, NpgsqlDbType.Uuid, typeof(Guid));
    private static Column NullableUuid(string name) => new(name, SqliteType.Text, NpgsqlDbType.Uuid, typeof(Guid?));
    private static Column Date(string name) => new(name, SqliteType.Text, NpgsqlDbType.Date, typeof(DateOnly));
    private static Column NullableDate(string name) => new(name, SqliteType.Text, NpgsqlDbType.Date, typeof(DateOnly?));
    private static Column Int(string name) => new(name, SqliteType.Integer, NpgsqlDbType.Integer, typeof(int));
    private static Column Long(string name) => new(name, SqliteType.Integer, NpgsqlDbType.Bigint, typeof(long));
    private static Column Time(string name) => new(name, SqliteType.Text, NpgsqlDbType.TimestampTz, typeof(DateTime));

    private static readonly Statement Links = new(Kind.Update, "CentralPeople",
        [Long("LastSequence"), Text("RecordHash"), Int("RecordVersion"), NullableUuid("LastSnapshotId"), Time("UpdatedAt")],
        [Text("CentralId"), Long("old:LastSequence")], Checked: true);
    private static readonly Statement NewLinks = new(Kind.Insert, "CentralPeople",
        [Text("CentralId"), Uuid("ForeignerId"), Long("LastSequence"), Text("RecordHash"), Int("RecordVersion"), NullableUuid("LastSnapshotId"),
            Time("UpdatedAt")], []);

    private static readonly Statement Counts = new(Kind.Upsert, "ResidentCounts",
        [Text("VillageCode"), Int("Rw"), Int("Rt"), Text("DistrictCode"), Text("RegencyCode"), Text("ProvinceCode"), Int("Count")], [],
        Conflict: """ "VillageCode", "Rw", "Rt" """);
    private static readonly Statement Nationalities = new(Kind.Upsert, "NationalityCounts",
        [Text("DistrictCode"), Text("Nationality"), Text("RegencyCode"), Text("ProvinceCode"), Int("Count")], [],
        Conflict: """ "DistrictCode", "Nationality" """);

    /// <summary>Runs a statement over rows in the open transaction; answers the rows affected.</summary>
    private sealed class Runner(PantauDb db)
    {
        public async Task<int> ExecuteAsync(Statement s, List<object?[]> rows, CancellationToken ct) =>
            db.Database.GetDbConnection() switch
            {
                SqliteConnection c => Sqlite(c, (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), s, rows),
                NpgsqlConnection c => await PostgresAsync(c, s, rows, ct),
                var other => throw new NotSupportedException(other.GetType().Name),
            };

        private static string Name(Column c) => c.Name.StartsWith("old:", StringComparison.Ordinal) ? c.Name[4..] : c.Name;

        /// <summary>One prepared statement, run once per row: in-process, a reused statement costs microseconds.</summary>
        private static int Sqlite(SqliteConnection conn, SqliteTransaction tx, Statement s, List<object?[]> rows)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var columns = s.Set.Concat(s.Key).ToArray();
            var i = 0;
            string Next() => $"${i++}";
            cmd.CommandText = s.Kind switch
            {
                Kind.Insert => $"""INSERT INTO "{s.Table}" ({string.Join(", ", s.Set.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", s.Set.Select(_ => Next()))})""",
                Kind.Upsert => $"""
                    INSERT INTO "{s.Table}" ({string.Join(", ", s.Set.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", s.Set.Select(_ => Next()))})
                    ON CONFLICT ({s.Conflict}) DO UPDATE SET "Count" = "{s.Table}"."Count" + excluded."Count"
                    """,
                Kind.Update => $"""UPDATE "{s.Table}" SET {string.Join(", ", s.Set.Select(c => $"\"{c.Name}\" = {Next()}"))} WHERE {string.Join(" AND ", s.Key.Select(c => $"\"{Name(c)}\" = {Next()}"))}""",
                _ => $"""DELETE FROM "{s.Table}" WHERE {string.Join(" AND ", s.Key.Select(c => $"\"{Name(c)}\" = {Next()}"))}""",
            };
            var parameters = columns.Select((c, n) => cmd.Parameters.Add($"${n}", c.Lite ?? throw new NotSupportedException($"{s.Table}.{c.Name} has no SQLite type."))).ToArray();
            cmd.Prepare();
            var affected = 0;
            foreach (var row in rows)
            {
                for (var n = 0; n < parameters.Length; n++) parameters[n].Value = row[n] ?? DBNull.Value;
                affected += cmd.ExecuteNonQuery();
            }
            return affected;
        }

        /// <summary>One statement for all rows: each column an array parameter, joined through unnest().</summary>
        private static async Task<int> PostgresAsync(NpgsqlConnection conn, Statement s, List<object?[]> rows, CancellationToken ct)
        {
            await using var cmd = conn.CreateCommand();
            var columns = s.Set.Concat(s.Key).ToArray();
            for (var n = 0; n < columns.Length; n++)
            {
                var c = columns[n];
                var values = Array.CreateInstance(c.Clr, rows.Count);
                for (var r = 0; r < rows.Count; r++)
                    values.SetValue(rows[r][n] is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : rows[r][n], r);
                cmd.Parameters.Add(new NpgsqlParameter($"p{n}", NpgsqlDbType.Array | (c.Pg ?? throw new NotSupportedException($"{s.Table}.{c.Name} has no PostgreSQL type."))) { Value = values });
            }
            var alias = columns.Select((c, n) => $"\"v{n}\"").ToArray();
            var from = $"unnest({string.Join(", ", columns.Select((_, n) => $"@p{n}"))}) AS v({string.Join(", ", alias)})";
            var names = string.Join(", ", s.Set.Select(c => $"\"{c.Name}\""));
            var keys = string.Join(" AND ", s.Key.Select((c, n) => $"t.\"{Name(c)}\" = v.{alias[s.Set.Length + n]}"));
            cmd.CommandText = s.Kind switch
            {
                Kind.Insert => $"""INSERT INTO "{s.Table}" ({names}) SELECT * FROM {from}""",
                Kind.Upsert => $"""
                    INSERT INTO "{s.Table}" AS t ({names}) SELECT * FROM {from}
                    ON CONFLICT ({s.Conflict}) DO UPDATE SET "Count" = t."Count" + excluded."Count"
                    """,
                Kind.Update => $"""UPDATE "{s.Table}" AS t SET {string.Join(", ", s.Set.Select((c, n) => $"\"{c.Name}\" = v.{alias[n]}"))} FROM {from} WHERE {keys}""",
                _ => $"""DELETE FROM "{s.Table}" AS t USING {from} WHERE {keys}""",
            };
            return await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
