using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pantau.Tests.Infrastructure;

/// <summary>
/// Every timestamp the API sends carries its zone (Z or an offset): a time without one is read by a browser as the
/// phone's local time, hours off (the partner's access seemed to end 7 hours early).
/// </summary>
public sealed partial class WireTimesTests(PantauApp app) : IClassFixture<PantauApp>
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Zone();

    /// <summary>The path and value of every timestamp in the document.</summary>
    private static IEnumerable<(string Path, string Value)> Timestamps(JsonElement e, string path = "$")
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    foreach (var t in Timestamps(p.Value, $"{path}.{p.Name}")) yield return t;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                    foreach (var t in Timestamps(item, $"{path}[{i++}]")) yield return t;
                break;
            case JsonValueKind.String when Timestamp().IsMatch(e.GetString()!):
                yield return (path, e.GetString()!);
                break;
        }
    }

    private static async Task<int> AssertZonedAsync(HttpClient client, string url)
    {
        var json = await client.GetJsonAsync(url);
        var times = Timestamps(json).ToList();
        Assert.All(times, t => Assert.True(Zone().IsMatch(t.Value), $"{url} {t.Path} = {t.Value} has no zone"));
        return times.Count;
    }

    [Fact]
    public async Task Timestamps_of_access_requests_the_roster_reports_and_a_person_end_in_Z_or_an_offset()
    {
        // Five alike people in Karet Kuningan RW 4, so the partner sees them; the partner asks who one is; the head approves.
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var person = await officer.RegisterAsync(People.Registration(name: "Lee Min-jun", nationality: "KOR", village: People.KaretKuningan, rw: 4));
        for (var i = 0; i < 4; i++) await officer.RegisterAsync(People.Registration(name: "Lee Min-jun", nationality: "KOR", village: People.KaretKuningan, rw: 4));
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var record = (await partner.GetJsonAsync("/api/partner/permits?district=31.74.02&pageSize=500")).GetProperty("items").EnumerateArray()
            .First().GetProperty("record").GetString();
        var filed = await partner.PostAsJsonAsync("/api/partner/access-requests", new { record, reason = "Laporan pencurian, perlu identitas saksi" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>(PantauApp.Json)).GetProperty("id").GetString();
        var head = await app.LoginAsync("kepala.jaksel@pantau.test");
        var approved = await head.PostAsJsonAsync($"/api/access-requests/{id}/approve", new { hours = 2 });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Matches(Zone(), (await approved.Content.ReadFromJsonAsync<JsonElement>(PantauApp.Json)).GetProperty("openUntil").GetString()!);

        // Read back from the database, not only as just written.
        Assert.True(await AssertZonedAsync(partner, "/api/partner/access-requests") >= 3);
        Assert.True(await AssertZonedAsync(partner, $"/api/partner/access-requests/{id}/person") >= 1);
        Assert.True(await AssertZonedAsync(head, "/api/access-requests") >= 3);
        Assert.True(await AssertZonedAsync(await app.LoginAsync("petugas.tangerang@pantau.test"), "/api/roster") >= 2);
        await AssertZonedAsync(head, "/api/reports");
        await AssertZonedAsync(officer, $"/api/foreigners/{person.GetProperty("id").GetString()}");
        Assert.True(await AssertZonedAsync(head, "/api/audit") >= 1);
    }
}
