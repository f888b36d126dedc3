using System.IO.Compression;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Pantau.Web.Features.Places;

/// <summary>
/// One kelurahan/desa of the boundary file: its Kemendagri code, its shape, and the source's centroid with whether that
/// centroid lies inside the source's own polygon (true for 96.8 % of villages; the data test looks those up).
/// </summary>
/// <remarks>
/// The shape is stored relative to <see cref="OriginX"/>/<see cref="OriginY"/> (a corner of the village, in degrees): a
/// float then holds a coordinate to within millimetres, where an absolute longitude near 100° would be off by 0.4 m.
/// </remarks>
public sealed record VillageBoundary(string Code, Coordinate Centroid, bool CentroidInside, MultiPolygon Shape, double OriginX = 0, double OriginY = 0)
{
    public Coordinate ToShape(Coordinate world) => new(world.X - OriginX, world.Y - OriginY);

    public Coordinate ToWorld(Coordinate shape) => new(shape.X + OriginX, shape.Y + OriginY);

    /// <summary>The village's envelope in degrees.</summary>
    public Envelope Bounds
    {
        get
        {
            var e = Shape.EnvelopeInternal;
            return new Envelope(e.MinX + OriginX, e.MaxX + OriginX, e.MinY + OriginY, e.MaxY + OriginY);
        }
    }
}

/// <summary>
/// The committed boundary file (<c>Boundaries/villages.bin</c>): Brotli over a small binary format. Coordinates are the
/// source's own 5-decimal grid (about 1 m) as integers, each ring's points as zig-zag varint deltas; rings are stored
/// open (the first point is not repeated). Header: "PNTB", version, the simplification tolerance in metres, the count.
/// </summary>
public static class BoundaryFile
{
    private static readonly byte[] Magic = "PNTB"u8.ToArray();
    private const byte Version = 1;
    public const double Scale = 100_000;

    /// <summary>
    /// Packed coordinates, two floats per point and no object per point: the 8.7 million points of 83,000 villages take
    /// 70 MB (doubles would take 140). Each village's points are relative to its own origin, so floats lose nothing.
    /// </summary>
    public static readonly GeometryFactory Factory = new(new PrecisionModel(Scale), 4326, PackedCoordinateSequenceFactory.FloatFactory);

    public static void Write(Stream output, double toleranceMetres, IReadOnlyCollection<VillageBoundary> villages)
    {
        using var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli, Encoding.UTF8);
        w.Write(Magic);
        w.Write(Version);
        w.Write(toleranceMetres);
        w.Write(villages.Count);
        foreach (var v in villages)
        {
            w.Write(v.Code);
            w.Write(v.Centroid.Y); // as the source gives it: on the grid, a centroid near an edge could cross it
            w.Write(v.Centroid.X);
            w.Write(v.CentroidInside);
            w.Write7BitEncodedInt(v.Shape.NumGeometries);
            long x = 0, y = 0;
            foreach (var polygon in v.Shape.Geometries.Cast<Polygon>())
            {
                w.Write7BitEncodedInt(1 + polygon.NumInteriorRings);
                foreach (var ring in new[] { polygon.Shell }.Concat(polygon.Holes))
                {
                    var points = ring.CoordinateSequence;
                    w.Write7BitEncodedInt(points.Count - 1);
                    for (var i = 0; i < points.Count - 1; i++)
                    {
                        long gx = ToGrid(points.GetX(i) + v.OriginX), gy = ToGrid(points.GetY(i) + v.OriginY);
                        WriteZigZag(w, gx - x);
                        WriteZigZag(w, gy - y);
                        (x, y) = (gx, gy);
                    }
                }
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> starts as a boundary file of this version: checked at start, so that a wrong
    /// or truncated setting stops the app there rather than in the index's warm-up.</summary>
    public static bool IsBoundaryFile(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var brotli = new BrotliStream(file, CompressionMode.Decompress);
            var head = new byte[Magic.Length + 1];
            brotli.ReadExactly(head);
            return head.AsSpan(0, Magic.Length).SequenceEqual(Magic) && head[^1] == Version;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException) // Brotli: InvalidOperation on bytes it cannot decode
        {
            return false;
        }
    }

    /// <summary>The file's tolerance and villages, in the file's order.</summary>
    public static (double ToleranceMetres, List<VillageBoundary> Villages) Read(Stream input)
    {
        using var brotli = new BrotliStream(input, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(new BufferedStream(brotli, 1 << 16), Encoding.UTF8);
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadByte() != Version)
            throw new InvalidDataException("Not a Pantau boundary file (or one of another version).");
        var tolerance = r.ReadDouble();
        var count = r.ReadInt32();
        var villages = new List<VillageBoundary>(count);
        for (var n = 0; n < count; n++)
        {
            var code = r.ReadString();
            var lat = r.ReadDouble();
            var lng = r.ReadDouble();
            var inside = r.ReadBoolean();
            var polygons = new Polygon[r.Read7BitEncodedInt()];
            long x = 0, y = 0;
            long? originX = null, originY = null;
            for (var p = 0; p < polygons.Length; p++)
            {
                var rings = new LinearRing[r.Read7BitEncodedInt()];
                for (var k = 0; k < rings.Length; k++)
                {
                    var points = r.Read7BitEncodedInt();
                    var packed = new float[(points + 1) * 2];
                    for (var i = 0; i < points; i++)
                    {
                        x += ReadZigZag(r);
                        y += ReadZigZag(r);
                        originX ??= x;
                        originY ??= y;
                        packed[2 * i] = (float)((x - originX.Value) / Scale);
                        packed[2 * i + 1] = (float)((y - originY.Value) / Scale);
                    }
                    packed[2 * points] = packed[0];
                    packed[2 * points + 1] = packed[1];
                    rings[k] = Factory.CreateLinearRing(new PackedFloatCoordinateSequence(packed, 2, 0));
                }
                polygons[p] = Factory.CreatePolygon(rings[0], rings[1..]);
            }
            villages.Add(new VillageBoundary(code, new Coordinate(lng, lat), inside, Factory.CreateMultiPolygon(polygons),
                (originX ?? 0) / Scale, (originY ?? 0) / Scale));
        }
        return (tolerance, villages);
    }

    private static int ToGrid(double degrees) => (int)Math.Round(degrees * Scale);

    private static void WriteZigZag(BinaryWriter w, long value) => w.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    private static long ReadZigZag(BinaryReader r)
    {
        var raw = r.Read7BitEncodedInt64();
        return (long)((ulong)raw >> 1) ^ -(raw & 1);
    }
}
