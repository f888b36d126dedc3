using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Partners;

public sealed class PartnersApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string Setiabudi = "31.74.02";

    private static readonly string[] IdentifyingWords = ["name", "passport", "permitnumber", "dateofbirth", "street", "sponsor", "rt"];

    private async Task<(JsonElement InDistrict, JsonElement Elsewhere)> PeopleAsync()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        return (await officer.RegisterAsync(People.Registration(name: "Park Ji-ho", nationality: "KOR", village: People.KaretKuningan, rw: 2)),
                await officer.RegisterAsync(People.Registration(name: "Tanaka Ken", nationality: "JPN", village: "31.74.01.1001")));
    }

    private static string RecordOf(JsonElement person) => person.GetProperty("permits")[0].GetProperty("id").GetString()!;

    private static async Task<List<JsonElement>> AllPermitsAsync(HttpClient partner)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var json = await partner.GetJsonAsync($"/api/partner/permits?district={Setiabudi}&page={page}&pageSize=500");
            items.AddRange(json.GetProperty("items").EnumerateArray());
            if (items.Count >= json.GetProperty("total").GetInt32()) return items;
        }
    }

    [Fact]
    public async Task A_partner_sees_de_identified_permits_of_their_kecamatan_only()
    {
        var (inDistrict, elsewhere) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var items = await AllPermitsAsync(partner);
        var record = items.Single(i => i.GetProperty("recordId").GetString() == RecordOf(inDistrict));
        Assert.DoesNotContain(items, i => i.GetProperty("recordId").GetString() == RecordOf(elsewhere));
        Assert.Equal("KOR", record.GetProperty("nationality").GetString());
        Assert.Equal("ITAS", record.GetProperty("permitType").GetString());
        Assert.Equal(People.KaretKuningan, record.GetProperty("villageCode").GetString());
        Assert.Equal(2, record.GetProperty("rw").GetInt32());
        foreach (var property in record.EnumerateObject())
            Assert.DoesNotContain(property.Name.ToLowerInvariant(), IdentifyingWords);
        var raw = await partner.GetStringAsync($"/api/partner/permits?district={Setiabudi}&pageSize=500");
        Assert.DoesNotContain("Park", raw);
        Assert.DoesNotContain(inDistrict.GetProperty("passports")[0].GetProperty("number").GetString()!, raw);
        Assert.DoesNotContain(inDistrict.GetProperty("permits")[0].GetProperty("number").GetString()!, raw);
    }

    [Fact]
    public async Task Counts_and_the_csv_export_hold_the_same_records()
    {
        var (inDistrict, _) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var counts = await partner.GetJsonAsync($"/api/partner/counts?district={Setiabudi}");
        var total = counts.GetProperty("total").GetInt32();
        Assert.Equal(total, counts.GetProperty("byNationality").EnumerateArray().Sum(n => n.GetProperty("count").GetInt32()));
        Assert.Equal(total, counts.GetProperty("byPermitType").EnumerateArray().Sum(n => n.GetProperty("count").GetInt32()));
        Assert.Contains(counts.GetProperty("byVillage").EnumerateArray(), v => v.GetProperty("key").GetString() == People.KaretKuningan && v.GetProperty("name").GetString() == "Karet Kuningan");

        var csv = await partner.GetAsync($"/api/partner/permits.csv?district={Setiabudi}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("record_id,nationality,permit_type,purpose,valid_from,valid_until,status,village_code,village_name,rw", lines[0]);
        Assert.Equal(total + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(RecordOf(inDistrict)));
        Assert.DoesNotContain(lines, l => l.Contains("Park"));
    }

    [Theory]
    [InlineData("/api/partner/permits?district=31.74.01", 403)]
    [InlineData("/api/partner/counts?district=31.74.01", 403)]
    [InlineData("/api/partner/permits.csv?district=36.71.01", 403)]
    [InlineData("/api/partner/permits?district=31.74", 400)]
    [InlineData("/api/partner/permits", 400)]
    [InlineData("/api/foreigners?query=Park", 403)]
    public async Task A_partner_cannot_reach_another_kecamatan_or_the_registry(string url, int status)
    {
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        Assert.Equal(status, (int)(await partner.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_access_request_is_filed_approved_read_and_expires()
    {
        var (inDistrict, _) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var filed = await partner.PostAsJsonAsync("/api/partner/access-requests", new { recordId = RecordOf(inDistrict), reason = "Laporan pencurian, perlu identitas saksi" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var request = await filed.Content.ReadFromJsonAsync<JsonElement>(PantauApp.Json);
        var id = request.GetProperty("id").GetString();
        Assert.Equal("Pending", request.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/partner/access-requests/{id}/person")).StatusCode);

        // Kanim Tangerang does not hold the record: the request does not exist for its head.
        var otherHead = await app.LoginAsync("kepala.tangerang@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.PostAsJsonAsync($"/api/access-requests/{id}/approve", new { hours = 2 })).StatusCode);
        Assert.DoesNotContain((await otherHead.GetJsonAsync("/api/access-requests")).EnumerateArray(), r => r.GetProperty("id").GetString() == id);

        var head = await app.LoginAsync("kepala.jaksel@pantau.test");
        var pending = (await head.GetJsonAsync("/api/access-requests?state=Pending")).EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
        Assert.Equal(inDistrict.GetProperty("id").GetString(), pending.GetProperty("foreignerId").GetString()); // the head may open the record
        Assert.Equal(JsonValueKind.Null, request.GetProperty("foreignerId").ValueKind); // the partner may not
        var approved = await head.PostAsJsonAsync($"/api/access-requests/{id}/approve", new { hours = 2, note = "Sesuai surat Polsek" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync($"/api/access-requests/{id}/deny", new { note = "terlambat" })).StatusCode);

        var person = await partner.GetJsonAsync($"/api/partner/access-requests/{id}/person");
        Assert.Equal("Park Ji-ho", person.GetProperty("fullName").GetString());
        Assert.Equal(inDistrict.GetProperty("passports")[0].GetProperty("number").GetString(), person.GetProperty("passportNumbers")[0].GetString());
        Assert.Equal("Approved", (await partner.GetJsonAsync("/api/partner/access-requests")).EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == id).GetProperty("state").GetString());

        app.Clock.Offset = TimeSpan.FromHours(3);
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/partner/access-requests/{id}/person")).StatusCode);
            Assert.Equal("Expired", (await partner.GetJsonAsync("/api/partner/access-requests")).EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == id).GetProperty("state").GetString());
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }

        var admin = await app.LoginAsync("admin@pantau.test");
        var actions = (await admin.GetJsonAsync($"/api/audit?record={inDistrict.GetProperty("id").GetString()}")).GetProperty("items")
            .EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("access-request", "polsek.setiabudi@pantau.test"), actions);
        Assert.Contains(("access-approved", "kepala.jaksel@pantau.test"), actions);
        Assert.Contains(("read", "polsek.setiabudi@pantau.test"), actions);
    }

    [Fact]
    public async Task A_denied_request_opens_nothing()
    {
        var (inDistrict, _) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var request = await (await partner.PostAsJsonAsync("/api/partner/access-requests", new { recordId = RecordOf(inDistrict), reason = "Ingin tahu saja siapa orangnya" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = request.GetProperty("id").GetString();
        var head = await app.LoginAsync("kepala.jaksel@pantau.test");
        Assert.Contains("note", (await (await head.PostAsJsonAsync($"/api/access-requests/{id}/deny", new { })).ProblemAsync(400)).ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/access-requests/{id}/deny", new { note = "Alasan tidak cukup" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/partner/access-requests/{id}/person")).StatusCode);
        var mine = (await partner.GetJsonAsync("/api/partner/access-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
        Assert.Equal("Denied", mine.GetProperty("state").GetString());
        Assert.Equal("Alasan tidak cukup", mine.GetProperty("decisionNote").GetString());
    }

    [Fact]
    public async Task A_request_for_a_record_outside_the_kecamatan_or_without_reason_is_refused()
    {
        var (_, elsewhere) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsJsonAsync("/api/partner/access-requests", new { recordId = RecordOf(elsewhere), reason = "Laporan pencurian di wilayah kami" })).StatusCode);
        Assert.Contains("reason", (await (await partner.PostAsJsonAsync("/api/partner/access-requests", new { recordId = Guid.NewGuid(), reason = "" })).ProblemAsync(400)).ErrorFields());
        // Another partner's request is not theirs to open.
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/access-requests/{Guid.NewGuid()}/person")).StatusCode);
    }
}
