using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pantau.Tests.Infrastructure;

/// <summary>One mapped route as the app itself lists it (<see cref="EndpointDataSource"/>).</summary>
public sealed record AppEndpoint(string Method, string Pattern, RouteEndpoint Endpoint, bool IsPage)
{
    /// <summary>"GET /api/foreigners/{id:guid}": the key of an authorization-matrix row.</summary>
    public string Key => $"{Method} {Pattern}";

    public MethodInfo? Handler => Endpoint.Metadata.GetMetadata<MethodInfo>();
}

public static class AppEndpoints
{
    /// <summary>
    /// Every route the app maps, one per method; without the OpenAPI document, the health check and the static files,
    /// which are the framework's own.
    /// </summary>
    public static List<AppEndpoint> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var pattern = Normalize(e.RoutePattern.RawText ?? "");
                var isPage = e.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor;
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["*"];
                return methods.Select(method => new AppEndpoint(method, pattern, e, isPage));
            })
            .Where(e => !e.Pattern.StartsWith("/openapi", StringComparison.Ordinal) && e.Pattern != "/health")
            // The files of wwwroot (MapStaticAssets), one route per file and encoding, and in Development its fallback to
            // files on disk: served to anyone, like before.
            .Where(e => e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null && e.Pattern != "/{**path:file}")
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    // "/api/foreigners/" and "api/foreigners" are both "/api/foreigners".
    private static string Normalize(string raw) => "/" + raw.Trim('/');
}
