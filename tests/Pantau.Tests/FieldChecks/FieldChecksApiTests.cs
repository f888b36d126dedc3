using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.FieldChecks;

public sealed class FieldChecksApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private static async Task<JsonElement> CheckAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/field-checks", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json;
    }

    [Fact]
    public async Task A_passport_number_from_a_photocopy_finds_the_permit_address_and_sponsor()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var passport = People.NextPassport();
        var person = await officer.RegisterAsync(People.Registration(passport: passport, permitExpiry: DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd")));

        var answer = await CheckAsync(officer, new { passportNumber = passport.ToLowerInvariant(), purpose = "patroli rutin", latitude = -6.2146, longitude = 106.8311 });
        Assert.True(answer.GetProperty("registered").GetBoolean());
        var f = answer.GetProperty("foreigner");
        Assert.Equal(person.GetProperty("id").GetString(), f.GetProperty("id").GetString());
        Assert.Equal("Expiring", f.GetProperty("permit").GetProperty("status").GetString());
        Assert.Equal("PT Maju Jaya", f.GetProperty("permit").GetProperty("sponsor").GetString());
        Assert.Equal("Setia Budi", f.GetProperty("address").GetProperty("villageName").GetString());
        Assert.Equal("Kantor Imigrasi Jakarta Selatan", f.GetProperty("heldBy").GetProperty("name").GetString());
        Assert.True(f.GetProperty("inYourJurisdiction").GetBoolean());

        var withNationality = await CheckAsync(officer, new { passportNumber = passport, nationality = "CHN", purpose = "patroli" });
        Assert.True(withNationality.GetProperty("registered").GetBoolean());
        var wrongNationality = await CheckAsync(officer, new { passportNumber = passport, nationality = "JPN", purpose = "patroli" });
        Assert.False(wrongNationality.GetProperty("registered").GetBoolean());
    }

    [Fact]
    public async Task A_person_held_by_another_office_is_found_and_the_answer_names_that_office()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var person = await admin.RegisterAsync(People.Registration(village: People.TangerangVillage, permitNumber: $"KITAS{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}"));
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/foreigners/{person.GetProperty("id")}")).StatusCode);

        var answer = await CheckAsync(officer, new { permitNumber = person.GetProperty("permits")[0].GetProperty("number").GetString(), purpose = "razia gabungan" });
        var f = answer.GetProperty("foreigner");
        Assert.Equal("Kantor Imigrasi Tangerang", f.GetProperty("heldBy").GetProperty("name").GetString());
        Assert.False(f.GetProperty("inYourJurisdiction").GetBoolean());
    }

    [Fact]
    public async Task The_holding_office_is_named_as_it_is_now_after_the_office_is_renamed_or_gives_up_the_regency()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var created = await admin.PostAsJsonAsync("/api/offices", new { code = $"KANIM-{Guid.NewGuid().ToString("N")[..6]}", name = "Kantor Imigrasi Semarang", provinceCode = "33", regencyCodes = new[] { "33.74" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var office = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var passport = People.NextPassport();
        await admin.RegisterAsync(People.Registration(passport: passport, village: "33.74.01.1001"));
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");

        var before = (await CheckAsync(officer, new { passportNumber = passport, purpose = "patroli" })).GetProperty("foreigner");
        Assert.Equal("Kantor Imigrasi Semarang", before.GetProperty("heldBy").GetProperty("name").GetString());
        Assert.Equal("Miroto", before.GetProperty("address").GetProperty("villageName").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/offices/{office}", new { name = "Kantor Imigrasi Kelas I Semarang", provinceCode = "33", regencyCodes = new[] { "33.74" } })).StatusCode);
        var renamed = (await CheckAsync(officer, new { passportNumber = passport, purpose = "patroli" })).GetProperty("foreigner");
        Assert.Equal("Kantor Imigrasi Kelas I Semarang", renamed.GetProperty("heldBy").GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/offices/{office}", new { name = "Kantor Imigrasi Kelas I Semarang", provinceCode = "33", regencyCodes = new[] { "33.22" } })).StatusCode);
        var givenUp = (await CheckAsync(officer, new { passportNumber = passport, purpose = "patroli" })).GetProperty("foreigner");
        Assert.Equal(JsonValueKind.Null, givenUp.GetProperty("heldBy").ValueKind);
    }

    [Fact]
    public async Task A_name_with_nationality_and_birth_date_matches_in_any_order_and_lists_every_candidate()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var tag = $"Kw{Guid.NewGuid().ToString("N")[..6]}";
        var one = await officer.RegisterAsync(People.Registration(name: $"Nguyễn Văn {tag}", nationality: "VNM", dateOfBirth: "1990-02-03"));
        var two = await officer.RegisterAsync(People.Registration(name: $"Nguyen Van {tag}", nationality: "VNM", dateOfBirth: "1990-02-03", village: People.KaretKuningan));
        await officer.RegisterAsync(People.Registration(name: $"Nguyen Van {tag}", nationality: "VNM", dateOfBirth: "1991-02-03"));

        var answer = await CheckAsync(officer, new { fullName = $"{tag.ToUpperInvariant()}  van nguyen", nationality = "vnm", dateOfBirth = "1990-02-03", purpose = "cek identitas" });
        Assert.True(answer.GetProperty("registered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("foreigner").ValueKind);
        Assert.Equal(new[] { one.GetProperty("id").GetString(), two.GetProperty("id").GetString() }.Order(),
            answer.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task Someone_not_in_the_registry_is_answered_as_not_registered()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var answer = await CheckAsync(officer, new { passportNumber = "ZZ9999999", purpose = "patroli" });
        Assert.False(answer.GetProperty("registered").GetBoolean());
        Assert.Empty(answer.GetProperty("candidates").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"passportNumber":"E1234567"}""", "purpose")]
    [InlineData("""{"purpose":"x"}""", "passportNumber")]
    [InlineData("""{"passportNumber":"E-12","purpose":"x"}""", "passportNumber")]
    [InlineData("""{"fullName":"Wang Wei","purpose":"x","nationality":"CHN"}""", "dateOfBirth")]
    [InlineData("""{"fullName":"Wang Wei","purpose":"x","dateOfBirth":"1980-01-01"}""", "nationality")]
    [InlineData("""{"passportNumber":"E1234567","purpose":"x","nationality":"XX"}""", "nationality")]
    [InlineData("""{"passportNumber":"E1234567","purpose":"x","latitude":91,"longitude":10}""", "latitude")]
    [InlineData("""{"passportNumber":"E1234567","purpose":"x","latitude":-6.2}""", "longitude")]
    public async Task A_bad_check_is_a_400_naming_the_field(string body, string field)
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var response = await officer.PostAsync("/api/field-checks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(field, (await response.ProblemAsync(400)).ErrorFields());
    }

    [Theory]
    [InlineData("polsek.setiabudi")]
    [InlineData("rt.setiabudi")]
    [InlineData("admin.tangerang")]
    [InlineData("kanwil.banten")]
    public async Task Only_immigration_field_staff_run_checks(string account)
    {
        var client = await app.LoginAsync($"{account}@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/field-checks", new { passportNumber = "E1234567", purpose = "x" })).StatusCode);
    }

    [Fact]
    public async Task The_check_its_position_and_its_answer_are_audited()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var passport = People.NextPassport();
        var person = await officer.RegisterAsync(People.Registration(passport: passport));
        var answer = await CheckAsync(officer, new { passportNumber = passport, purpose = "laporan warga 42", latitude = -6.21, longitude = 106.83 });
        var here = await app.CreateClient().GetJsonAsync("/api/places/at?lat=-6.21&lng=106.83");
        Assert.Equal(here.GetProperty("label").GetString(), answer.GetProperty("place").GetString());
        var admin = await app.LoginAsync("admin@pantau.test");
        var entry = (await admin.GetJsonAsync($"/api/audit?record={person.GetProperty("id").GetString()}")).GetProperty("items")
            .EnumerateArray().First(e => e.GetProperty("action").GetString() == "field-check");
        var purpose = entry.GetProperty("purpose").GetString()!;
        Assert.Contains("laporan warga 42", purpose);
        Assert.Contains(passport, purpose);
        Assert.Contains("-6.21000,106.83000", purpose);
        Assert.Contains(here.GetProperty("code").GetString()!, purpose);
        Assert.Equal("petugas.jaksel@pantau.test", entry.GetProperty("actor").GetString());

        var check = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.FieldChecks, c => c.Query == $"passport={passport}"));
        Assert.True(check.Registered);
        Assert.Equal(person.GetProperty("id").GetString(), check.ForeignerIds);
        Assert.Equal(-6.21, check.Latitude);
        Assert.Equal(here.GetProperty("code").GetString(), check.VillageCode);
    }
}
