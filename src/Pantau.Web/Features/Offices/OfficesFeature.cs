namespace Pantau.Web.Features.Offices;

/// <summary>Immigration offices and their jurisdictions.</summary>
public sealed class OfficesFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapOffices();
}
