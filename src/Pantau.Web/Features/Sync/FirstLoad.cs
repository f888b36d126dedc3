using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// What a first load of the central snapshot sets aside and puts back once at the end: the registry's search indexes
/// (name words, regions, nationality, permit expiry) and, on PostgreSQL, the foreign keys from a person's documents,
/// address and name words to the person. Sorting a million keys once is several times cheaper than inserting them one
/// by one into B-trees that outgrow the cache, and checking a million references in one join is cheaper than a
/// trigger that looks up and locks the person for each row (SQLite cannot drop a constraint; its check is a lookup).
/// What the import itself reads stays indexed (passport and permit numbers, unique; a person's rows by
/// <c>ForeignerId</c>, whose v7 ids only append), so the feed and a person's page stay fast during the load; searches
/// by name or place scan until it ends. The database's catalogue is the state: what the model has and the database
/// lacks was set aside by a first load, so an import killed half-way resumes without them, and one that ends (or the
/// app's start, when no import is unfinished) puts them back.
/// </summary>
public static class FirstLoad
{
    private static readonly string[] RegistryTables = ["Foreigners", "NameTokens", "Passports", "StayPermits", "ResidenceAddresses"];

    /// <summary>An index or constraint of the model that a first load sets aside.</summary>
    public sealed record Deferred(string Name, bool IsIndex, string Drop, string Create);

    public static IReadOnlyList<Deferred> Deferrable(PantauDb db)
    {
        var tables = db.Model.GetRelationalModel().Tables.Where(t => RegistryTables.Contains(t.Name)).ToList();
        // Not unique, and not led by the person's id.
        var indexes = tables.SelectMany(t => t.Indexes).Where(i => !i.IsUnique && i.Filter is null && i.Columns[0].Name != "ForeignerId")
            .Select(i => new Deferred(i.Name, true, $"""DROP INDEX IF EXISTS "{i.Name}" """,
                $"""CREATE INDEX IF NOT EXISTS "{i.Name}" ON "{i.Table.Name}" ({Columns(i.Columns)})"""));
        var keys = !db.Database.IsNpgsql() ? []
            : tables.SelectMany(t => t.ForeignKeyConstraints).Where(k => k.PrincipalTable.Name == "Foreigners")
                .Select(k => new Deferred(k.Name, false, $"""ALTER TABLE "{k.Table.Name}" DROP CONSTRAINT IF EXISTS "{k.Name}" """,
                    $"""ALTER TABLE "{k.Table.Name}" ADD CONSTRAINT "{k.Name}" FOREIGN KEY ({Columns(k.Columns)}) """ +
                    $"""REFERENCES "{k.PrincipalTable.Name}" ({Columns(k.PrincipalColumns)}){OnDelete(k.OnDeleteAction)}"""));
        return indexes.Concat(keys).OrderBy(d => !d.IsIndex).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => $"\"{c.Name}\""));

    private static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => " ON DELETE CASCADE",
        ReferentialAction.SetNull => " ON DELETE SET NULL",
        ReferentialAction.Restrict => " ON DELETE RESTRICT",
        _ => "",
    };

    /// <summary>What the database lacks of <see cref="Deferrable"/>.</summary>
    public static async Task<List<Deferred>> MissingAsync(PantauDb db, CancellationToken ct)
    {
        var present = (await db.Database.SqlQueryRaw<string>(db.Database.IsNpgsql()
                ? """SELECT indexname AS "Value" FROM pg_indexes WHERE schemaname = current_schema() UNION ALL SELECT conname FROM pg_constraint WHERE contype = 'f'"""
                : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'")
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return Deferrable(db).Where(d => !present.Contains(d.Name)).ToList();
    }

    public static async Task SetAsideAsync(PantauDb db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var d in Deferrable(db)) await db.Database.ExecuteSqlRawAsync(d.Drop, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Puts back what is missing, one statement each; <paramref name="building"/> hears (done, of) before each.</summary>
    public static async Task PutBackAsync(PantauDb db, Action<int, int>? building, CancellationToken ct)
    {
        var missing = await MissingAsync(db, ct);
        for (var i = 0; i < missing.Count; i++)
        {
            building?.Invoke(i, missing.Count);
            await db.Database.ExecuteSqlRawAsync(missing[i].Create, ct);
        }
    }
}
