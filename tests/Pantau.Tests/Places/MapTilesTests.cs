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

/// <summary>The configured attribution is the operator's text: the map shows it as text, markup and all.</summary>
public sealed class MapAttributionPagesTests(OtherTilesApp app, Pantau.Tests.Browser.Chromium chromium)
    : IClassFixture<OtherTilesApp>, IClassFixture<Pantau.Tests.Browser.Chromium>
{
    [Fact]
    public async Task The_attribution_is_shown_as_text()
    {
        var page = await chromium.NewPhoneAsync(app.StartOnRealPort(), new() { Latitude = -6.17288f, Longitude = 106.63185f, Accuracy = 15 });
        try
        {
            await page.GotoAsync("/lapor");
            await page.Locator("#submit-report:not([disabled])").WaitForAsync();
            await page.ClickAsync("#use-gps");
            var attribution = page.Locator("#place-map .leaflet-control-attribution");
            await attribution.WaitForAsync();
            Assert.Contains("© Example <b>Maps</b>", await attribution.TextContentAsync());
            Assert.Equal(0, await attribution.Locator("b").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
