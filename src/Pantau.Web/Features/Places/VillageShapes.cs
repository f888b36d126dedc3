using System.Collections.Concurrent;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace Pantau.Web.Features.Places;

/// <summary>Which village a position lies in: exactly, or (<see cref="Approximate"/>) the nearest within 2 km.</summary>
public sealed record VillageHit(string Code, bool Approximate, int DistanceMetres);

/// <summary>
/// The villages' shapes in an R-tree (NetTopologySuite's STRtree over their envelopes): a look-up reads the few shapes
/// whose envelope holds the point and counts ray crossings in each. Immutable once loaded, and the same for every app
/// of the process (<see cref="Load"/> reads a file once).
/// </summary>
public sealed class VillageShapes
{
    /// <summary>How far a position may lie outside every village and still be placed in the nearest (a coast, a gap).</summary>
    public const int NearestWithinMetres = 2000;

    /// <summary>The coordinates' precision: the 5-decimal grid (1.1 m) and a float's rounding (0.8 m).</summary>
    public const int PrecisionMetres = 2;

    private static readonly ConcurrentDictionary<string, Lazy<VillageShapes>> Loaded = new(StringComparer.Ordinal);

    private readonly STRtree<int> _tree;
    private readonly Dictionary<string, int> _byCode;

    public IReadOnlyList<VillageBoundary> Villages { get; }
    public double ToleranceMetres { get; }

    private VillageShapes(double toleranceMetres, List<VillageBoundary> villages)
    {
        ToleranceMetres = toleranceMetres;
        Villages = villages;
        _tree = new STRtree<int>();
        for (var i = 0; i < villages.Count; i++) _tree.Insert(villages[i].Bounds, i);
        _tree.Build();
        _byCode = Enumerable.Range(0, villages.Count).ToDictionary(i => villages[i].Code, StringComparer.Ordinal);
    }

    /// <summary>The boundary file's shapes, read once per process and file (tests start many apps on the same file).</summary>
    public static VillageShapes Load(string file) =>
        Loaded.GetOrAdd(Path.GetFullPath(file), path => new Lazy<VillageShapes>(() =>
        {
            using var stream = File.OpenRead(path);
            var (tolerance, villages) = BoundaryFile.Read(stream);
            return new VillageShapes(tolerance, villages);
        })).Value;

    /// <summary>The village at the position, or null when none lies within <see cref="NearestWithinMetres"/>.</summary>
    public VillageHit? At(double latitude, double longitude)
    {
        var point = new Coordinate(longitude, latitude);
        var containing = new List<int>(2);
        foreach (var i in _tree.Query(new Envelope(point)))
            if (SimplePointInAreaLocator.Locate(Villages[i].ToShape(point), Villages[i].Shape) != Location.Exterior) containing.Add(i);
        if (containing.Count == 1) return new VillageHit(Villages[containing[0]].Code, false, 0);
        // Neighbours may overlap (in the source, or by a few metres once simplified): the one whose centre is nearest.
        if (containing.Count > 1)
            return new VillageHit(Villages[containing.MinBy(i => Villages[i].Centroid.Distance(point))].Code, false, 0);
        // Within the coordinates' own precision of a village is in it.
        var nearest = Nearest(point);
        return nearest is { DistanceMetres: <= PrecisionMetres } ? nearest with { Approximate = false } : nearest;
    }

    /// <summary>How far the position lies outside the village (0 inside it); null when the village has no shape.</summary>
    public int? MetresOutside(string code, double latitude, double longitude)
    {
        if (!_byCode.TryGetValue(code, out var i)) return null;
        var village = Villages[i];
        var local = village.ToShape(new Coordinate(longitude, latitude));
        if (SimplePointInAreaLocator.Locate(local, village.Shape) != Location.Exterior) return 0;
        var nearest = village.ToWorld(DistanceOp.NearestPoints(village.Shape, BoundaryFile.Factory.CreatePoint(local))[0]);
        return (int)Math.Round(Metres(new Coordinate(longitude, latitude), nearest));
    }

    /// <summary>
    /// A point to go to in the village: the source's centroid, or a point inside the shape where the centroid lies
    /// outside it (a crescent, islands); null for a village without a shape.
    /// </summary>
    public (double Latitude, double Longitude)? CentreOf(string code)
    {
        if (!_byCode.TryGetValue(code, out var i)) return null;
        var village = Villages[i];
        var centre = village.CentroidInside ? village.Centroid : village.ToWorld(village.Shape.InteriorPoint.Coordinate);
        return (centre.Y, centre.X);
    }

    private readonly ConcurrentDictionary<string, (double Latitude, double Longitude)?> _districtCentres = new(StringComparer.Ordinal);

    /// <summary>
    /// A point for a kecamatan (its code, <c>36.71.01</c>): the mean of its villages' centres. What a reader who may
    /// not see a report's own position is given instead; null for a kecamatan without shapes.
    /// </summary>
    public (double Latitude, double Longitude)? CentreOfDistrict(string district) => _districtCentres.GetOrAdd(district, d =>
    {
        var centres = Villages.Where(v => v.Code.StartsWith(d + ".", StringComparison.Ordinal)).Select(v => CentreOf(v.Code)!.Value).ToList();
        return centres.Count == 0 ? null
            : (Math.Round(centres.Average(c => c.Latitude), 5), Math.Round(centres.Average(c => c.Longitude), 5));
    });

    private static double Metres(Coordinate a, Coordinate b) => Distance.Metres(a.Y, a.X, b.Y, b.X);

    private VillageHit? Nearest(Coordinate point)
    {
        var latitudeDegrees = NearestWithinMetres / BoundaryFileBuilder.MetresPerDegree;
        var longitudeDegrees = latitudeDegrees / Math.Max(0.1, Math.Cos(point.Y * Math.PI / 180));
        var around = new Envelope(point.X - longitudeDegrees, point.X + longitudeDegrees, point.Y - latitudeDegrees, point.Y + latitudeDegrees);
        VillageHit? best = null;
        foreach (var i in _tree.Query(around))
        {
            var village = Villages[i];
            var nearest = village.ToWorld(DistanceOp.NearestPoints(village.Shape, BoundaryFile.Factory.CreatePoint(village.ToShape(point)))[0]);
            var metres = Metres(point, nearest);
            if (metres <= NearestWithinMetres && (best is null || metres < best.DistanceMetres))
                best = new VillageHit(Villages[i].Code, true, (int)Math.Ceiling(metres));
        }
        return best;
    }
}
