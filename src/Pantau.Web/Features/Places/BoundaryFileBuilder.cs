using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace Pantau.Web.Features.Places;

/// <summary>
/// Makes the committed boundary file from the source (<c>boundaries-kel.geojsonl.gz</c> of cahyadsn/wilayah_boundaries,
/// one GeoJSON MultiPolygon per line): each village simplified with a topology-preserving Douglas–Peucker within
/// <see cref="ToleranceMetres"/> (a vertex is dropped only if it lies that close to the simplified edge; the 5-decimal
/// grid adds at most 1.1 m). A village whose source centroid lies inside its source polygon keeps it inside: if the
/// simplified shape loses it, that village is simplified again with half the tolerance, down to the source itself.
/// </summary>
public static class BoundaryFileBuilder
{
    public const double ToleranceMetres = 8;

    /// <summary>Metres per degree of latitude (and of longitude at the equator; Indonesia lies within 11° of it).</summary>
    public const double MetresPerDegree = 111_320;

    private static readonly GeometryFactory Plain = new(new PrecisionModel(BoundaryFile.Scale), 4326);

    public sealed record Summary(int Villages, long SourceVertices, long Vertices, int Refined, int CentroidsInside);

    public static Summary Build(string sourceFile, string outputFile, Action<int>? progress = null)
    {
        var villages = new List<VillageBoundary>(84_000);
        long sourceVertices = 0, vertices = 0;
        int refined = 0, inside = 0;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(sourceFile), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                var (code, centroid, source) = Parse(line);
                if (source.IsEmpty) continue;
                sourceVertices += source.NumPoints;
                var centroidInside = SimplePointInAreaLocator.Locate(centroid, source) == Location.Interior;
                var tolerance = ToleranceMetres / MetresPerDegree;
                var shape = Simplify(source, tolerance);
                while (centroidInside && SimplePointInAreaLocator.Locate(centroid, shape) != Location.Interior)
                {
                    refined++;
                    tolerance /= 2;
                    shape = tolerance < 1 / BoundaryFile.Scale ? source : Simplify(source, tolerance);
                }
                if (centroidInside) inside++;
                vertices += shape.NumPoints;
                villages.Add(new VillageBoundary(code, centroid, centroidInside, shape));
                if (villages.Count % 5000 == 0) progress?.Invoke(villages.Count);
            }
        }
        villages.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        var temporary = outputFile + ".tmp";
        using (var output = File.Create(temporary)) BoundaryFile.Write(output, ToleranceMetres, villages);
        File.Move(temporary, outputFile, overwrite: true);
        return new Summary(villages.Count, sourceVertices, vertices, refined, inside);
    }

    private static MultiPolygon Simplify(MultiPolygon source, double tolerance)
    {
        var simplified = TopologyPreservingSimplifier.Simplify(source, tolerance);
        return simplified switch
        {
            MultiPolygon m when !m.IsEmpty => m,
            Polygon p when !p.IsEmpty => Plain.CreateMultiPolygon([p]),
            _ => source, // too small to simplify: kept as it is
        };
    }

    private static (string Code, Coordinate Centroid, MultiPolygon Shape) Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var properties = doc.RootElement.GetProperty("properties");
        var code = properties.GetProperty("code").GetString() ?? throw new InvalidDataException("A feature without a code.");
        var centroid = new Coordinate(properties.GetProperty("lng").GetDouble(), properties.GetProperty("lat").GetDouble());
        var geometry = doc.RootElement.GetProperty("geometry");
        if (geometry.GetProperty("type").GetString() != "MultiPolygon")
            throw new InvalidDataException($"{code}: a {geometry.GetProperty("type").GetString()}, not a MultiPolygon.");
        var polygons = new List<Polygon>();
        foreach (var polygon in geometry.GetProperty("coordinates").EnumerateArray())
        {
            var rings = polygon.EnumerateArray().Select(ring => Plain.CreateLinearRing(Close(ring.EnumerateArray()
                .Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToList()))).ToArray();
            if (rings.Length > 0 && rings[0].NumPoints >= 4) polygons.Add(Plain.CreatePolygon(rings[0], rings[1..].Where(r => r.NumPoints >= 4).ToArray()));
        }
        return (code, centroid, Plain.CreateMultiPolygon(polygons.ToArray()));
    }

    private static Coordinate[] Close(List<Coordinate> points)
    {
        if (points.Count > 0 && !points[0].Equals2D(points[^1])) points.Add(points[0].Copy());
        return points.ToArray();
    }

    public static string Describe(Summary s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Villages:N0} villages, {s.SourceVertices:N0} source vertices kept as {s.Vertices:N0} ({ToleranceMetres} m); " +
        $"{s.CentroidsInside:N0} centroids inside their village, {s.Refined} simplifications refined to keep them there.");
}
