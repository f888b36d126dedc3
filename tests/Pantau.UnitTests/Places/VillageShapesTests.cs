using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using Pantau.Web.Features.Places;

namespace Pantau.UnitTests.Places;

/// <summary>The committed boundary file, looked up as the app does (the file beside the test's binaries, as beside the app's).</summary>
public sealed class VillageShapesTests
{
    private static readonly VillageShapes Shapes = VillageShapes.Load(Path.Combine(AppContext.BaseDirectory, "places", "villages.bin"));

    [Fact]
    public void Every_village_whose_source_centroid_lies_inside_it_is_found_at_that_centroid()
    {
        var inside = Shapes.Villages.Where(v => v.CentroidInside).ToList();
        Assert.InRange(inside.Count, 80_500, 80_600); // 96.8 % of 83,246 (the source's README)
        var wrong = inside.Select(v => (v.Code, Found: Shapes.At(v.Centroid.Y, v.Centroid.X)))
            .Where(r => r.Found is not { Approximate: false } found || found.Code != r.Code).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} centroids found elsewhere, e.g. {string.Join("; ", wrong.Take(5).Select(w => $"{w.Code} → {w.Found}"))}");
    }

    [Theory]
    [InlineData(-6.1783, 106.6319, "36.71")] // Kota Tangerang
    [InlineData(-6.2440, 106.8000, "31.74")] // Kota Jakarta Selatan (Kebayoran Baru)
    [InlineData(-6.2884, 106.7180, "36.74")] // Kota Tangerang Selatan
    [InlineData(-8.6705, 115.2126, "51.71")] // Kota Denpasar
    public void A_point_in_a_city_is_in_one_of_its_villages(double lat, double lng, string regency)
    {
        var hit = Shapes.At(lat, lng);
        Assert.NotNull(hit);
        Assert.False(hit.Approximate);
        Assert.StartsWith(regency + ".", hit.Code);
        Assert.Equal(13, hit.Code.Length);
    }

    [Theory]
    [InlineData(-5.0, 110.0)]       // the Java Sea
    [InlineData(3.1390, 101.6869)]  // Kuala Lumpur
    [InlineData(-33.8688, 151.2093)] // Sydney
    [InlineData(1.2840, 103.8510)]  // Singapore
    public void A_point_at_sea_or_abroad_is_in_no_village(double lat, double lng) => Assert.Null(Shapes.At(lat, lng));

    [Fact]
    public void A_point_just_off_the_coast_is_the_nearest_village_within_two_kilometres_marked_approximate()
    {
        // Off the coast of Kota Tangerang's neighbour, Kabupaten Tangerang: walk north from a coastal village's
        // northernmost point until no village holds the point.
        var coastal = Shapes.Villages.Where(v => v.Code.StartsWith("36.03.", StringComparison.Ordinal))
            .MaxBy(v => v.Bounds.MaxY)!;
        var top = coastal.ToWorld(coastal.Shape.Coordinates.MaxBy(c => c.Y)!);
        var point = new Coordinate(top.X, top.Y + 300 / BoundaryFileBuilder.MetresPerDegree);
        var hit = Shapes.At(point.Y, point.X);

        Assert.NotNull(hit);
        Assert.True(hit.Approximate);
        Assert.InRange(hit.DistanceMetres, 250, 400);
        // The nearest by brute force over every village.
        var nearest = Shapes.Villages.MinBy(v =>
        {
            var c = v.ToWorld(DistanceOp.NearestPoints(v.Shape, BoundaryFile.Factory.CreatePoint(v.ToShape(point)))[0]);
            return Distance.Metres(point.Y, point.X, c.Y, c.X);
        })!;
        Assert.Equal(nearest.Code, hit.Code);

        var far = Shapes.At(top.Y + 2500 / BoundaryFileBuilder.MetresPerDegree, top.X);
        Assert.Null(far);
    }
}
