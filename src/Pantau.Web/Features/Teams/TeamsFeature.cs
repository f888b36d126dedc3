namespace Pantau.Web.Features.Teams;

/// <summary>Teams and the roster of an office.</summary>
public sealed class TeamsFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapTeams();
}
