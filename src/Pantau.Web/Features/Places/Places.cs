using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;

namespace Pantau.Web.Features.Places;

/// <summary><c>Places:*</c>: where the boundary file is, how often one address may ask, and the map's tiles.</summary>
public sealed class PlacesOptions
{
    /// <summary>The boundary file; by default the one the build copies beside the app.</summary>
    public string? BoundaryFile { get; set; }

    /// <summary>Look-ups (by position or by name) per client address and minute: a form asks a few times per report.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressPerMinute { get; set; } = 120;

    /// <summary>The map's tile URL (Leaflet's {z}/{x}/{y}); OpenStreetMap's by default. Pages work without tiles.</summary>
    [Required, Url]
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    [Required]
    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";

    public string BoundaryPath => BoundaryFile is { Length: > 0 } p ? p : Path.Combine(AppContext.BaseDirectory, "places", "villages.bin");

    /// <summary>
    /// Where the tiles come from, as a Content-Security-Policy source: the URL's scheme and host, a Leaflet subdomain
    /// placeholder (<c>{s}.tile.example.org</c>) as a wildcard (<c>*.tile.example.org</c>).
    /// </summary>
    public string TileOrigin
    {
        get
        {
            var rest = TileUrl.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? s + 3 : 0;
            var end = TileUrl.IndexOfAny(['/', '?', '#'], rest) is var e and >= 0 ? e : TileUrl.Length;
            return TileUrl[..rest] + System.Text.RegularExpressions.Regex.Replace(TileUrl[rest..end], @"\{[^}]*\}", "*");
        }
    }
}

public sealed record PlaceRegion(string Code, string Name);

public sealed record PlaceOffice(int Id, string Name);

/// <summary>A point in decimal degrees (WGS 84).</summary>
public sealed record PlacePoint(double Latitude, double Longitude);

/// <summary>
/// A kelurahan/desa as a person reads it: its name with its kecamatan, regency/city and province, the office whose
/// jurisdiction holds it (none where no office is set up), and for a position, whether the village was the nearest one
/// (<see cref="Approximate"/>: a coast, a gap between simplified edges, a village without a polygon) and how far.
/// <see cref="Centre"/>: a point inside the village (<see cref="VillageShapes.CentreOf"/>), for a map to show the place;
/// null for a village without a polygon.
/// </summary>
public sealed record Place(string Code, string Name, string Label, PlaceRegion District, PlaceRegion Regency, PlaceRegion Province,
    PlaceOffice? Office, bool Approximate = false, int DistanceMetres = 0, PlacePoint? Centre = null);

/// <summary>Places from a position or a name: the shapes and the names of the process, the offices of this database.</summary>
public sealed class PlaceFinder(IOptions<PlacesOptions> options, RegionImporter regions, JurisdictionMap jurisdictions)
{
    private static readonly ConcurrentDictionary<string, Lazy<PlaceDirectory>> Directories = new(StringComparer.Ordinal);

    /// <summary>The villages' shapes (read from the boundary file once per process).</summary>
    public VillageShapes Shapes => VillageShapes.Load(options.Value.BoundaryPath);

    /// <summary>Every region's name (read from the region files once per process, as the database imports them).</summary>
    public PlaceDirectory Directory => Directories.GetOrAdd(Path.GetFullPath(regions.DataPath),
        _ => new Lazy<PlaceDirectory>(() => new PlaceDirectory(regions.ReadAll()))).Value;

    /// <summary>The place at a position, or null when it is not in Indonesia (no village within 2 km).</summary>
    public async Task<Place?> AtAsync(PantauDb db, double latitude, double longitude)
    {
        if (Shapes.At(latitude, longitude) is not { } hit) return null;
        return await NameAsync(db, hit.Code, hit.Approximate, hit.DistanceMetres);
    }

    /// <summary>The village of <paramref name="code"/> as a place, or null for a code that is not a village.</summary>
    public async Task<Place?> NameAsync(PantauDb db, string code, bool approximate = false, int distanceMetres = 0)
    {
        if (Directory.Village(code) is not { } name) return null;
        return new Place(name.Code, name.Name, name.Label, new(name.DistrictCode, name.District), new(name.RegencyCode, name.Regency),
            new(name.ProvinceCode, name.Province), await OfficeAsync(db, name.RegencyCode), approximate, distanceMetres,
            Shapes.CentreOf(code) is { } c ? new PlacePoint(Math.Round(c.Latitude, 5), Math.Round(c.Longitude, 5)) : null);
    }

    public async Task<IReadOnlyList<Place>> SearchAsync(PantauDb db, string query)
    {
        var found = Directory.Search(query);
        var places = new List<Place>(found.Count);
        foreach (var name in found) places.Add((await NameAsync(db, name.Code))!);
        return places;
    }

    private async Task<PlaceOffice?> OfficeAsync(PantauDb db, string regencyCode)
    {
        if (!(await jurisdictions.GetAsync(db)).TryGetValue(regencyCode, out var officeId)) return null;
        return (await jurisdictions.OfficeNamesAsync(db)).TryGetValue(officeId, out var name) ? new PlaceOffice(officeId, name) : null;
    }
}
