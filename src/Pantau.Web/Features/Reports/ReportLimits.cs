using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// Rate limits against floods of fake reports. Per client address, in memory, for every submission and phone code
/// request (cheap, stops a flood before it reaches the database); per device and per phone in the intake itself,
/// counted in the database, so they hold across instances and restarts. Sizes come from configuration
/// (<c>Reports:Limits:*</c>) so a load test can lift them.
/// </summary>
public static class ReportLimits
{
    public const string Submit = "report-submit";
    public const string Otp = "reporter-otp";
    public const string DeviceHeader = "X-Device-Id";

    public static string? DeviceOf(HttpContext http) =>
        http.Request.Headers[DeviceHeader].ToString() is { Length: > 0 and <= 100 } d ? d : null;

    public static IServiceCollection AddReportLimits(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddSingleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>();
        services.AddOptions<ReportsOptions>().Bind(cfg.GetSection(ReportsOptions.Section)).ValidateOnStart();
        services.AddSingleton<PhoneCodes>();
        services.AddSingleton<ProofOfWork>();
        // Generous: many phones share one address behind a carrier's NAT. The per-phone and per-device limits are tighter.
        var limits = cfg.GetSection(ReportsOptions.Section).Get<ReportsOptions>()?.Limits ?? new ReportLimitsOptions();
        var perAddress = limits.PerAddressPerHour;
        var codesPerAddress = limits.CodesPerAddressPerHour;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                const string title = ReportsCodes.TooManyRequestsAddress;
                if (ctx.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RefusalWriter>() is { } own)
                {
                    await own.WriteAsync(ctx.HttpContext, title);
                    return;
                }
                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = title },
                });
            };
            o.AddPolicy(Submit, http => RateLimitPartition.GetFixedWindowLimiter($"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perAddress, Window = TimeSpan.FromHours(1) }));
            o.AddPolicy(Otp, http => RateLimitPartition.GetFixedWindowLimiter($"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = codesPerAddress, Window = TimeSpan.FromHours(1) }));
        });
        return services;
    }
}

/// <summary>Endpoint metadata of an API with its own error format (Open311): it writes a rate-limit refusal itself.</summary>
public sealed record RefusalWriter(Func<HttpContext, string, Task> WriteAsync);
