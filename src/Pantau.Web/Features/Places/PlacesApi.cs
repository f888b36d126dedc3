using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Places;

/// <summary>Public: the place at a position (the report form's "use my position") and places by name (its place search).</summary>
public static class PlacesApi
{
    public const string Policy = "places";
    public const int MinQuery = 2;
    public const int MaxQuery = 100;

    public static void MapPlaces(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/places").WithTags("Places").AllowAnonymous().RequireRateLimiting(Policy);
        g.MapGet("/at", At).WithSummary("The kelurahan/desa at a position, with its kecamatan, regency, province and office.");
        g.MapGet("/", Search).WithSummary("Kelurahan/desa by name (case, spacing, diacritics and word order do not matter).");
    }

    public static IServiceCollection AddPlaceLimits(this IServiceCollection services) =>
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<PlacesOptions>>((o, places) =>
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter($"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = places.Value.PerAddressPerMinute, Window = TimeSpan.FromMinutes(1) }))).Services;

    private static async Task<Results<Ok<Place>, ValidationProblem>> At(string? lat, string? lng, PlaceFinder places, PantauDb db)
    {
        var v = new Validation();
        v.Require("lat", TryDegrees(lat, 90, out var latitude), PlacesCodes.LatitudeRequired);
        v.Require("lng", TryDegrees(lng, 180, out var longitude), PlacesCodes.LongitudeRequired);
        if (!v.IsValid) return v.Problem();
        return await places.AtAsync(db, latitude, longitude) is { } place
            ? TypedResults.Ok(place)
            : Validation.Single("lat", PlacesCodes.OutsideIndonesia, VillageShapes.NearestWithinMetres);
    }

    private static async Task<Results<Ok<IReadOnlyList<Place>>, ValidationProblem>> Search(string? q, PlaceFinder places, PantauDb db)
    {
        var query = q?.Trim() ?? "";
        if (query.Length > MaxQuery) return Validation.Single("q", PlacesCodes.QueryTooLong, MaxQuery);
        if (PlaceDirectory.Normalise(query).Replace(" ", "").Length < MinQuery) return Validation.Single("q", PlacesCodes.QueryTooShort, MinQuery);
        return TypedResults.Ok(await places.SearchAsync(db, query));
    }

    /// <summary>Decimal degrees within ±<paramref name="limit"/>, written with a point (what phones and Open311 send).</summary>
    public static bool TryDegrees(string? text, double limit, out double degrees) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out degrees) && double.IsFinite(degrees) && Math.Abs(degrees) <= limit;
}
