using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Statistics;

public sealed record CountResponse(string Region, int? Rw, int? Rt, int Count);

public sealed record PublicCount(string Code, string Name, int? Count, string Display);
public sealed record PublicNationality(string Nationality, int? Count, string Display);
public sealed record PublicStats(string? Region, string Name, PublicCount Total, IReadOnlyList<PublicCount> Children,
    IReadOnlyList<PublicNationality> Nationalities);

/// <summary>
/// Numbers without names: an RT/RW head's count of registered foreigners, and the public's aggregates, every one of
/// them published through <see cref="PublishedCount"/> (docs/decisions/010-statistics-suppression.md).
/// </summary>
public static class StatisticsApi
{
    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats/count", Count).WithTags("Statistics").RequireAuthorization();
        app.MapGet("/api/public/stats", Public).WithTags("Statistics").AllowAnonymous().CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)).SetVaryByQuery("region"));
    }

    private static async Task<Results<Ok<CountResponse>, ValidationProblem, ForbidHttpResult, NotFound>> Count(
        string? region, int? rw, int? rt, CurrentStaff current, PantauDb db, RegionNames regions, CancellationToken ct)
    {
        var v = new Validation();
        if (!v.Require("region", RegionCode.IsWellFormed(region), SharedCodes.RegionCodeLooksLike)) return v.Problem();
        var level = RegionCode.LevelOf(region!);
        if (rw is not null) v.Require("rw", level == RegionLevel.Village && rw is >= 1 and <= 999, StatisticsCodes.RwWithVillage);
        if (rt is not null) v.Require("rt", rw is not null && rt is >= 1 and <= 999, StatisticsCodes.RtWithRw);
        if (!v.IsValid) return v.Problem();
        // A partner's counts are those of its own tier (/api/partner/counts, published like the public's), never exact.
        if (current.Role == StaffRole.Partner || !MayCount(current.Scope, region!, rw, rt)) return TypedResults.Forbid();
        if (await regions.NameOfAsync(db, region!, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(new CountResponse(region!, rw, rt, await CountAsync(db, region!, rw, rt, ct)));
    }

    /// <summary>An RT/RW head counts only their own RT or RW; other staff any area inside their scope.</summary>
    public static bool MayCount(AccessScope scope, string region, int? rw, int? rt)
    {
        if (scope.VillageCode is { } village)
            return region == village && rw is not null && rw == scope.Rw && (scope.Rt is null || rt == scope.Rt);
        return scope.CoversRegion(region);
    }

    // One compiled query per shape of count: a count is a few index lookups, and building the query each time cost
    // more than running it. A kecamatan and above sum the per-nationality counts, kept by the same rule as the RT
    // counts: a few dozen rows per kecamatan, where its RTs are thousands at a million residents.
    private static readonly Func<PantauDb, string, CancellationToken, Task<int>> InProvince =
        EF.CompileAsyncQuery((PantauDb db, string code, CancellationToken ct) => db.NationalityCounts.Where(c => c.ProvinceCode == code).Sum(c => c.Count));
    private static readonly Func<PantauDb, string, CancellationToken, Task<int>> InRegency =
        EF.CompileAsyncQuery((PantauDb db, string code, CancellationToken ct) => db.NationalityCounts.Where(c => c.RegencyCode == code).Sum(c => c.Count));
    private static readonly Func<PantauDb, string, CancellationToken, Task<int>> InDistrict =
        EF.CompileAsyncQuery((PantauDb db, string code, CancellationToken ct) => db.NationalityCounts.Where(c => c.DistrictCode == code).Sum(c => c.Count));
    private static readonly Func<PantauDb, string, CancellationToken, Task<int>> InVillage =
        EF.CompileAsyncQuery((PantauDb db, string code, CancellationToken ct) => db.ResidentCounts.Where(c => c.VillageCode == code).Sum(c => c.Count));
    private static readonly Func<PantauDb, string, int, CancellationToken, Task<int>> InRw =
        EF.CompileAsyncQuery((PantauDb db, string code, int rw, CancellationToken ct) =>
            db.ResidentCounts.Where(c => c.VillageCode == code && c.Rw == rw).Sum(c => c.Count));
    private static readonly Func<PantauDb, string, int, int, CancellationToken, Task<int>> InRt =
        EF.CompileAsyncQuery((PantauDb db, string code, int rw, int rt, CancellationToken ct) =>
            db.ResidentCounts.Where(c => c.VillageCode == code && c.Rw == rw && c.Rt == rt).Sum(c => c.Count));

    /// <summary>Active residents of a region, or of an RW or RT of a village (<paramref name="rw"/> only with a village code).</summary>
    public static Task<int> CountAsync(PantauDb db, string region, int? rw, int? rt, CancellationToken ct) =>
        (RegionCode.LevelOf(region), rw, rt) switch
        {
            (RegionLevel.Province, _, _) => InProvince(db, region, ct),
            (RegionLevel.Regency, _, _) => InRegency(db, region, ct),
            (RegionLevel.District, _, _) => InDistrict(db, region, ct),
            (_, { } w, { } t) => InRt(db, region, w, t, ct),
            (_, { } w, null) => InRw(db, region, w, ct),
            _ => InVillage(db, region, ct),
        };

    private static async Task<Results<Ok<PublicStats>, ValidationProblem, NotFound>> Public(string? region, PantauDb db, CancellationToken ct)
    {
        if (region is not null && (!RegionCode.IsWellFormed(region) || RegionCode.LevelOf(region) > RegionLevel.District))
            return Validation.Single("region", StatisticsCodes.PublicDownToDistrict);
        var name = region is null ? "Indonesia" : await db.Regions.Where(r => r.Code == region).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (name is null) return TypedResults.NotFound();

        // Per kecamatan and nationality: the same residents as the RT counts, a few dozen rows per kecamatan.
        var nationalities = db.NationalityCounts.AsNoTracking();
        List<(string Code, int Count)> byChild;
        switch (region is null ? 0 : (int)RegionCode.LevelOf(region))
        {
            case 0:
                byChild = (await nationalities.GroupBy(c => c.ProvinceCode).Select(g => new { g.Key, Sum = g.Sum(c => c.Count) }).ToListAsync(ct)).Select(x => (x.Key, x.Sum)).ToList();
                break;
            case (int)RegionLevel.Province:
                nationalities = nationalities.Where(c => c.ProvinceCode == region);
                byChild = (await nationalities.GroupBy(c => c.RegencyCode).Select(g => new { g.Key, Sum = g.Sum(c => c.Count) }).ToListAsync(ct)).Select(x => (x.Key, x.Sum)).ToList();
                break;
            case (int)RegionLevel.Regency:
                nationalities = nationalities.Where(c => c.RegencyCode == region);
                byChild = (await nationalities.GroupBy(c => c.DistrictCode).Select(g => new { g.Key, Sum = g.Sum(c => c.Count) }).ToListAsync(ct)).Select(x => (x.Key, x.Sum)).ToList();
                break;
            default: // a kecamatan: its total only, villages would come too close to people
                nationalities = nationalities.Where(c => c.DistrictCode == region);
                byChild = [];
                break;
        }
        var total = region is null ? byChild.Sum(c => c.Count) : await nationalities.SumAsync(c => c.Count, ct);
        // Ranked by what is published, not by the exact counts: the order must not tell two equal rounded counts apart.
        var top = (await nationalities.GroupBy(n => n.Nationality).Select(g => new { g.Key, Sum = g.Sum(n => n.Count) }).ToListAsync(ct))
            .Where(x => x.Sum > 0).OrderByDescending(x => PublishedCount.Of(x.Sum) ?? 0).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToList();

        var level = region is null ? 0 : (int)RegionCode.LevelOf(region);
        var childRegions = level == (int)RegionLevel.District ? []
            : await db.Regions.AsNoTracking().Where(r => r.ParentCode == region).OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var byCode = byChild.ToDictionary(c => c.Code, c => c.Count);
        var children = childRegions.Select(r => (r.Code, r.Name, Count: byCode.GetValueOrDefault(r.Code))).ToList();

        return TypedResults.Ok(new PublicStats(region, name, Shown(region ?? "", name, total),
            children.Select(c => Shown(c.Code, c.Name, c.Count)).ToList(),
            top.Select(n => new PublicNationality(n.Key, PublishedCount.Of(n.Sum), PublishedCount.Display(n.Sum))).ToList()));
    }

    private static PublicCount Shown(string code, string name, int count) => new(code, name, PublishedCount.Of(count), PublishedCount.Display(count));
}
