using System.CommandLine;

namespace Pantau.Web.Features.Sync;

/// <summary>The central database's snapshots and change feed.</summary>
public sealed class SyncFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.AddCentralSync(builder.Configuration).AddSnapshotRunner().AddSingleton<Pantau.Web.Infrastructure.IObservedState, SyncGauges>();

    public static void Map(WebApplication app) => app.MapSync();

    public static IEnumerable<Command> Commands(CommandRunner run) => SyncCommands.Create(run);
}
