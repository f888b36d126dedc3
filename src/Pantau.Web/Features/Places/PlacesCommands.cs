using System.CommandLine;

namespace Pantau.Web.Features.Places;

/// <summary>
/// <c>build-boundaries --source boundaries-kel.geojsonl.gz --out villages.bin</c>: rebuilds the committed boundary file
/// from the source (scripts/build-boundaries.sh runs it on <c>../shared/geo</c>).
/// </summary>
public static class PlacesCommands
{
    public static Command BuildBoundaries()
    {
        var source = new Option<FileInfo>("--source") { Description = "The villages' boundaries: boundaries-kel.geojsonl.gz.", Required = true };
        source.AcceptExistingOnly();
        var output = new Option<FileInfo>("--out") { Description = "The boundary file to write.", Required = true };
        var command = new Command("build-boundaries", "Builds the committed boundary file from the source polygons.") { source, output };
        command.SetAction(parsed =>
        {
            var summary = BoundaryFileBuilder.Build(parsed.GetRequiredValue(source).FullName, parsed.GetRequiredValue(output).FullName,
                n => Console.Error.WriteLine($"{n:N0} villages…"));
            Console.WriteLine(BoundaryFileBuilder.Describe(summary));
            return 0;
        });
        return command;
    }
}
