using System.Net;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Places;

namespace Pantau.Tests.Places;

/// <summary>Tiles from another server (Places:TileUrl, with Leaflet's subdomains).</summary>
public sealed class OtherTilesApp : PantauApp
{
    public const string Tiles = "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Places:TileUrl", Tiles), new("Places:TileAttribution", "© Example <b>Maps</b>")];
}

/// <summary>The maps load their tiles from the configured server, and the Content-Security-Policy lets exactly that one in.</summary>
public sealed class MapTilesTests(OtherTilesApp app) : IClassFixture<OtherTilesApp>
{
    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png", "https://*.tiles.example.org")]
    [InlineData("http://localhost:8080/tiles/{z}/{x}/{y}.png?key=1", "http://localhost:8080")]
    public void The_tile_origin_is_the_urls_scheme_and_host(string url, string origin) =>
        Assert.Equal(origin, new PlacesOptions { TileUrl = url }.TileOrigin);

    [Fact]
    public async Task The_policy_and_the_maps_use_the_configured_tiles()
    {
        var client = app.CreateClient();
        using var form = await client.GetAsync("/lapor");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var csp = string.Join(", ", form.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' blob: data: https://*.tiles.example.org;", csp);
        Assert.DoesNotContain("openstreetmap", csp);
        var page = await form.Content.ReadAsStringAsync();
        Assert.Contains("data-tiles=\"https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png\"", page);
        Assert.Contains("data-attribution=\"&#xA9; Example &lt;b&gt;Maps&lt;/b&gt;\"", page);

        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var supervisor = await head.GetStringAsync("/supervisor");
        Assert.Contains("data-tiles=\"https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png\"", supervisor);
    }
}
