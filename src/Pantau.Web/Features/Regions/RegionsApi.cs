using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Regions;

public sealed record RegionResponse(string Code, string Name, RegionLevel Level, string? ParentCode);

/// <summary>Region lookup: public reference data (the public report form picks a village from it).</summary>
public static class RegionsApi
{
    public static void MapRegions(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/regions").WithTags("Regions").AllowAnonymous();
        g.MapGet("/", Provinces);
        g.MapGet("/{code}", Get);
        g.MapGet("/{code}/children", Children);
    }

    private static async Task<Ok<List<RegionResponse>>> Provinces(PantauDb db) =>
        TypedResults.Ok(await db.Regions.AsNoTracking().Where(r => r.ParentCode == null).OrderBy(r => r.Code)
            .Select(r => new RegionResponse(r.Code, r.Name, r.Level, r.ParentCode)).ToListAsync());

    private static async Task<Results<Ok<RegionResponse>, NotFound, ValidationProblem>> Get(string code, PantauDb db)
    {
        if (!RegionCode.IsWellFormed(code)) return Malformed();
        return await db.Regions.AsNoTracking().Where(r => r.Code == code)
            .Select(r => new RegionResponse(r.Code, r.Name, r.Level, r.ParentCode)).FirstOrDefaultAsync() is { } region
            ? TypedResults.Ok(region)
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<List<RegionResponse>>, NotFound, ValidationProblem>> Children(string code, PantauDb db)
    {
        if (!RegionCode.IsWellFormed(code)) return Malformed();
        if (!await db.Regions.AnyAsync(r => r.Code == code)) return TypedResults.NotFound();
        return TypedResults.Ok(await db.Regions.AsNoTracking().Where(r => r.ParentCode == code).OrderBy(r => r.Code)
            .Select(r => new RegionResponse(r.Code, r.Name, r.Level, r.ParentCode)).ToListAsync());
    }

    private static ValidationProblem Malformed() =>
        Validation.Single("code", SharedCodes.RegionCodeLooksLike);
}
