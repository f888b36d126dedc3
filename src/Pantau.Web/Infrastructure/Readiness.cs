using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pantau.Web.Data;

namespace Pantau.Web.Infrastructure;

/// <summary>One row per running instance, written by the readiness check: proof that the database takes a write.</summary>
public sealed class ReadinessProbe
{
    public required string Instance { get; init; }
    public DateTime CheckedAt { get; set; }
}

public sealed class ReadinessProbeConfiguration : IEntityTypeConfiguration<ReadinessProbe>
{
    public void Configure(EntityTypeBuilder<ReadinessProbe> p)
    {
        p.HasKey(x => x.Instance);
        p.Property(x => x.Instance).HasMaxLength(200);
    }
}

/// <summary>
/// <c>/health</c> says the process answers (liveness); <c>/health/ready</c> says it can serve: the database is read and
/// written (a committed upsert of this instance's probe row), and every check a feature adds with <see cref="Tag"/>
/// holds (LiveEvents: on PostgreSQL the connection that listens for the other instances' events is up). Otherwise 503,
/// so a load balancer sends the traffic elsewhere.
/// </summary>
public static class Readiness
{
    public const string Tag = "ready";

    public static IServiceCollection AddPantauHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadiness>("database", tags: [Tag]);
        return services;
    }

    public static void MapPantauHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(Tag) });
    }

    private sealed class DatabaseReadiness(IDbContextFactory<PantauDb> contexts, TimeProvider time) : IHealthCheck
    {
        private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var now = time.GetUtcNow().UtcDateTime;
                var dayAgo = now.AddDays(-1);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "ReadinessProbes" ("Instance", "CheckedAt") VALUES ({Instance}, {now})
                    ON CONFLICT ("Instance") DO UPDATE SET "CheckedAt" = excluded."CheckedAt"
                    """, ct);
                // Instances that stopped leave a row; a day later the next check clears it.
                await db.Database.ExecuteSqlAsync($"""DELETE FROM "ReadinessProbes" WHERE "CheckedAt" < {dayAgo}""", ct);
                var read = await db.ReadinessProbes.AsNoTracking().CountAsync(p => p.Instance == Instance, ct);
                return read == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The probe row written was not read back.");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("The database cannot be read and written.", e);
            }
        }
    }
}
