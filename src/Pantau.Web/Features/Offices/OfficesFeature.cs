namespace Pantau.Web.Features.Offices;

/// <summary>Immigration offices and their jurisdictions.</summary>
public sealed class OfficesFeature : IFeature
{
    /// <summary>The policy that guards changes to offices; which roles it admits is Access's table (<c>Policies</c>).</summary>
    public const string ManagePolicy = "ManageOffices";

    public static void Add(WebApplicationBuilder builder) => builder.Services.AddSingleton<JurisdictionMap>();

    public static void Map(WebApplication app) => app.MapOffices();
}
