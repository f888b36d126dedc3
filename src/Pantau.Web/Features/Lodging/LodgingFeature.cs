using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Lodging;

/// <summary>Lodgings and their guest reports.</summary>
public sealed class LodgingFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddScoped<IAccountHold, LodgingAccountHold>();

    public static void Map(WebApplication app) => app.MapLodging();
}
