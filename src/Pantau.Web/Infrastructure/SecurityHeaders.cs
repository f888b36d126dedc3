using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// The headers every answer carries — pages, API, static files, errors — so that a page forgetting to encode a value
/// still cannot run script, be framed or leak its address (ADR 007). Set when the headers are sent, so the answers
/// the exception handler and the status-code pages write get them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only the app's own files run: no inline script, no inline style, no event-handler attributes, no <c>eval</c>.
    /// JSON data blocks (<c>&lt;script type="application/json"&gt;</c>) are not executed, so they need no exception.
    /// Leaflet and Chart.js place things through the CSSOM (<c>element.style</c>), which CSP does not restrict.
    /// Images: the maps' tiles from <paramref name="mapTiles"/> (a source such as <c>https://tile.openstreetmap.org</c>,
    /// the one configured; nothing else comes from outside), and <c>blob:</c> for the report form's photo previews.
    /// The one inline script is the modules' import map, allowed by its hash (<see cref="ModuleMap"/>).
    /// </summary>
    public static string ContentSecurityPolicy(string? mapTiles, string? importMapHash = null) =>
        "default-src 'self'; script-src 'self'" + (importMapHash is null ? "" : " " + importMapHash) + "; style-src 'self'; img-src 'self' blob: data:" + (string.IsNullOrWhiteSpace(mapTiles) ? "" : " " + mapTiles) + "; " +
        "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Pages that ask for the device's position: the public report form and the officer's field page.</summary>
    private static readonly string[] PositionPages = ["/lapor", "/field"];

    // Features no page uses (the report form's photo input opens the camera app through the file picker, which
    // needs no permission). Only names browsers know: an unknown one is reported on the console.
    private const string Features = "camera=(), microphone=(), payment=(), usb=(), display-capture=()";

    public static string PermissionsFor(PathString path) =>
        (PositionPages.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.Equals(p + "/", StringComparison.OrdinalIgnoreCase))
            ? "geolocation=(self), " : "geolocation=(), ") + Features;

    /// <summary>
    /// Outside Development: HSTS for a year on answers over HTTPS (behind a proxy, HTTPS as the proxy reports it through
    /// <c>X-Forwarded-Proto</c>, see <see cref="KnownProxies"/>), and the sign-in, two-factor and antiforgery cookies
    /// marked <c>Secure</c>. The antiforgery's X-Frame-Options is ours (its header name is Access's, <c>ApiAntiforgery</c>).
    /// </summary>
    public static IServiceCollection AddSecureTransport(this IServiceCollection services, IHostEnvironment env)
    {
        var secure = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.SuppressXFrameOptionsHeader = true;
            o.Cookie.SecurePolicy = secure;
        });
        return services;
    }

    /// <summary>The headers, with the maps' tile source (<see cref="ContentSecurityPolicy"/>) given by the composition root.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? mapTiles)
    {
        var policy = ContentSecurityPolicy(mapTiles, app.ApplicationServices.GetRequiredService<ModuleMap>().Hash);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Same-origin: the registry's "back to the results" link reads its own referrer; no address (a report's
                // ticket, a person's id) goes to another site. The map's tile requests name the origin only (the maps' scripts).
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = PermissionsFor(context.Request.Path);
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
