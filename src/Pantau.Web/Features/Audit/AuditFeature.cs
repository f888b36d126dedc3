namespace Pantau.Web.Features.Audit;

/// <summary>The audit trail and its checkpoints.</summary>
public sealed class AuditFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddAuditTrail(builder.Configuration);

    public static void Map(WebApplication app) => app.MapAudit();
}
