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
    private sealed record PersonState(string FullName, string NameKey, Sex Sex, DateOnly DateOfBirth, string Nationality, ResidentStatus Status,
        string VillageCode, int Rw, int Rt, DateTime UpdatedAt, int Version);

    private sealed record PermitState(PermitType Type, DateOnly IssueDate, DateOnly ExpiryDate, string? Purpose, string? Sponsor,
        string? SponsorPhone, DateOnly? CancelledOn);

    private sealed record AsRead(PersonState Person, Dictionary<Guid, DateOnly> Passports, Dictionary<Guid, PermitState> Permits,
        Dictionary<Guid, (string? Street, DateOnly? Until)> Addresses, HashSet<string> Tokens);

    private readonly Dictionary<Guid, AsRead> _people = [];
    private readonly Dictionary<string, long> _links = [];

    public bool Knows(Foreigner f) => _people.ContainsKey(f.Id);

    /// <summary>Notes <paramref name="f"/> as it was read (with its passports, permits, addresses and name words).</summary>
    public void Remember(Foreigner f) => _people[f.Id] = new AsRead(State(f),
        f.Passports.ToDictionary(p => p.Id, p => p.ExpiryDate), f.Permits.ToDictionary(p => p.Id, State),
        f.Addresses.ToDictionary(a => a.Id, a => (a.Street, a.Until)), f.NameTokens.Select(t => t.Token).ToHashSet());

    /// <summary>Notes a link as read: its update checks that its sequence is still this one.</summary>
    public void Remember(CentralPerson link) => _links[link.CentralId] = link.LastSequence;

    private static PersonState State(Foreigner f) => new(f.FullName, f.NameKey, f.Sex, f.DateOfBirth, f.Nationality, f.Status, f.VillageCode,
        f.Rw, f.Rt, f.UpdatedAt, f.Version);

    private static PermitState State(StayPermit p) => new(p.Type, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.SponsorPhone, p.CancelledOn);

    /// <summary>
    /// Writes what differs in <paramref name="people"/> (remembered ones) and <paramref name="links"/> (remembered ones are
    /// updated, the others inserted) in the transaction <paramref name="db"/> has open, with the resident counts; the
    /// counts of <paramref name="created"/> (people the caller writes itself) are added too.
    /// </summary>
    public async Task WriteAsync(PantauDb db, IEnumerable<Foreigner> people, IEnumerable<CentralPerson> links, IEnumerable<Foreigner> created,
        CancellationToken ct)
    {
        var w = InOrder.ToDictionary(s => s, _ => new List<object?[]>());
        var order = InOrder.ToList();
        var counts = new Dictionary<(string Village, int Rw, int Rt), int>();
        var nationalities = new Dictionary<(string District, string Nationality), int>();
        // New people (written by the bulk writer) count where they live.
        foreach (var f in created)
            if (Counted(State(f)) is { } place) Count(place, +1);
        foreach (var f in people)
        {
            var read = _people[f.Id];
            var before = read.Person;
            var after = State(f);
            if (before != after)
            {
                // Only the columns that changed: SQLite rewrites the index entries of every column a SET names, changed or not.
                var changed = PersonColumns.Where(c => !c.Same(before, after)).ToArray();
                var update = PersonUpdates.GetOrAdd(string.Join(',', changed.Select(c => c.Column.Name)), _ => new Statement(Kind.Update, "Foreigners",
                    [.. changed.Select(c => c.Column), Time("UpdatedAt"), Int("Version")], [Uuid("Id"), Int("old:Version")], Checked: true));
                if (!w.ContainsKey(update)) { w[update] = []; order.Insert(order.IndexOf(Passports), update); }
                w[update].Add([.. changed.Select(c => c.Value(f)), f.UpdatedAt, f.Version, f.Id, before.Version]);
                if (Counted(before) is { } gone) Count(gone, -1);
                if (Counted(after) is { } come) Count(come, +1);
            }
            var passports = f.Passports.Select(p => p.Id).ToHashSet();
            foreach (var p in f.Passports)
                if (!read.Passports.TryGetValue(p.Id, out var expiry)) w[NewPassports].Add([p.Id, f.Id, p.Number, p.IssuingState, p.ExpiryDate]);
                else if (expiry != p.ExpiryDate) w[Passports].Add([p.ExpiryDate, p.Id]);
            foreach (var id in read.Passports.Keys.Where(id => !passports.Contains(id))) w[GonePassports].Add([id]);

            var permits = f.Permits.Select(p => p.Id).ToHashSet();
            foreach (var p in f.Permits)
                if (!read.Permits.TryGetValue(p.Id, out var was))
                    w[NewPermits].Add([p.Id, f.Id, p.Type.ToString(), p.Number, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.SponsorPhone, p.CancelledOn]);
                else if (was != State(p))
                    w[Permits].Add([p.Type.ToString(), p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.SponsorPhone, p.CancelledOn, p.Id]);
            foreach (var id in read.Permits.Keys.Where(id => !permits.Contains(id))) w[GonePermits].Add([id]);

            foreach (var a in f.Addresses)
                if (!read.Addresses.TryGetValue(a.Id, out var was)) w[NewAddresses].Add([a.Id, f.Id, a.VillageCode, a.Rw, a.Rt, a.Street, a.Since, a.Until]);
                else if (was != (a.Street, a.Until)) w[Addresses].Add([a.Street, a.Until, a.Id]);

            var tokens = f.NameTokens.Select(t => t.Token).ToHashSet();
            foreach (var t in tokens.Where(t => !read.Tokens.Contains(t))) w[NewTokens].Add([f.Id, t]);
            foreach (var t in read.Tokens.Where(t => !tokens.Contains(t))) w[GoneTokens].Add([f.Id, t]);
        }
        foreach (var l in links)
            if (_links.TryGetValue(l.CentralId, out var sequence))
                w[Links].Add([l.LastSequence, l.RecordHash, l.RecordVersion, l.LastSnapshotId, l.UpdatedAt, l.CentralId, sequence]);
            else
                w[NewLinks].Add([l.CentralId, l.ForeignerId, l.LastSequence, l.RecordHash, l.RecordVersion, l.LastSnapshotId, l.UpdatedAt]);
        foreach (var ((village, rw, rt), delta) in counts.Where(c => c.Value != 0))
            w[Counts].Add([village, rw, rt, village[..8], village[..5], village[..2], delta]);
        foreach (var ((district, nationality), delta) in nationalities.Where(c => c.Value != 0))
            w[Nationalities].Add([district, nationality, district[..5], district[..2], delta]);

        var run = new Runner(db);
        foreach (var statement in order)
        {
            var rows = w[statement];
            if (rows.Count == 0) continue;
            var affected = await run.ExecuteAsync(statement, rows, ct);
            if (statement.Checked && affected != rows.Count)
                throw new DbUpdateConcurrencyException(
                    $"{statement.Table}: {rows.Count - affected} of {rows.Count} rows were changed by someone else since they were read.");
        }

        void Count((string Village, int Rw, int Rt, string Nationality) p, int delta)
        {
            counts[(p.Village, p.Rw, p.Rt)] = counts.GetValueOrDefault((p.Village, p.Rw, p.Rt)) + delta;
            var key = (p.Village[..8], p.Nationality);
            nationalities[key] = nationalities.GetValueOrDefault(key) + delta;
        }
    }

    /// <summary>Where a person counts as a resident (the counts interceptor's rule), or null.</summary>
    private static (string Village, int Rw, int Rt, string Nationality)? Counted(PersonState s) =>
        s.Status == ResidentStatus.Active && s.VillageCode.Length == 13 ? (s.VillageCode, s.Rw, s.Rt, s.Nationality) : null;

    private enum Kind { Insert, Update, Delete, Upsert }

    private sealed record Column(string Name, SqliteType Lite, NpgsqlDbType Pg, Type Clr);

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

    private sealed record PersonColumn(Column Column, Func<PersonState, PersonState, bool> Same, Func<Foreigner, object?> Value);

    // Person columns that can change (UpdatedAt and Version always do); DistrictCode… follow VillageCode.
    private static readonly PersonColumn[] PersonColumns =
    [
        new(Text("FullName"), (a, b) => a.FullName == b.FullName, f => f.FullName),
        new(Text("NameKey"), (a, b) => a.NameKey == b.NameKey, f => f.NameKey),
        new(Text("Sex"), (a, b) => a.Sex == b.Sex, f => f.Sex.ToString()),
        new(Date("DateOfBirth"), (a, b) => a.DateOfBirth == b.DateOfBirth, f => f.DateOfBirth),
        new(Text("Nationality"), (a, b) => a.Nationality == b.Nationality, f => f.Nationality),
        new(Text("Status"), (a, b) => a.Status == b.Status, f => f.Status.ToString()),
        new(Text("VillageCode"), (a, b) => a.VillageCode == b.VillageCode, f => f.VillageCode),
        new(Text("DistrictCode"), (a, b) => a.VillageCode == b.VillageCode, f => f.DistrictCode),
        new(Text("RegencyCode"), (a, b) => a.VillageCode == b.VillageCode, f => f.RegencyCode),
        new(Text("ProvinceCode"), (a, b) => a.VillageCode == b.VillageCode, f => f.ProvinceCode),
        new(Int("Rw"), (a, b) => a.Rw == b.Rw, f => f.Rw),
        new(Int("Rt"), (a, b) => a.Rt == b.Rt, f => f.Rt),
    ];

    /// <summary>The person UPDATE for each set of changed columns.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Statement> PersonUpdates = new();

    private static readonly Statement GonePassports = new(Kind.Delete, "Passports", [], [Uuid("Id")], Checked: true);
    private static readonly Statement Passports = new(Kind.Update, "Passports", [Date("ExpiryDate")], [Uuid("Id")], Checked: true);
    private static readonly Statement NewPassports = new(Kind.Insert, "Passports",
        [Uuid("Id"), Uuid("ForeignerId"), Text("Number"), Text("IssuingState"), Date("ExpiryDate")], []);

    private static readonly Column[] PermitColumns =
        [Text("Type"), Date("IssueDate"), Date("ExpiryDate"), Text("Purpose"), Text("Sponsor"), Text("SponsorPhone"), NullableDate("CancelledOn")];
    private static readonly Statement GonePermits = new(Kind.Delete, "StayPermits", [], [Uuid("Id")], Checked: true);
    private static readonly Statement Permits = new(Kind.Update, "StayPermits", PermitColumns, [Uuid("Id")], Checked: true);
    private static readonly Statement NewPermits = new(Kind.Insert, "StayPermits",
        [Uuid("Id"), Uuid("ForeignerId"), PermitColumns[0], Text("Number"), .. PermitColumns[1..]], []);

    private static readonly Statement Addresses = new(Kind.Update, "ResidenceAddresses", [Text("Street"), NullableDate("Until")], [Uuid("Id")],
        Checked: true);
    private static readonly Statement NewAddresses = new(Kind.Insert, "ResidenceAddresses",
        [Uuid("Id"), Uuid("ForeignerId"), Text("VillageCode"), Int("Rw"), Int("Rt"), Text("Street"), Date("Since"), NullableDate("Until")], []);

    private static readonly Statement GoneTokens = new(Kind.Delete, "NameTokens", [], [Uuid("ForeignerId"), Text("Token")], Checked: true);
    private static readonly Statement NewTokens = new(Kind.Insert, "NameTokens", [Uuid("ForeignerId"), Text("Token")], []);

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

    // Removals first, so that a number given up and taken again in the same batch is free when it is inserted.
    private static readonly Statement[] InOrder =
    [
        GonePassports, GonePermits, GoneTokens, Passports, Permits, Addresses, Links, NewPassports, NewPermits, NewAddresses,
        NewTokens, NewLinks, Counts, Nationalities,
    ];

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
            var parameters = columns.Select((c, n) => cmd.Parameters.Add($"${n}", c.Lite)).ToArray();
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
                cmd.Parameters.Add(new NpgsqlParameter($"p{n}", NpgsqlDbType.Array | c.Pg) { Value = values });
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
