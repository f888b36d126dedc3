using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// The registry's search indexes (name words, regions, nationality, permit expiry). A first load of the central
/// snapshot drops them and builds them once at the end: sorting a million keys once is several times cheaper than
/// inserting them one by one into B-trees that outgrow the page cache. What the import itself reads stays indexed
/// (passport and permit numbers, unique; a person's documents by <c>ForeignerId</c>, whose v7 ids only append), so
/// the feed and a person's page stay fast during the load; searches by name or place scan until it ends.
/// The database's catalogue is the state: an index of the model that the database lacks was dropped by a first
/// load, so an import killed half-way resumes without them, and one that ends (or the app's start, when no import
/// is unfinished) builds them again.
/// </summary>
public static class SearchIndexes
{
    private static readonly string[] RegistryTables = ["Foreigners", "NameTokens", "Passports", "StayPermits", "ResidenceAddresses"];

    /// <summary>The indexes a first load may drop: not unique, and not led by the person's id.</summary>
    public static IReadOnlyList<ITableIndex> Deferrable(PantauDb db) =>
        db.Model.GetRelationalModel().Tables.Where(t => RegistryTables.Contains(t.Name))
            .SelectMany(t => t.Indexes)
            .Where(i => !i.IsUnique && i.Filter is null && i.Columns[0].Name != "ForeignerId")
            .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();

    /// <summary>The deferrable indexes the database does not have.</summary>
    public static async Task<List<ITableIndex>> MissingAsync(PantauDb db, CancellationToken ct)
    {
        var present = (await db.Database.SqlQueryRaw<string>(db.Database.IsNpgsql()
                ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema()"
                : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'")
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return Deferrable(db).Where(i => !present.Contains(i.Name)).ToList();
    }

    public static async Task DropAsync(PantauDb db, CancellationToken ct)
    {
        var present = Deferrable(db).Except(await MissingAsync(db, ct)).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Names from the model, not from input.
#pragma warning disable EF1002
        foreach (var index in present) await db.Database.ExecuteSqlRawAsync($"""DROP INDEX "{index.Name}" """, ct);
#pragma warning restore EF1002
        await tx.CommitAsync(ct);
    }

    /// <summary>Builds the missing ones, each in its own statement; <paramref name="building"/> hears (done, of) before each.</summary>
    public static async Task BuildMissingAsync(PantauDb db, Action<int, int>? building, CancellationToken ct)
    {
        var missing = await MissingAsync(db, ct);
        for (var i = 0; i < missing.Count; i++)
        {
            var index = missing[i];
            building?.Invoke(i, missing.Count);
            var columns = string.Join(", ", index.Columns.Select(c => $"\"{c.Name}\""));
#pragma warning disable EF1002 // names from the model, not from input
            await db.Database.ExecuteSqlRawAsync($"""CREATE INDEX IF NOT EXISTS "{index.Name}" ON "{index.Table.Name}" ({columns})""", ct);
#pragma warning restore EF1002
        }
    }
}
