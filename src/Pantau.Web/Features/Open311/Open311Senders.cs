using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Open311;

/// <summary>
/// The per-address limit of Open311 posts from anyone but a trusted application (<c>Reports:Limits:PerAddressPerHour</c>,
/// as the report form's), in memory. It is taken in the handler, not by the rate-limiting middleware, because only the
/// form's <c>api_key</c> says whether the sender is a trusted application, which is limited per application instead.
/// </summary>
public sealed class Open311Senders(IOptions<ReportsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.Limits.PerAddressPerHour, Window = TimeSpan.FromHours(1),
        }));

    public bool TryTake(HttpContext http, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "");
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromHours(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
