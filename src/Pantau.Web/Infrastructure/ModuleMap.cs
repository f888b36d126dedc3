using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// The import map of the browser modules: a page's script is named by its fingerprint (cached for a year), but the
/// modules it imports (<c>./pantau.js</c>) are plain names, which a browser must ask about again on every visit — one
/// round trip each on a slow phone network. The map names their fingerprinted files instead, read from the build's
/// static-asset manifest (what <c>MapStaticAssets</c> serves). It is the one inline script: the policy allows it by
/// its hash (<see cref="SecurityHeaders.ContentSecurityPolicy"/>), so the map cannot be swapped for another.
/// </summary>
public sealed class ModuleMap
{
    private ModuleMap(string? json)
    {
        Json = json;
        Hash = json is null ? null : "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(json))) + "'";
    }

    /// <summary>The map's JSON, exactly as the layout writes it; null without a manifest (the plain names still work).</summary>
    public string? Json { get; }

    /// <summary>The CSP source that allows exactly this map.</summary>
    public string? Hash { get; }

    public static ModuleMap Load(IWebHostEnvironment env)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{env.ApplicationName}.staticwebassets.endpoints.json");
        if (!File.Exists(manifest)) return new(null);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
        var imports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in doc.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            // The fingerprinted route's plain answer (no content-encoding selector); its label is the plain name.
            if (endpoint.GetProperty("Selectors").GetArrayLength() > 0) continue;
            var properties = endpoint.GetProperty("EndpointProperties").EnumerateArray()
                .ToDictionary(p => p.GetProperty("Name").GetString()!, p => p.GetProperty("Value").GetString());
            if (!properties.ContainsKey("fingerprint") || properties.GetValueOrDefault("label") is not { } label) continue;
            if (!label.StartsWith("js/", StringComparison.Ordinal) || !label.EndsWith(".js", StringComparison.Ordinal)) continue;
            imports["/" + label] = "/" + endpoint.GetProperty("Route").GetString();
        }
        return new(imports.Count == 0 ? null : JsonSerializer.Serialize(new { imports }));
    }
}
