using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Registry;

public sealed class RegistryApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private Task<HttpClient> Officer() => app.LoginAsync("petugas.jaksel@pantau.test");

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query) =>
        (await client.GetJsonAsync($"/api/foreigners?{query}&pageSize=100")).GetProperty("items").EnumerateArray().Select(Id).ToList();

    [Fact]
    public async Task A_registered_foreigner_reads_back_with_passport_permit_and_address()
    {
        var client = await Officer();
        var created = await client.RegisterAsync(People.Registration(name: "  Li   Na ", passport: "e1234567k".ToUpperInvariant()));
        var read = await client.GetJsonAsync($"/api/foreigners/{Id(created)}");
        Assert.Equal("Li Na", read.GetProperty("fullName").GetString());
        Assert.Equal("CHN", read.GetProperty("nationality").GetString());
        Assert.Equal("Active", read.GetProperty("status").GetString());
        Assert.Equal("E1234567K", read.GetProperty("passports")[0].GetProperty("number").GetString());
        var permit = read.GetProperty("currentPermit");
        Assert.Equal("ITAS", permit.GetProperty("type").GetString());
        Assert.Equal("Valid", permit.GetProperty("status").GetString());
        Assert.Equal("PT Maju Jaya", permit.GetProperty("sponsor").GetString());
        var address = read.GetProperty("address");
        Assert.Equal("Setia Budi", address.GetProperty("villageName").GetString());
        Assert.Equal("Setiabudi", address.GetProperty("districtName").GetString());
        Assert.Equal(1, address.GetProperty("rw").GetInt32());
    }

    [Fact]
    public async Task Name_search_ignores_case_spacing_diacritics_and_word_order()
    {
        var client = await Officer();
        var unique = $"Zyx{Guid.NewGuid().ToString("N")[..6]}";
        var nguyen = Id(await client.RegisterAsync(People.Registration(name: $"Nguyễn Văn {unique}", nationality: "VNM")));
        var other = Id(await client.RegisterAsync(People.Registration(name: $"Tran Thi {unique}", nationality: "VNM")));

        foreach (var q in new[] { $"nguyen van {unique}", $"NGUYEN   {unique.ToUpperInvariant()}", $"{unique} nguyễn", $"van {unique[..5]}" })
        {
            var ids = await IdsAsync(client, $"query={Uri.EscapeDataString(q)}");
            Assert.Equal([nguyen], ids);
        }
        Assert.Equal(new[] { nguyen, other }.Order(), (await IdsAsync(client, $"query={unique}")).Order());
    }

    [Fact]
    public async Task Passport_and_permit_numbers_are_found_whatever_the_spacing_and_case()
    {
        var client = await Officer();
        var passport = People.NextPassport();
        var id = Id(await client.RegisterAsync(People.Registration(passport: passport, permitNumber: "2C11AB1234567")));
        Assert.Equal([id], await IdsAsync(client, $"query={Uri.EscapeDataString(passport.ToLowerInvariant().Insert(3, " "))}"));
        Assert.Equal([id], await IdsAsync(client, "query=2c11ab1234567"));
    }

    [Fact]
    public async Task Search_filters_by_region_at_every_level_nationality_permit_type_and_expiry()
    {
        var client = await Officer();
        var tag = $"Qq{Guid.NewGuid().ToString("N")[..6]}";
        var jpn = Id(await client.RegisterAsync(People.Registration(name: $"Sato {tag}", nationality: "JPN", village: People.SetiaBudi, permitType: "ITAP", permitExpiry: "2030-01-01")));
        var kor = Id(await client.RegisterAsync(People.Registration(name: $"Kim {tag}", nationality: "KOR", village: People.KaretKuningan, permitType: "ITK", permitExpiry: "2026-12-10")));
        var inMenteng = Id(await client.RegisterAsync(People.Registration(name: $"Lee {tag}", nationality: "KOR", village: "31.74.01.1001", permitExpiry: "2027-01-01")));

        Assert.Equal(new[] { jpn, kor }.Order(), (await IdsAsync(client, $"query={tag}&region=31.74.02")).Order());
        Assert.Equal([jpn], await IdsAsync(client, $"query={tag}&region=31.74.02.1001"));
        Assert.Equal(3, (await IdsAsync(client, $"query={tag}&region=31.74")).Count);
        Assert.Equal(3, (await IdsAsync(client, $"query={tag}&region=31")).Count);
        Assert.Equal(new[] { kor, inMenteng }.Order(), (await IdsAsync(client, $"query={tag}&nationality=kor")).Order());
        Assert.Equal([jpn], await IdsAsync(client, $"query={tag}&permitType=ITAP"));
        Assert.Equal([kor], await IdsAsync(client, $"query={tag}&expiringBefore=2026-12-31"));
        Assert.Empty(await IdsAsync(client, $"query={tag}&region=36"));
    }

    [Fact]
    public async Task Results_come_in_pages_with_a_total()
    {
        var client = await Officer();
        var tag = $"Pg{Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 0; i < 5; i++) await client.RegisterAsync(People.Registration(name: $"Person{i} {tag}"));
        var first = await client.GetJsonAsync($"/api/foreigners?query={tag}&page=1&pageSize=2");
        var third = await client.GetJsonAsync($"/api/foreigners?query={tag}&page=3&pageSize=2");
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, third.GetProperty("items").GetArrayLength());
        Assert.Equal(5, third.GetProperty("total").GetInt32()); // the last page, not full: the total without a count
        Assert.Equal("Person0 " + tag, first.GetProperty("items")[0].GetProperty("fullName").GetString());
        var beyond = await client.GetJsonAsync($"/api/foreigners?query={tag}&page=4&pageSize=2");
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(5, beyond.GetProperty("total").GetInt32());
        var exact = await client.GetJsonAsync($"/api/foreigners?query={tag}&page=1&pageSize=5");
        Assert.Equal(5, exact.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("fullName", null)]
    [InlineData("nationality", "XYZ")]
    [InlineData("nationality", "CN")]
    [InlineData("dateOfBirth", "2099-01-01")]
    [InlineData("passports[0].number", "AB-12345")]
    [InlineData("passports[0].number", "ABCDEFGHIJK")]
    [InlineData("passports[0].issuingState", "ZZZ")]
    [InlineData("permits[0].expiryDate", "2025-01-01")]
    [InlineData("address.villageCode", "31.74.02.9999")]
    [InlineData("address.villageCode", "31.74.02")]
    [InlineData("address.rw", 0)]
    [InlineData("address.rt", 1000)]
    [InlineData("address.since", "2099-01-01")]
    public async Task Every_invalid_field_is_a_400_naming_it_and_nothing_is_written(string field, object? value)
    {
        var client = await Officer();
        var body = People.Registration(name: $"Invalid {Guid.NewGuid():N}");
        Set(body, field, value);
        var problem = await (await client.PostAsJsonAsync("/api/foreigners", body)).ProblemAsync(400);
        Assert.Contains(field, problem.ErrorFields());
        var name = (string)body["fullName"]!;
        if (field != "fullName")
            Assert.Equal(0, (await client.GetJsonAsync($"/api/foreigners?query={Uri.EscapeDataString(name)}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_json_of_the_right_shape_is_a_400_naming_the_field()
    {
        var client = await Officer();
        var response = await client.PostAsync("/api/foreigners",
            new StringContent("""{"fullName":"A","dateOfBirth":"not a date"}""", System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(400);
        Assert.Contains("dateOfBirth", problem.ErrorFields());
    }

    [Fact]
    public async Task A_passport_already_registered_to_another_person_is_refused()
    {
        var client = await Officer();
        var passport = People.NextPassport();
        await client.RegisterAsync(People.Registration(passport: passport));
        var problem = await (await client.PostAsJsonAsync("/api/foreigners", People.Registration(passport: passport))).ProblemAsync(400);
        Assert.Contains("passports[0].number", problem.ErrorFields());
    }

    [Fact]
    public async Task Moving_keeps_the_old_address_in_the_history()
    {
        var client = await Officer();
        var created = await client.RegisterAsync(People.Registration());
        var body = People.Registration(passport: created.GetProperty("passports")[0].GetProperty("number").GetString());
        ((Dictionary<string, object?>[])body["permits"]!)[0]["number"] = created.GetProperty("permits")[0].GetProperty("number").GetString();
        body["address"] = new Dictionary<string, object?> { ["villageCode"] = People.KaretKuningan, ["rw"] = 4, ["rt"] = 7, ["since"] = "2026-03-01" };
        body["status"] = "Active";
        var response = await client.PutAsJsonAsync($"/api/foreigners/{Id(created)}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await client.GetJsonAsync($"/api/foreigners/{Id(created)}");
        Assert.Equal(People.KaretKuningan, read.GetProperty("address").GetProperty("villageCode").GetString());
        var history = read.GetProperty("addressHistory").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("2026-02-28", history[1].GetProperty("until").GetString());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Two_officers_updating_the_same_version_one_wins_and_the_other_gets_409()
    {
        var client = await Officer();
        var created = await client.RegisterAsync(People.Registration());
        var body = People.Registration(passport: created.GetProperty("passports")[0].GetProperty("number").GetString());
        ((Dictionary<string, object?>[])body["permits"]!)[0]["number"] = created.GetProperty("permits")[0].GetProperty("number").GetString();
        body["version"] = 0;
        body["status"] = "Departed";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/foreigners/{Id(created)}", body)).StatusCode);
        body["status"] = "Deported";
        await (await client.PutAsJsonAsync($"/api/foreigners/{Id(created)}", body)).ProblemAsync(409);
        Assert.Equal("Departed", (await client.GetJsonAsync($"/api/foreigners/{Id(created)}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_officer_cannot_register_someone_outside_the_jurisdiction()
    {
        var client = await Officer();
        var problem = await (await client.PostAsJsonAsync("/api/foreigners", People.Registration(village: People.TangerangVillage))).ProblemAsync(400);
        Assert.Contains("address.villageCode", problem.ErrorFields());
    }

    private static void Set(Dictionary<string, object?> body, string path, object? value)
    {
        var parts = path.Split('.');
        object current = body;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var index = part.EndsWith(']') ? int.Parse(part[(part.IndexOf('[') + 1)..^1]) : -1;
            var key = index >= 0 ? part[..part.IndexOf('[')] : part;
            var dict = (Dictionary<string, object?>)current;
            if (i == parts.Length - 1) { dict[key] = value; return; }
            current = index >= 0 ? ((Dictionary<string, object?>[])dict[key]!)[index] : dict[key]!;
        }
    }
}
