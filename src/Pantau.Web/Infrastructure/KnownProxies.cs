using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the app believes (section
/// <c>ForwardedHeaders</c>). None by default: a client could otherwise name any address it likes and escape the
/// per-address limits or put a false address into the audit trail.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of the proxies in front of the app, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public static class KnownProxies
{
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<ForwardedHeadersSettings>().Bind(cfg.GetSection("ForwardedHeaders"))
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "ForwardedHeaders:KnownProxies must list IP addresses (e.g. 10.0.0.5).")
            .Validate(s => s.KnownNetworks.All(n => IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders:KnownNetworks must list networks in CIDR form (e.g. 10.0.0.0/24).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what is configured counts here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in settings.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(p));
            foreach (var n in settings.Value.KnownNetworks) o.KnownIPNetworks.Add(IPNetwork.Parse(n));
            // Walk back through a chain of known proxies, stopping at the first address that is not one.
            o.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>
    /// Takes the client's address and scheme from the forwarded headers of a known proxy. Without any configured, the
    /// middleware is left out: with empty lists it would believe every sender.
    /// </summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Any
            ? app.UseForwardedHeaders()
            : app;
}
