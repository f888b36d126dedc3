using System.CommandLine;
using System.Diagnostics;

namespace Pantau.Web.Features.Places;

/// <summary>Places: a position becomes a kelurahan/desa and its office; a name becomes a place.</summary>
public sealed class PlacesFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlacesOptions>().Bind(builder.Configuration.GetSection("Places")).ValidateDataAnnotations()
            .Validate(o => File.Exists(o.BoundaryPath), "Places:BoundaryFile names no file (the build copies places/villages.bin beside the app).")
            .Validate(o => !File.Exists(o.BoundaryPath) || BoundaryFile.IsBoundaryFile(o.BoundaryPath),
                "Places:BoundaryFile is not a Pantau boundary file of this version (rebuild it with scripts/build-boundaries.sh).")
            .ValidateOnStart();
        builder.Services.AddSingleton<PlaceFinder>();
        builder.Services.AddPlaceLimits();
        builder.Services.AddHostedService<PlaceIndexWarmUp>();
    }

    public static void Map(WebApplication app) => app.MapPlaces();

    public static IEnumerable<Command> Commands(CommandRunner run) => [PlacesCommands.BuildBoundaries()];
}

/// <summary>Builds the shapes' index and the names at start, beside the app's start, so the first look-up does not wait.</summary>
internal sealed class PlaceIndexWarmUp(PlaceFinder places, ILogger<PlaceIndexWarmUp> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetTotalMemory(false);
        var shapes = places.Shapes;
        _ = places.Directory;
        log.LogInformation("Places: {Villages} village shapes and every region's name ready in {Seconds:F1} s ({Megabytes} MB).",
            shapes.Villages.Count, clock.Elapsed.TotalSeconds, Math.Max(0, GC.GetTotalMemory(false) - before) >> 20);
    }, stoppingToken);
}
