namespace Pantau.Web.Features.Open311;

/// <summary>The Open311 API for partners' apps.</summary>
public sealed class Open311Feature : IFeature
{
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddOpen311(builder.Configuration);

    public static void Map(WebApplication app) => app.MapOpen311();
}
