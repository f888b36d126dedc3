namespace Pantau.Web.Features.Regions;

/// <summary>Indonesia's administrative regions.</summary>
public sealed class RegionsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddRegions(builder.Configuration);

    public static void Map(WebApplication app) => app.MapRegions();
}
