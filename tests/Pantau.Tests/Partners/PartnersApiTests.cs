using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Registry;

namespace Pantau.Tests.Partners;

public sealed class PartnersApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string Setiabudi = "31.74.02";

    private static readonly string[] IdentifyingWords = ["name", "passport", "permitnumber", "dateofbirth", "street", "sponsor", "rt"];

    /// <summary>
    /// Five people alike in everything a partner could see (so they are never withheld, however the kecamatan is
    /// generalised) in Karet Kuningan RW 2, and one in another kecamatan.
    /// </summary>
    private async Task<(List<JsonElement> InDistrict, JsonElement Elsewhere)> PeopleAsync(string nationality = "KOR", int rw = 2)
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var group = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
            group.Add(await officer.RegisterAsync(People.Registration(name: "Park Ji-ho", nationality: nationality, village: People.KaretKuningan, rw: rw)));
        return (group, await officer.RegisterAsync(People.Registration(name: "Tanaka Ken", nationality: "JPN", village: "31.74.01.1001")));
    }

    private static string PermitOf(JsonElement person) => person.GetProperty("permits")[0].GetProperty("id").GetString()!;

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

    /// <summary>Whether a released record could be this person: every field it shows agrees.</summary>
    private static bool CouldBe(JsonElement record, string nationality, string village, int rw)
    {
        string? Shown(string name) => record.GetProperty(name).ValueKind == JsonValueKind.Null ? null : record.GetProperty(name).ToString();
        return Shown("nationality") is null or "OTHER" || Shown("nationality") == nationality
            ? (Shown("villageCode") is null || Shown("villageCode") == village) && (Shown("rw") is null || Shown("rw") == rw.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : false;
    }

    /// <summary>The designation of a record in today's export that could be one of the five.</summary>
    private static async Task<string> RecordOfTheFiveAsync(HttpClient partner, string nationality = "KOR", int rw = 2) =>
        (await AllPermitsAsync(partner)).First(r => CouldBe(r, nationality, People.KaretKuningan, rw)).GetProperty("record").GetString()!;

    [Fact]
    public async Task A_partner_sees_de_identified_permits_of_their_kecamatan_only()
    {
        var (group, elsewhere) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var items = await AllPermitsAsync(partner);
        Assert.True(items.Count(r => CouldBe(r, "KOR", People.KaretKuningan, 2)) >= 5);
        Assert.All(items, r => Assert.True(r.GetProperty("villageCode").ValueKind == JsonValueKind.Null
            || r.GetProperty("villageCode").GetString()!.StartsWith(Setiabudi + ".", StringComparison.Ordinal)));
        var inKecamatan = await app.WithDbAsync(db => db.Foreigners.IgnoreQueryFilters().CountAsync(f => f.DistrictCode == Setiabudi && f.Status == ResidentStatus.Active));
        Assert.True(items.Count <= inKecamatan);
        foreach (var property in items[0].EnumerateObject())
            Assert.DoesNotContain(property.Name.ToLowerInvariant(), IdentifyingWords);
        // The records' designations are random (base64url) and can spell a name ("…mParke9…"): set aside before looking.
        var raw = System.Text.RegularExpressions.Regex.Replace(
            await partner.GetStringAsync($"/api/partner/permits?district={Setiabudi}&pageSize=500"), "\"record\":\"[^\"]*\"", "\"record\":\"\"");
        Assert.DoesNotContain("Park", raw);
        Assert.DoesNotContain("Tanaka", raw);
        foreach (var person in group.Append(elsewhere))
        {
            Assert.DoesNotContain(person.GetProperty("passports")[0].GetProperty("number").GetString()!, raw);
            Assert.DoesNotContain(person.GetProperty("permits")[0].GetProperty("number").GetString()!, raw);
            Assert.DoesNotContain(PermitOf(person), raw); // no registry id, stable or not
            Assert.DoesNotContain(person.GetProperty("id").GetString()!, raw);
        }
    }

    [Fact]
    public async Task Counts_and_the_csv_export_hold_the_same_records()
    {
        await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var counts = await partner.GetJsonAsync($"/api/partner/counts?district={Setiabudi}");
        Assert.Equal(counts.GetProperty("total").ValueKind == JsonValueKind.Null ? "<5" : counts.GetProperty("total").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            counts.GetProperty("totalDisplay").GetString());
        Assert.Contains(counts.GetProperty("byVillage").EnumerateArray(), v => v.GetProperty("key").GetString() == People.KaretKuningan && v.GetProperty("name").GetString() == "Karet Kuningan");
        Assert.All(counts.GetProperty("byNationality").EnumerateArray().Concat(counts.GetProperty("byVillage").EnumerateArray()),
            c => Assert.True(c.GetProperty("count").ValueKind == JsonValueKind.Null ? c.GetProperty("display").GetString() == "<5" : c.GetProperty("count").GetInt32() % 5 == 0));

        var released = (await partner.GetJsonAsync($"/api/partner/permits?district={Setiabudi}&pageSize=500")).GetProperty("total").GetInt32();
        var csv = await partner.GetAsync($"/api/partner/permits.csv?district={Setiabudi}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("record,nationality,permit_type,purpose,valid_from,valid_until,status,village_code,village_name,rw", lines[0].TrimEnd('\r'));
        Assert.Equal(released + 1, lines.Length);
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
        var (group, _) = await PeopleAsync("THA", 6);
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var filed = await partner.PostAsJsonAsync("/api/partner/access-requests", new { record = await RecordOfTheFiveAsync(partner, "THA", 6), reason = "Laporan pencurian, perlu identitas saksi" });
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
        var personId = pending.GetProperty("foreignerId").GetString()!; // the head may open the record
        Assert.Equal(JsonValueKind.Null, request.GetProperty("foreignerId").ValueKind); // the partner may not, nor learn the permit's id
        Assert.Equal(JsonValueKind.Null, request.GetProperty("recordId").ValueKind);
        var inDistrict = group.Single(p => p.GetProperty("id").GetString() == personId); // the designated record is one of the five
        var approved = await head.PostAsJsonAsync($"/api/access-requests/{id}/approve", new { hours = 2, note = "Sesuai surat Polsek" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync($"/api/access-requests/{id}/deny", new { note = "terlambat" })).StatusCode);

        var person = await partner.GetJsonAsync($"/api/partner/access-requests/{id}/person");
        Assert.Equal("Park Ji-ho", person.GetProperty("fullName").GetString());
        Assert.Equal(inDistrict.GetProperty("passports")[0].GetProperty("number").GetString(), person.GetProperty("passportNumbers")[0].GetString());
        Assert.Equal(People.KaretKuningan, person.GetProperty("villageCode").GetString());
        Assert.Equal("Karet Kuningan, Kec. Setiabudi, Kota Administrasi Jakarta Selatan", person.GetProperty("place").GetString());
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
        var actions = (await admin.GetJsonAsync($"/api/audit?record={personId}")).GetProperty("items")
            .EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("access-request", "polsek.setiabudi@pantau.test"), actions);
        Assert.Contains(("access-approved", "kepala.jaksel@pantau.test"), actions);
        Assert.Contains(("read", "polsek.setiabudi@pantau.test"), actions);
    }

    [Fact]
    public async Task A_denied_request_opens_nothing()
    {
        await PeopleAsync("VNM", 7);
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var request = await (await partner.PostAsJsonAsync("/api/partner/access-requests", new { record = await RecordOfTheFiveAsync(partner, "VNM", 7), reason = "Ingin tahu saja siapa orangnya" }))
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
    public async Task A_request_for_a_record_outside_the_kecamatan_by_a_registry_id_another_partners_designation_or_without_reason_is_refused()
    {
        var (group, elsewhere) = await PeopleAsync();
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        // A registry id is no designation, whether the permit is inside the kecamatan or not.
        foreach (var person in new[] { group[0], elsewhere })
            Assert.Contains("record", (await (await partner.PostAsJsonAsync("/api/partner/access-requests", new { record = PermitOf(person), reason = "Laporan pencurian di wilayah kami" })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("reason", (await (await partner.PostAsJsonAsync("/api/partner/access-requests", new { record = await RecordOfTheFiveAsync(partner), reason = "" })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("record", (await (await partner.PostAsJsonAsync("/api/partner/access-requests", new { reason = "Laporan pencurian di wilayah kami" })).ProblemAsync(400)).ErrorFields());

        // Another partner of the same kecamatan cannot use this partner's designation.
        var admin = await app.LoginAsync("admin@pantau.test");
        var email = $"koramil-{Guid.NewGuid():N}@pantau.test";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts", new { email, fullName = "Koramil Setiabudi", password = "Rahasia#123",
            role = "Partner", officeId = (await admin.GetJsonAsync("/api/offices")).EnumerateArray().Single(o => o.GetProperty("code").GetString() == "KANIM-JAKSEL").GetProperty("id").GetInt32(),
            districtCodes = new[] { Setiabudi } })).StatusCode);
        var other = await app.LoginAsync(email, "Rahasia#123");
        Assert.Contains("record", (await (await other.PostAsJsonAsync("/api/partner/access-requests", new { record = await RecordOfTheFiveAsync(partner), reason = "Laporan pencurian di wilayah kami" })).ProblemAsync(400)).ErrorFields());
        // Another partner's request is not theirs to open.
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/access-requests/{Guid.NewGuid()}/person")).StatusCode);
    }
    [Fact]
    public async Task No_cell_of_the_partner_csv_starts_a_spreadsheet_formula()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        for (var i = 0; i < 5; i++)
        {
            var body = People.Registration(nationality: "CHN", village: People.KaretKuningan, rw: 4);
            ((Dictionary<string, object?>[])body["permits"]!)[0]["purpose"] = "=HYPERLINK(\"http://evil.example\",\"klik\")";
            await officer.RegisterAsync(body);
        }
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        var text = await partner.GetStringAsync($"/api/partner/permits.csv?district={Setiabudi}");
        using var csv = new CsvHelper.CsvParser(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        var cells = new List<string>();
        while (csv.Read()) cells.AddRange(csv.Record!);
        Assert.True(cells.Count > 10, text);
        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+-@\t\r".Contains(c[0]));
    }
}
