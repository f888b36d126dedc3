using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Statistics;

namespace Pantau.Tests.Statistics;

/// <summary>The demo RT head of RT 1 / RW 1, Setia Budi, in an app where the test alone decides who lives there.</summary>
public sealed class NeighbourhoodCountTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task An_rt_head_sees_the_number_of_active_residents_of_their_rt_and_nothing_else()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        for (var i = 0; i < 3; i++) await officer.RegisterAsync(People.Registration(rw: 1, rt: 1));
        await officer.RegisterAsync(People.Registration(rw: 1, rt: 2));
        await officer.RegisterAsync(People.Registration(rw: 2, rt: 1));
        var departed = People.Registration(rw: 1, rt: 1);
        departed["status"] = "Departed";
        await officer.RegisterAsync(departed);

        var rt = await app.LoginAsync("rt.setiabudi@pantau.test");
        var count = await rt.GetJsonAsync($"/api/stats/count?region={People.SetiaBudi}&rw=1&rt=1");
        Assert.Equal(3, count.GetProperty("count").GetInt32());
        Assert.Equal(People.SetiaBudi, count.GetProperty("region").GetString());

        foreach (var forbidden in new[]
        {
            $"/api/stats/count?region={People.SetiaBudi}&rw=1&rt=2",
            $"/api/stats/count?region={People.SetiaBudi}&rw=1",
            $"/api/stats/count?region={People.SetiaBudi}",
            $"/api/stats/count?region={People.KaretKuningan}&rw=1&rt=1",
            "/api/stats/count?region=31.74.02",
        })
            Assert.Equal(HttpStatusCode.Forbidden, (await rt.GetAsync(forbidden)).StatusCode);
        foreach (var list in new[] { "/api/foreigners", "/api/partner/permits?district=31.74.02", "/api/audit", "/api/field/officers" })
            Assert.Equal(HttpStatusCode.Forbidden, (await rt.GetAsync(list)).StatusCode);
    }

    [Fact]
    public async Task An_rw_head_counts_their_rw_and_its_rts_only()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var email = $"rw-{Guid.NewGuid():N}@pantau.test";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts",
            new { email, fullName = "Ketua RW 7", password = "Rahasia#123", role = "NeighbourhoodHead", villageCode = People.KaretKuningan, rw = 7 })).StatusCode);
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        await officer.RegisterAsync(People.Registration(village: People.KaretKuningan, rw: 7, rt: 1));
        await officer.RegisterAsync(People.Registration(village: People.KaretKuningan, rw: 7, rt: 3));
        await officer.RegisterAsync(People.Registration(village: People.KaretKuningan, rw: 8, rt: 1));

        var rw = await app.LoginAsync(email, "Rahasia#123");
        Assert.Equal(2, (await rw.GetJsonAsync($"/api/stats/count?region={People.KaretKuningan}&rw=7")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await rw.GetJsonAsync($"/api/stats/count?region={People.KaretKuningan}&rw=7&rt=3")).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await rw.GetAsync($"/api/stats/count?region={People.KaretKuningan}&rw=8")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rw.GetAsync($"/api/stats/count?region={People.KaretKuningan}")).StatusCode);
    }
}

public sealed class StatisticsApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task Office_staff_count_at_any_level_inside_their_jurisdiction_and_are_refused_outside()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var before = (await officer.GetJsonAsync("/api/stats/count?region=36.71")).GetProperty("count").GetInt32();
        await officer.RegisterAsync(People.Registration(village: People.TangerangVillage, rw: 5, rt: 6));
        Assert.Equal(before + 1, (await officer.GetJsonAsync("/api/stats/count?region=36.71")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await officer.GetJsonAsync($"/api/stats/count?region={People.TangerangVillage}&rw=5&rt=6")).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/stats/count?region=31.74")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/stats/count?region=36")).StatusCode);
    }

    [Theory]
    [InlineData("region=31.7", "region")]
    [InlineData("region=31.74.02&rw=1", "rw")]
    [InlineData("region=31.74.02.1001&rw=0", "rw")]
    [InlineData("region=31.74.02.1001&rt=1", "rt")]
    public async Task A_malformed_count_is_a_400(string query, string field)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Contains(field, (await (await admin.GetAsync($"/api/stats/count?{query}")).ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task Counts_follow_moves_and_departures_and_equal_a_recount_from_scratch()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var person = await officer.RegisterAsync(People.Registration(rw: 9, rt: 9));
        var body = People.Registration(rw: 9, rt: 8, passport: person.GetProperty("passports")[0].GetProperty("number").GetString(),
            permitNumber: person.GetProperty("permits")[0].GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/foreigners/{person.GetProperty("id")}", body)).StatusCode);
        Assert.Equal(0, (await officer.GetJsonAsync($"/api/stats/count?region={People.SetiaBudi}&rw=9&rt=9")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await officer.GetJsonAsync($"/api/stats/count?region={People.SetiaBudi}&rw=9&rt=8")).GetProperty("count").GetInt32());
        body["status"] = "Departed";
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/foreigners/{person.GetProperty("id")}", body)).StatusCode);
        Assert.Equal(0, (await officer.GetJsonAsync($"/api/stats/count?region={People.SetiaBudi}&rw=9&rt=8")).GetProperty("count").GetInt32());

        // The kecamatan and the city (summed from other kept counts than an RT's): what the registry holds there.
        await officer.RegisterAsync(People.Registration(rw: 9, rt: 7));
        foreach (var region in new[] { People.SetiaBudi[..8], People.SetiaBudi[..5] })
        {
            var registered = await app.WithDbAsync(db => db.Foreigners.IgnoreQueryFilters().Where(Foreigner.IsResident)
                .CountAsync(f => f.VillageCode.StartsWith(region + ".")));
            Assert.True(registered > 0, region);
            Assert.Equal(registered, (await officer.GetJsonAsync($"/api/stats/count?region={region}")).GetProperty("count").GetInt32());
        }

        var kept = await app.WithDbAsync(db => db.ResidentCounts.Where(c => c.Count != 0).OrderBy(c => c.VillageCode).ThenBy(c => c.Rw).ThenBy(c => c.Rt)
            .Select(c => $"{c.VillageCode}/{c.Rw}/{c.Rt}={c.Count}").ToListAsync());
        var nationalities = await app.WithDbAsync(db => db.NationalityCounts.Where(c => c.Count != 0).OrderBy(c => c.DistrictCode).ThenBy(c => c.Nationality)
            .Select(c => $"{c.DistrictCode}/{c.Nationality}={c.Count}").ToListAsync());
        await app.WithDbAsync(async db => { await ResidentCounts.RebuildAsync(db); return 0; });
        Assert.Equal(kept, await app.WithDbAsync(db => db.ResidentCounts.OrderBy(c => c.VillageCode).ThenBy(c => c.Rw).ThenBy(c => c.Rt)
            .Select(c => $"{c.VillageCode}/{c.Rw}/{c.Rt}={c.Count}").ToListAsync()));
        Assert.Equal(nationalities, await app.WithDbAsync(db => db.NationalityCounts.OrderBy(c => c.DistrictCode).ThenBy(c => c.Nationality)
            .Select(c => $"{c.DistrictCode}/{c.Nationality}={c.Count}").ToListAsync()));
    }

    [Fact]
    public async Task The_rebuild_counts_by_the_same_rule_as_every_save_a_person_placed_only_at_kecamatan_level_is_no_resident_of_a_village()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var person = await officer.RegisterAsync(People.Registration(village: "31.74.04.1001", rw: 6, rt: 6));
        // A record the central database places only at kecamatan level (written past EF, as its feed's bulk writer does).
        var id = person.GetProperty("id").GetGuid();
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Foreigners" SET "VillageCode" = '31.74.04' WHERE "Id" = {id}"""));

        await app.WithDbAsync(async db => { await ResidentCounts.RebuildAsync(db); return 0; });

        var expected = await app.WithDbAsync(db => db.Foreigners.Where(Foreigner.IsResident)
            .GroupBy(f => f.VillageCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var rebuilt = await app.WithDbAsync(db => db.ResidentCounts.GroupBy(c => c.VillageCode)
            .Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.DoesNotContain("31.74.04", rebuilt.Keys);
        Assert.Equal(expected.OrderBy(e => e.Key), rebuilt.Where(r => r.Value != 0).OrderBy(r => r.Key));
    }

    [Fact]
    public async Task Concurrent_registrations_lose_no_count()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            officer.PostAsJsonAsync("/api/foreigners", People.Registration(village: "31.74.03.1001", rw: 3, rt: 3))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(12, (await officer.GetJsonAsync("/api/stats/count?region=31.74.03.1001&rw=3&rt=3")).GetProperty("count").GetInt32());
    }
}

public sealed class PublicStatisticsTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task The_public_sees_counts_per_child_region_rounded_with_small_numbers_hidden_and_no_person()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        for (var i = 0; i < 6; i++) await admin.RegisterAsync(People.Registration(village: "31.74.04.1001", nationality: "KOR"));
        for (var i = 0; i < 3; i++) await admin.RegisterAsync(People.Registration(village: "31.74.05.1001", nationality: "JPN", name: "Sato Hanako"));

        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync("/api/public/stats?region=31.74");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Sato", raw);
        Assert.DoesNotContain("passport", raw, StringComparison.OrdinalIgnoreCase);
        var stats = JsonDocument.Parse(raw).RootElement;
        // Published rounded to a multiple of five (9 → 10, 6 → 5), so no difference of published numbers is 1 to 4.
        Assert.Equal("10", stats.GetProperty("total").GetProperty("display").GetString());
        var children = stats.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(10, children.Count); // every kecamatan of Jakarta Selatan, zeros included
        Assert.Equal(5, children["31.74.04"].GetProperty("count").GetInt32());
        Assert.Equal("<5", children["31.74.05"].GetProperty("display").GetString());
        Assert.Equal(JsonValueKind.Null, children["31.74.05"].GetProperty("count").ValueKind);
        var top = stats.GetProperty("nationalities").EnumerateArray().ToList();
        Assert.Equal("KOR", top[0].GetProperty("nationality").GetString());
        Assert.Equal("<5", top[1].GetProperty("display").GetString());

        var small = await anonymous.GetJsonAsync("/api/public/stats?region=31.74.05");
        Assert.Equal("<5", small.GetProperty("total").GetProperty("display").GetString());
        Assert.Empty(small.GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task The_public_goes_no_lower_than_a_kecamatan()
    {
        var anonymous = app.CreateClient();
        Assert.Contains("region", (await (await anonymous.GetAsync("/api/public/stats?region=31.74.02.1001")).ProblemAsync(400)).ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/stats?region=31.99")).StatusCode);
        var national = await anonymous.GetJsonAsync("/api/public/stats");
        Assert.Equal(38, national.GetProperty("children").GetArrayLength());
    }
}
