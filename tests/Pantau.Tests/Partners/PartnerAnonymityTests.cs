using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Partners;

/// <summary>The app seeded with the demo's 5,000 foreigners, as a demo starts.</summary>
public sealed class DemoForeignersApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Demo:Foreigners", "5000")];
}

/// <summary>
/// Polsek Setiabudi's export of the demo data, read as someone trying to single a person out would: every combination
/// of the attributes shown must cover at least five people (k-anonymity, k = 5), no record keeps an id from one export
/// to the next, and no count the partner sees is 1 to 4.
/// </summary>
public sealed class PartnerAnonymityTests(DemoForeignersApp app) : IClassFixture<DemoForeignersApp>
{
    private const string Setiabudi = "31.74.02";
    private const int K = 5;

    /// <summary>The designation of a record (an export's token, or today's id): not an attribute of the person.</summary>
    private static readonly string[] NotQuasiIdentifiers = ["record", "recordId", "record_id"];

    private static async Task<List<JsonElement>> ExportAsync(HttpClient partner)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var json = await partner.GetJsonAsync($"/api/partner/permits?district={Setiabudi}&page={page}&pageSize=500");
            var got = json.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(got);
            if (got.Count == 0 || items.Count >= json.GetProperty("total").GetInt32()) return items;
        }
    }

    private static string ClassOf(JsonElement record) =>
        string.Join("|", record.EnumerateObject().Where(p => !NotQuasiIdentifiers.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private static string TokenOf(JsonElement record) =>
        (record.TryGetProperty("record", out var t) ? t : record.GetProperty("recordId")).GetString()!;

    [Fact]
    public async Task Every_combination_of_the_attributes_a_partner_sees_covers_at_least_five_people()
    {
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var records = await ExportAsync(partner);
        Assert.True(records.Count >= 2 * K, $"the demo has people in Setiabudi to export: {records.Count}");
        var small = records.GroupBy(ClassOf).Where(g => g.Count() < K).Select(g => $"{g.Count()}× {g.Key}").ToList();
        Assert.True(small.Count == 0, $"{small.Count} combinations single out fewer than {K} of {records.Count} records: " + string.Join("; ", small.Take(5)));

        // The CSV the partner downloads, read as a spreadsheet would.
        using var reader = new StringReader(await partner.GetStringAsync($"/api/partner/permits.csv?district={Setiabudi}"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(records.Count, rows.Count);
        var smallRows = rows.GroupBy(r => string.Join("|", r.Where(c => !NotQuasiIdentifiers.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}={c.Value}"))).Where(g => g.Count() < K).ToList();
        Assert.True(smallRows.Count == 0, $"{smallRows.Count} CSV combinations cover fewer than {K} records");
    }

    [Fact]
    public async Task No_record_keeps_its_designation_from_one_export_to_the_next()
    {
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var first = (await ExportAsync(partner)).Select(TokenOf).ToList();
        var second = (await ExportAsync(partner)).Select(TokenOf).ToList();
        Assert.NotEmpty(first);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public async Task No_count_a_partner_sees_is_below_five()
    {
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var counts = await partner.GetJsonAsync($"/api/partner/counts?district={Setiabudi}");
        var shown = new List<(string What, JsonElement Count)> { ("total", counts.GetProperty("total")) };
        foreach (var list in new[] { "byVillage", "byNationality", "byPermitType" })
            shown.AddRange(counts.GetProperty(list).EnumerateArray().Select(r => ($"{list} {r.GetProperty("key").GetString()}", r.GetProperty("count"))));
        var small = shown.Where(s => s.Count.ValueKind == JsonValueKind.Number && s.Count.GetInt32() is >= 1 and < K).Select(s => $"{s.What}={s.Count}").ToList();
        Assert.True(small.Count == 0, "counts below five: " + string.Join(", ", small));
        Assert.Contains(shown, s => s.Count.ValueKind == JsonValueKind.Number && s.Count.GetInt32() >= K);

        // A partner's counts come from its own tier only: not from the staff count of an RT or a village.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/stats/count?region={People.SetiaBudi}&rw=1&rt=1")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/stats/count?region={Setiabudi}")).StatusCode);
    }
}
