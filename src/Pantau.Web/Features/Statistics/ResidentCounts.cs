using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Pantau.Web.Data;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Statistics;

/// <summary>Active residents per RT, kept up to date with every change, so a count costs the same at any registry size.</summary>
public sealed class ResidentCount
{
    public required string VillageCode { get; init; }
    public int Rw { get; init; }
    public int Rt { get; init; }
    public required string DistrictCode { get; init; }
    public required string RegencyCode { get; init; }
    public required string ProvinceCode { get; init; }
    public int Count { get; set; }
}

/// <summary>Active residents per kecamatan and nationality, for the public top ten.</summary>
public sealed class NationalityCount
{
    public required string DistrictCode { get; init; }
    public required string Nationality { get; init; }
    public required string RegencyCode { get; init; }
    public required string ProvinceCode { get; init; }
    public int Count { get; set; }
}

/// <summary>
/// Maintains <see cref="ResidentCount"/> and <see cref="NationalityCount"/> from the changes to foreigners in the same
/// transaction as the changes themselves, with atomic increments, so concurrent writers never lose a count.
/// </summary>
public sealed class ResidentCountsInterceptor : SaveChangesInterceptor
{
    private sealed record Place(string Village, int Rw, int Rt, string Nationality);

    private readonly Dictionary<DbContext, IDbContextTransaction> _owned = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData e, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (e.Context is not PantauDb db) return result;
        var deltas = Deltas(db.ChangeTracker);
        if (deltas.Count == 0) return result;
        if (db.Database.CurrentTransaction is null)
            lock (_owned) _owned[db] = db.Database.BeginTransaction();
        foreach (var (place, delta) in deltas) await ApplyAsync(db, place, delta, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result) =>
        SavingChangesAsync(e, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData e, int result, CancellationToken ct = default)
    {
        if (Take(e.Context) is { } tx) { await tx.CommitAsync(ct); await tx.DisposeAsync(); }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData e, int result) => SavedChangesAsync(e, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData e, CancellationToken ct = default)
    {
        if (Take(e.Context) is { } tx) { await tx.RollbackAsync(ct); await tx.DisposeAsync(); }
    }

    public override void SaveChangesFailed(DbContextErrorEventData e) => SaveChangesFailedAsync(e).GetAwaiter().GetResult();

    private IDbContextTransaction? Take(DbContext? db)
    {
        if (db is null) return null;
        lock (_owned) return _owned.Remove(db, out var tx) ? tx : null;
    }

    private static Dictionary<Place, int> Deltas(ChangeTracker tracker)
    {
        var deltas = new Dictionary<Place, int>();
        void Add(Place p, int d) => deltas[p] = deltas.GetValueOrDefault(p) + d;
        foreach (var entry in tracker.Entries<Foreigner>())
        {
            Place? before = null, after = null;
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                before = Counted(entry.OriginalValues);
            if (entry.State is EntityState.Added or EntityState.Modified)
                after = Counted(entry.CurrentValues);
            if (before == after) continue;
            if (before is not null) Add(before, -1);
            if (after is not null) Add(after, +1);
        }
        return deltas.Where(d => d.Value != 0).ToDictionary();
    }

    private static Place? Counted(PropertyValues v) =>
        v.ToObject() is Foreigner { CountsAsResident: true } f ? new Place(f.VillageCode, f.Rw, f.Rt, f.Nationality) : null;

    private static async Task ApplyAsync(PantauDb db, Place p, int delta, CancellationToken ct)
    {
        string village = p.Village, district = p.Village[..8], regency = p.Village[..5], province = p.Village[..2], nationality = p.Nationality;
        int rw = p.Rw, rt = p.Rt;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ResidentCounts" ("VillageCode", "Rw", "Rt", "DistrictCode", "RegencyCode", "ProvinceCode", "Count")
            VALUES ({village}, {rw}, {rt}, {district}, {regency}, {province}, {delta})
            ON CONFLICT ("VillageCode", "Rw", "Rt") DO UPDATE SET "Count" = "ResidentCounts"."Count" + excluded."Count"
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "NationalityCounts" ("DistrictCode", "Nationality", "RegencyCode", "ProvinceCode", "Count")
            VALUES ({district}, {nationality}, {regency}, {province}, {delta})
            ON CONFLICT ("DistrictCode", "Nationality") DO UPDATE SET "Count" = "NationalityCounts"."Count" + excluded."Count"
            """, ct);
    }
}

public static class ResidentCounts
{
    /// <summary>
    /// Recomputes both tables from the registry (after a bulk load, or to repair) in the database, set-based: each
    /// INSERT's SELECT is EF's translation of a query over <see cref="Foreigner.IsResident"/>, the counts' one rule.
    /// </summary>
    public static async Task RebuildAsync(PantauDb db, CancellationToken ct = default)
    {
        var residents = db.Foreigners.Nationally("the counts are rebuilt from every resident").Where(Foreigner.IsResident);
        var byArea = residents.GroupBy(f => new { f.VillageCode, f.Rw, f.Rt }).Select(g => new
        {
            g.Key.VillageCode, g.Key.Rw, g.Key.Rt,
            DistrictCode = g.Min(f => f.DistrictCode), RegencyCode = g.Min(f => f.RegencyCode), ProvinceCode = g.Min(f => f.ProvinceCode),
            Count = g.Count(),
        });
        var byNationality = residents.GroupBy(f => new { f.DistrictCode, f.Nationality }).Select(g => new
        {
            g.Key.DistrictCode, g.Key.Nationality,
            RegencyCode = g.Min(f => f.RegencyCode), ProvinceCode = g.Min(f => f.ProvinceCode),
            Count = g.Count(),
        });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ResidentCounts.ExecuteDeleteAsync(ct);
        await db.NationalityCounts.ExecuteDeleteAsync(ct);
        // The projections' columns are in the order of the INSERT's (EF keeps an anonymous type's member order); the
        // SELECTs are EF's own SQL of queries without parameters, so nothing from outside enters the text.
        var areaSql = """INSERT INTO "ResidentCounts" ("VillageCode", "Rw", "Rt", "DistrictCode", "RegencyCode", "ProvinceCode", "Count") """ + byArea.ToQueryString();
        var nationalitySql = """INSERT INTO "NationalityCounts" ("DistrictCode", "Nationality", "RegencyCode", "ProvinceCode", "Count") """ + byNationality.ToQueryString();
        await db.Database.ExecuteSqlRawAsync(areaSql, ct);
        await db.Database.ExecuteSqlRawAsync(nationalitySql, ct);
        await tx.CommitAsync(ct);
    }
}
