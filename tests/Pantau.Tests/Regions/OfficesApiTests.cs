using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Regions;

public sealed class OfficesApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task The_demo_offices_hold_their_jurisdictions()
    {
        var client = await app.LoginAsync("petugas.jaksel@pantau.test");
        var offices = (await client.GetJsonAsync("/api/offices")).EnumerateArray().ToDictionary(o => o.GetProperty("code").GetString()!);
        Assert.Equal(["31.74"], offices["KANIM-JAKSEL"].GetProperty("regencyCodes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["36.03", "36.71"], offices["KANIM-TANGERANG"].GetProperty("regencyCodes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["36.74"], offices["KANIM-TANGSEL"].GetProperty("regencyCodes").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_national_admin_opens_an_office_and_moves_a_regency_into_it_and_its_staff_see_it_at_once()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var response = await admin.PostAsJsonAsync("/api/offices", new { code = "KANIM-BOGOR", name = "Kantor Imigrasi Bogor", provinceCode = "32", regencyCodes = new[] { "32.01", "32.71" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var office = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = office.GetProperty("id").GetInt32();

        var person = await admin.RegisterAsync(People.Registration(village: "32.71.01.1001"));
        var email = $"petugas-{Guid.NewGuid():N}@pantau.test";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts", new { email, fullName = "Petugas Bogor", password = "Rahasia#123", role = "Officer", officeId = id })).StatusCode);
        var officer = await app.LoginAsync(email, "Rahasia#123");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/foreigners/{person.GetProperty("id")}")).StatusCode);

        var shrink = await admin.PutAsJsonAsync($"/api/offices/{id}", new { name = "Kantor Imigrasi Kabupaten Bogor", provinceCode = "32", regencyCodes = new[] { "32.01" } });
        Assert.Equal(HttpStatusCode.OK, shrink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/foreigners/{person.GetProperty("id")}")).StatusCode);
    }

    [Fact]
    public async Task A_regency_belongs_to_one_office_only()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var response = await admin.PostAsJsonAsync("/api/offices", new { code = "KANIM-DUP", name = "Duplikat", provinceCode = "36", regencyCodes = new[] { "36.71" } });
        Assert.Contains("regencyCodes[0]", (await response.ProblemAsync(400)).ErrorFields());
    }

    [Theory]
    [InlineData("""{"code":"","name":"X","provinceCode":"32","regencyCodes":["32.02"]}""", "code")]
    [InlineData("""{"code":"K1","name":"","provinceCode":"32","regencyCodes":["32.02"]}""", "name")]
    [InlineData("""{"code":"K2","name":"X","provinceCode":"99","regencyCodes":["32.02"]}""", "provinceCode")]
    [InlineData("""{"code":"K3","name":"X","provinceCode":"32","regencyCodes":[]}""", "regencyCodes")]
    [InlineData("""{"code":"K4","name":"X","provinceCode":"32","regencyCodes":["32.02.01"]}""", "regencyCodes[0]")]
    [InlineData("""{"code":"K5","name":"X","provinceCode":"32","regencyCodes":["32.99"]}""", "regencyCodes[0]")]
    public async Task A_bad_office_is_a_400_naming_the_field(string body, string field)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var response = await admin.PostAsync("/api/offices", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(field, (await response.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task An_unknown_office_is_404()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/offices/9999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/offices/9999", new { name = "X", provinceCode = "32", regencyCodes = new[] { "32.05" } })).StatusCode);
    }

    [Fact]
    public async Task The_service_describes_itself_and_reports_liveness()
    {
        var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var openapi = await client.GetJsonAsync("/openapi/v1.json");
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/foreigners", paths);
        Assert.Contains("/api/regions/{code}/children", paths);
        Assert.Contains("/api/audit/verify", paths);
    }
}
