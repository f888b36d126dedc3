using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Offices;

/// <param name="TimeZone">The office's IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). When left
/// out, a new office takes its province's zone and a changed office keeps its own.</param>
public sealed record OfficeRequest(string? Code, string? Name, string? ProvinceCode, List<string>? RegencyCodes, string? TimeZone = null);
/// <param name="TimeZoneName">The zone as people say it: WIB, WITA or WIT.</param>
public sealed record OfficeResponse(int Id, string Code, string Name, string ProvinceCode, IReadOnlyList<string> RegencyCodes, string TimeZone, string TimeZoneName)
{
    public static OfficeResponse From(Office o) => new(o.Id, o.Code, o.Name, o.ProvinceCode, o.RegencyCodes, o.Zone.Id, o.Zone.Abbreviation);
}

/// <summary>Immigration offices and their jurisdictions: every staff member may read them, the national admin manages them.</summary>
public static class OfficesApi
{
    public static void MapOffices(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/offices").WithTags("Offices").RequireAuthorization();
        g.MapGet("/", List);
        g.MapGet("/{id:int}", Get);
        g.MapPost("/", Create).RequireAuthorization(OfficesFeature.ManagePolicy);
        g.MapPut("/{id:int}", Update).RequireAuthorization(OfficesFeature.ManagePolicy);
    }

    private static async Task<Ok<List<OfficeResponse>>> List(PantauDb db) =>
        TypedResults.Ok((await db.Offices.AsNoTracking().Include(o => o.Jurisdiction).OrderBy(o => o.Name).ToListAsync())
            .Select(OfficeResponse.From).ToList());

    private static async Task<Results<Ok<OfficeResponse>, NotFound>> Get(int id, PantauDb db) =>
        await db.Offices.AsNoTracking().Include(o => o.Jurisdiction).FirstOrDefaultAsync(o => o.Id == id) is { } o
            ? TypedResults.Ok(OfficeResponse.From(o))
            : TypedResults.NotFound();

    private static async Task<Results<Created<OfficeResponse>, ValidationProblem>> Create(OfficeRequest req, PantauDb db, JurisdictionMap map)
    {
        var v = await ValidateAsync(req, null, db);
        if (!v.IsValid) return v.Problem();
        var office = new Office(req.Code!.Trim().ToUpperInvariant(), req.Name!, req.ProvinceCode!, req.RegencyCodes!, IndonesianTimeZone.Find(req.TimeZone));
        db.Offices.Add(office);
        await db.SaveChangesAsync();
        map.Forget(office.Id);
        return TypedResults.Created($"/api/offices/{office.Id}", OfficeResponse.From(office));
    }

    private static async Task<Results<Ok<OfficeResponse>, NotFound, ValidationProblem>> Update(int id, OfficeRequest req, PantauDb db, JurisdictionMap map)
    {
        if (await db.Offices.Include(o => o.Jurisdiction).FirstOrDefaultAsync(o => o.Id == id) is not { } office) return TypedResults.NotFound();
        var v = await ValidateAsync(req with { Code = req.Code ?? office.Code }, id, db);
        if (!v.IsValid) return v.Problem();
        office.Rename(req.Name!);
        office.SetJurisdiction(req.RegencyCodes!);
        if (IndonesianTimeZone.Find(req.TimeZone) is { } zone) office.SetTimeZone(zone);
        await db.SaveChangesAsync();
        map.Forget(office.Id);
        return TypedResults.Ok(OfficeResponse.From(office));
    }

    private static async Task<Validation> ValidateAsync(OfficeRequest req, int? id, PantauDb db)
    {
        var v = new Validation();
        if (v.Require("code", req.Code is { } c && c.Trim().Length is > 0 and <= 32, OfficesCodes.CodeRequired)
            && id is null && await db.Offices.AnyAsync(o => o.Code == req.Code!.Trim().ToUpperInvariant()))
            v.Add("code", OfficesCodes.CodeExists);
        v.Require("name", req.Name is { } n && n.Trim().Length is > 0 and <= 200, SharedCodes.NameUp200Characters);
        if (!RegionCode.IsWellFormed(req.ProvinceCode) || RegionCode.LevelOf(req.ProvinceCode!) != RegionLevel.Province
            || !await db.Regions.AnyAsync(r => r.Code == req.ProvinceCode))
            v.Add("provinceCode", OfficesCodes.ProvinceRequired);
        v.Require("timeZone", req.TimeZone is null || IndonesianTimeZone.Find(req.TimeZone) is not null, OfficesCodes.TimeZoneOneOfThree);
        if (req.RegencyCodes is not { Count: > 0 }) { v.Add("regencyCodes", OfficesCodes.RegencyRequired); return v; }
        for (var i = 0; i < req.RegencyCodes.Count; i++)
        {
            var code = req.RegencyCodes[i];
            if (!RegionCode.IsWellFormed(code) || RegionCode.LevelOf(code) != RegionLevel.Regency || !await db.Regions.AnyAsync(r => r.Code == code))
                v.Add($"regencyCodes[{i}]", OfficesCodes.NoSuchRegency);
            else if (await db.OfficeJurisdictions.Where(j => j.RegencyCode == code && j.OfficeId != id).Select(j => j.OfficeId).FirstOrDefaultAsync() is > 0)
                v.Add($"regencyCodes[{i}]", OfficesCodes.RegencyOfAnotherOffice);
        }
        return v;
    }
}
