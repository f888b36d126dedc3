using System.Net;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Regions;

public sealed class RegionsApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task The_whole_Kemendagri_hierarchy_is_imported_on_an_empty_database()
    {
        var counts = await app.WithDbAsync(async db =>
            db.Regions.GroupBy(r => r.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count));
        Assert.Equal(38, counts[RegionLevel.Province]);
        Assert.Equal(514, counts[RegionLevel.Regency]);
        Assert.Equal(7285, counts[RegionLevel.District]);
        Assert.Equal(83762, counts[RegionLevel.Village]);
    }

    [Fact]
    public async Task A_region_and_its_children_are_found_by_code()
    {
        var client = app.CreateClient();
        var setiabudi = await client.GetJsonAsync("/api/regions/31.74.02");
        Assert.Equal("Setiabudi", setiabudi.GetProperty("name").GetString());
        Assert.Equal("District", setiabudi.GetProperty("level").GetString());
        Assert.Equal("31.74", setiabudi.GetProperty("parentCode").GetString());

        var villages = await client.GetJsonAsync("/api/regions/31.74.02/children");
        Assert.Contains(villages.EnumerateArray(), v => v.GetProperty("code").GetString() == "31.74.02.1001" && v.GetProperty("name").GetString() == "Setia Budi");
        Assert.All(villages.EnumerateArray(), v => Assert.Equal("31.74.02", v.GetProperty("parentCode").GetString()));

        var tangerang = await client.GetJsonAsync("/api/regions/36/children");
        Assert.Contains(tangerang.EnumerateArray(), r => r.GetProperty("code").GetString() == "36.71" && r.GetProperty("name").GetString() == "Kota Tangerang");
        Assert.Empty((await client.GetJsonAsync("/api/regions/31.74.02.1001/children")).EnumerateArray());
    }

    [Theory]
    [InlineData("99")]
    [InlineData("31.99")]
    [InlineData("31.74.02.9999")]
    public async Task A_code_that_does_not_exist_is_404(string code)
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/regions/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/regions/{code}/children")).StatusCode);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("31.7")]
    [InlineData("abc")]
    [InlineData("31.74.02.10011")]
    [InlineData("31-74")]
    public async Task A_malformed_code_is_400_naming_the_code(string code)
    {
        var client = app.CreateClient();
        var problem = await (await client.GetAsync($"/api/regions/{code}")).ProblemAsync(400);
        Assert.Contains("code", problem.ErrorFields());
        problem = await (await client.GetAsync($"/api/regions/{code}/children")).ProblemAsync(400);
        Assert.Contains("code", problem.ErrorFields());
    }
}
