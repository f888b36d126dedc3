using System.CommandLine;

namespace Pantau.Web.Features.Backup;

/// <summary>Backup, restore and verify of an office: its database and the files beside it (no endpoints, commands only).</summary>
public sealed class BackupFeature : IFeature
{
    public static IEnumerable<Command> Commands(CommandRunner run) => BackupCommands.Create(run);
}
