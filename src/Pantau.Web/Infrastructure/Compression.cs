using Microsoft.AspNetCore.ResponseCompression;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Pages and JSON leave compressed (Brotli, else gzip) for phones on weak networks, over HTTPS too: the pages that
/// carry a secret (the antiforgery token) also carry no text an attacker chooses, and the cookies are SameSite=Strict.
/// Server-sent event streams never are: a compressor holds back what it has not filled a block with, and an event must
/// leave when it happens. Static files come compressed at build from MapStaticAssets.
/// </summary>
public static class Compression
{
    public static IServiceCollection AddPantauCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "application/manifest+json", "image/svg+xml", "text/csv"];
            o.ExcludedMimeTypes = ["text/event-stream"];
        });
}
