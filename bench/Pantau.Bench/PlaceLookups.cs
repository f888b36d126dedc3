using System.Diagnostics;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Regions;

namespace Pantau.Bench;

/// <summary>
/// Issue 15's targets, in process: the boundary file's index built at start (time, and managed memory after a full
/// collection), look-ups by position (µs each, one thread) and searches by name (µs each). Positions: every village's
/// source centroid shuffled, then as many random points over Indonesia's extent (mostly sea: the slow path, the
/// nearest village within 2 km). Names: the first word of 2,000 villages' names, and prefixes of three letters.
/// </summary>
public static class PlaceLookups
{
    public static int Run(Options o)
    {
        var file = o.Get("file", Path.Combine(AppContext.BaseDirectory, "places", "villages.bin"));
        var regionsDir = o.Get("regions", Path.Combine(AppContext.BaseDirectory, "regions"));

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var shapes = VillageShapes.Load(file);
        var built = clock.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        clock.Restart();
        var directory = new PlaceDirectory(new RegionImporter(Microsoft.Extensions.Options.Options.Create(new RegionsOptions { DataPath = regionsDir }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RegionImporter>.Instance).ReadAll());
        var named = clock.Elapsed;

        var random = new Random(2026);
        var centroids = shapes.Villages.Select(v => (v.Centroid.Y, v.Centroid.X)).OrderBy(_ => random.Next()).ToArray();
        var anywhere = Enumerable.Range(0, 20_000).Select(_ => (-11.0 + random.NextDouble() * 17, 95.0 + random.NextDouble() * 46)).ToArray();
        foreach (var (lat, lng) in centroids.Take(2000)) shapes.At(lat, lng); // warm-up

        var (land, found) = Time(centroids, p => shapes.At(p.Item1, p.Item2) is not null);
        var (sea, inSea) = Time(anywhere, p => shapes.At(p.Item1, p.Item2) is not null);
        var names = shapes.Villages.Take(2000).Select(v => directory.Village(v.Code)!.Name.Split(' ')[0]).ToArray();
        var prefixes = names.Select(n => n.Length > 3 ? n[..3] : n).ToArray();
        var (byName, _) = Time(names, n => directory.Search(n).Count > 0);
        var (byPrefix, _) = Time(prefixes, n => directory.Search(n).Count > 0);

        var lines = new[]
        {
            $"| index built at start | {built.TotalSeconds:F1} s, {memory >> 20} MB managed ({shapes.Villages.Count:N0} villages); names {named.TotalSeconds:F1} s |",
            $"| look-up at a village's centroid ({centroids.Length:N0}) | {land:F1} µs each ({found:N0} found) |",
            $"| look-up anywhere in Indonesia's extent ({anywhere.Length:N0}, mostly sea) | {sea:F1} µs each ({inSea:N0} in or near a village) |",
            $"| search by a village's first word ({names.Length:N0}) | {byName:F0} µs each |",
            $"| search by three letters ({prefixes.Length:N0}) | {byPrefix:F0} µs each |",
        };
        foreach (var line in lines) Console.WriteLine(line);
        if (o.Get("out", "") is { Length: > 0 } output) File.WriteAllLines(output, lines);
        return 0;
    }

    private static (double MicrosecondsEach, int Hits) Time<T>(T[] items, Func<T, bool> work)
    {
        var hits = 0;
        var clock = Stopwatch.StartNew();
        foreach (var item in items) if (work(item)) hits++;
        return (clock.Elapsed.TotalMicroseconds / items.Length, hits);
    }
}
