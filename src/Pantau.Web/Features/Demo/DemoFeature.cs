using System.CommandLine;

namespace Pantau.Web.Features.Demo;

/// <summary>Deterministic demo data.</summary>
public sealed class DemoFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddDemo(builder.Configuration);

    public static IEnumerable<Command> Commands(CommandRunner run) => [DemoCommands.Seed(run)];
}
