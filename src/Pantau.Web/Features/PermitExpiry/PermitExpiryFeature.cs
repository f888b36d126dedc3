namespace Pantau.Web.Features.PermitExpiry;

/// <summary>Reminders of expiring stay permits.</summary>
public sealed class PermitExpiryFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddPermitExpiry(builder.Configuration);

    public static void Map(WebApplication app) => app.MapPermitExpiry();
}
