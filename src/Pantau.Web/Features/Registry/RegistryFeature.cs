namespace Pantau.Web.Features.Registry;

/// <summary>The registry of foreigners.</summary>
public sealed class RegistryFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapRegistry();
}
