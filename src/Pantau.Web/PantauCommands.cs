using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Web;

/// <summary>
/// The program's command line: no command (or only <c>--Key=value</c> settings) runs the web app; a command's name
/// runs that command on the same services (<see cref="PantauHost"/>), without the web pipeline. Commands come from
/// the features (<see cref="IFeature.Commands"/>); <c>schema-script</c> prints the model's CREATE script for the
/// current provider. Every command answers <c>--help</c>; a bad argument is a message and exit code 1.
/// </summary>
public static class PantauCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Root();
        if (args.Length == 0 || !(root.Subcommands.Any(c => c.Name == args[0]) || args[0] is "--help" or "-h" or "-?"))
        {
            await PantauHost.RunWebAsync(args);
            return 0;
        }
        return await root.Parse(args).InvokeAsync();
    }

    private static RootCommand Root()
    {
        var root = new RootCommand("Pantau: without a command, the web app. Settings are given as --Key=value (e.g. --ConnectionStrings:Pantau=…).");
        var schema = new Command("schema-script", "Prints the model's CREATE script for the configured provider (migrations: ADR 012).");
        schema.SetAction(parsed => RunAsync(parsed, sp =>
        {
            Console.WriteLine(sp.GetRequiredService<PantauDb>().Database.GenerateCreateScript());
            return Task.FromResult(0);
        }));
        root.Subcommands.Add(schema);
        foreach (var command in PantauHost.Commands(RunAsync)) root.Subcommands.Add(command);
        // Settings (--Key=value) are left to the host's configuration; RunAsync refuses any other stray token.
        Settle(root);
        return root;
    }

    private static void Settle(Command command)
    {
        foreach (var sub in command.Subcommands)
        {
            sub.TreatUnmatchedTokensAsErrors = false;
            Settle(sub);
        }
    }

    /// <summary>
    /// Builds the app as the web app does (its settings from the unmatched <c>--Key=value</c> tokens) and runs
    /// <paramref name="work"/> in a scope acting as the system. An argument the work refuses is a message, not a trace.
    /// </summary>
    private static async Task<int> RunAsync(ParseResult parsed, Func<IServiceProvider, Task<int>> work)
    {
        var unknown = parsed.UnmatchedTokens.Where(t => !(t.StartsWith("--", StringComparison.Ordinal) && t.Contains('='))).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"{parsed.CommandResult.Command.Name}: unknown argument {string.Join(", ", unknown)} (settings are --Key=value; see --help).");
            return 1;
        }
        var builder = PantauHost.CreateBuilder([.. parsed.UnmatchedTokens]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{parsed.CommandResult.Command.Name}: {e.Message}");
            return 1;
        }
    }
}
