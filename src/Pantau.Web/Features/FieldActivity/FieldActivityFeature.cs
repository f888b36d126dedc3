namespace Pantau.Web.Features.FieldActivity;

/// <summary>Officers' positions in the field.</summary>
public sealed class FieldActivityFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapFieldActivity();
}
