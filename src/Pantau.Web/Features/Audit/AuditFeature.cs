namespace Pantau.Web.Features.Audit;

/// <summary>The audit trail and its checkpoints.</summary>
public sealed class AuditFeature : IFeature
{
    /// <summary>The policy that guards reading the trail; which roles it admits is Access's table (<c>Policies</c>).</summary>
    public const string ReadPolicy = "ReadAudit";

    public static void Add(WebApplicationBuilder builder) => builder.Services.AddAuditTrail(builder.Configuration);

    public static void Map(WebApplication app) => app.MapAudit();
}
