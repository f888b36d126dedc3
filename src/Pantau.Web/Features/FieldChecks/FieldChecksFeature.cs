namespace Pantau.Web.Features.FieldChecks;

/// <summary>Officers' checks of a person in the field.</summary>
public sealed class FieldChecksFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapFieldChecks();
}
