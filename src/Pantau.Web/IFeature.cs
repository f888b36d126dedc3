using System.CommandLine;

namespace Pantau.Web;

/// <summary>
/// A feature's part of the composition root (<see cref="PantauHost"/>), found in the assembly: its services and
/// options, its endpoints, and its commands. Its entity configurations are found by <c>ApplyConfigurationsFromAssembly</c>.
/// A new feature is a folder with one class implementing this; Program.cs lists none.
/// </summary>
public interface IFeature
{
    /// <summary>Services and options (bound and validated at start); the web app and every command get the same.</summary>
    static virtual void Add(WebApplicationBuilder builder) { }

    /// <summary>Endpoints; only the web app maps them.</summary>
    static virtual void Map(WebApplication app) { }

    /// <summary>Commands of the same program (<c>dotnet Pantau.Web.dll NAME …</c>); <paramref name="run"/> gives them the app's services.</summary>
    static virtual IEnumerable<Command> Commands(CommandRunner run) => [];
}

/// <summary>
/// Runs a command's work on the composition root's services, in a scope acting as the system, with the database's
/// settings read from the command line's <c>--Key=value</c> switches like the web app's. Its answer is the exit code.
/// </summary>
public delegate Task<int> CommandRunner(ParseResult parsed, Func<IServiceProvider, Task<int>> work);
