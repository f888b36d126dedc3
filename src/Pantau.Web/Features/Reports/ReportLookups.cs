using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Reports;

/// <summary>How often one client address may look a report up by key or ticket (<c>Reports:Lookups</c>).</summary>
public sealed class ReportLookupOptions
{
    /// <summary>A status page open on a phone reads twice a minute; a guesser needs billions of tries.</summary>
    [Range(1, 100_000)]
    public int PerAddressPerMinute { get; set; } = 30;
}

/// <summary>
/// Look-ups of a report by the reporter's key or the public ticket (API and status page) are limited per client
/// address (429 beyond), in memory like the other per-address limits, so that neither can be guessed by volume.
/// </summary>
public static class ReportLookups
{
    public const string Policy = "report-lookup";

    public static IServiceCollection AddReportLookups(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<ReportLookupOptions>().Bind(cfg.GetSection("Reports:Lookups")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ReportLookupOptions>>((o, lookups) =>
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter($"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = lookups.Value.PerAddressPerMinute, Window = TimeSpan.FromMinutes(1) })));
        return services;
    }
}
