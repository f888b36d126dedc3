using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Places;

namespace Pantau.Tests.Dashboard;

/// <summary>The heat map's places (GET /api/dashboard/heat): counted here from the seeded reports, and held to the caller's scope.</summary>
public sealed class DashboardHeatTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private const string March = "from=2025-03-01&to=2025-03-31";

    /// <summary>"lat lng count village centre?" of each expected point: a report's own position to a hundred metres, else its kelurahan's centre.</summary>
    private List<string> Expected(DashboardMonth month, string[] offices)
    {
        var shapes = app.Services.GetRequiredService<PlaceFinder>().Shapes;
        return month.ReportsOf(offices)
            .GroupBy(r => r.Latitude is { } lat ? $"{Math.Round(lat * 1000) / 1000} {Math.Round(r.Longitude!.Value * 1000) / 1000} {r.Village} False"
                : shapes.CentreOf(r.Village) is { } c ? $"{Math.Round(c.Latitude, 5)} {Math.Round(c.Longitude, 5)} {r.Village} True" : "none")
            .Select(g => $"{g.Key} {g.Count()}").Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Shown(JsonElement heat) => heat.GetProperty("points").EnumerateArray()
        .Select(p => $"{p.GetProperty("latitude").GetDouble()} {p.GetProperty("longitude").GetDouble()} {p.GetProperty("villageCode").GetString()} {p.GetProperty("villageCentre").GetBoolean()} {p.GetProperty("reports").GetInt32()}")
        .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_national_admin_sees_each_place_with_its_reports()
    {
        var month = await app.Month;
        var everywhere = new[] { "KANIM-TANGERANG", "KANIM-TANGSEL", "KANIM-JAKSEL" };
        var heat = await (await app.LoginAsync("admin@pantau.test")).GetJsonAsync($"/api/dashboard/heat?{March}");
        var expected = Expected(month, everywhere);
        Assert.DoesNotContain(expected, e => e.StartsWith("none", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Contains(" False ", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Contains(" True ", StringComparison.Ordinal));
        Assert.Equal(expected, Shown(heat));
        Assert.Equal(month.ReportsOf(everywhere).Count, heat.GetProperty("reports").GetInt32());
        Assert.Equal(month.ReportsOf(everywhere).Count, heat.GetProperty("placed").GetInt32());
        Assert.False(heat.GetProperty("capped").GetBoolean());
        Assert.Equal(2000, heat.GetProperty("limit").GetInt32());

        // The busiest first, each named by its kelurahan.
        var counts = heat.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("reports").GetInt32()).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.All(heat.GetProperty("points").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("village").GetString())));
    }

    [Fact]
    public async Task A_regional_division_of_Banten_sees_nothing_of_Jakarta()
    {
        var month = await app.Month;
        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var heat = await kanwil.GetJsonAsync($"/api/dashboard/heat?{March}");
        Assert.Equal(Expected(month, ["KANIM-TANGERANG", "KANIM-TANGSEL"]), Shown(heat));
        Assert.DoesNotContain(heat.GetProperty("points").EnumerateArray(), p => p.GetProperty("villageCode").GetString()!.StartsWith("31", StringComparison.Ordinal));
        Assert.Equal(Expected(month, ["KANIM-TANGSEL"]), Shown(await kanwil.GetJsonAsync($"/api/dashboard/heat?{March}&officeId={month.Offices["KANIM-TANGSEL"]}")));

        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/dashboard/heat?{March}&provinceCode=31")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/dashboard/heat?{March}&officeId={month.Offices["KANIM-JAKSEL"]}")).StatusCode);
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        Assert.Equal(Expected(month, ["KANIM-TANGERANG"]), Shown(await head.GetJsonAsync($"/api/dashboard/heat?{March}")));
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/dashboard/heat?{March}&officeId={month.Offices["KANIM-TANGSEL"]}")).StatusCode);
    }

    [Theory]
    [InlineData("from=2025-13-01&to=2025-12-31", "from")]
    [InlineData("from=2025-03-31&to=2025-03-01", "to")]
    [InlineData("from=2024-01-01&to=2025-01-01", "to")]
    [InlineData("from=2025-03-01&to=2025-03-31&provinceCode=%3Cb%3E", "provinceCode")]
    public async Task Bad_input_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await (await app.LoginAsync("admin@pantau.test")).GetAsync($"/api/dashboard/heat?{query}")).ProblemAsync(400);
        Assert.Equal([field], problem.ErrorFields());
    }
}
