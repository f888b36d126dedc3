namespace Pantau.Web.Features.Partners;

/// <summary>Partners' requests for access to records.</summary>
public sealed class PartnersFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapPartners();
}
