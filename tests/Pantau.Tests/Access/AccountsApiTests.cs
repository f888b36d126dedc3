using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Access;

public sealed class AccountsApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@pantau.test";

    private async Task<int> OfficeIdAsync(string code)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        return (await admin.GetJsonAsync("/api/offices")).EnumerateArray().Single(o => o.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/accounts", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json;
    }

    [Fact]
    public async Task The_national_admin_creates_an_officer_who_can_log_in_and_search_the_office()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var email = NewEmail();
        await CreateAsync(admin, new { email, fullName = "Petugas Baru", password = "Rahasia#123", role = "Officer", officeId = await OfficeIdAsync("KANIM-TANGERANG") });
        var officer = await app.LoginAsync(email, "Rahasia#123");
        var me = await officer.GetJsonAsync("/api/auth/me");
        Assert.Equal("Officer", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/foreigners")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_token_at_once_and_cannot_log_in()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var email = NewEmail();
        var account = await CreateAsync(admin, new { email, fullName = "Akan Dinonaktifkan", password = "Rahasia#123", role = "Officer", officeId = await OfficeIdAsync("KANIM-JAKSEL") });
        var officer = await app.LoginAsync(email, "Rahasia#123");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/foreigners")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/accounts/{account.GetProperty("id")}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/foreigners")).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "Rahasia#123" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/accounts/{account.GetProperty("id")}/enable", null)).StatusCode);
        await app.LoginAsync(email, "Rahasia#123");
    }

    [Fact]
    public async Task Rescoping_an_officer_to_another_office_changes_what_they_see_at_once()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var person = await admin.RegisterAsync(People.Registration(village: People.SetiaBudi));
        var email = NewEmail();
        var account = await CreateAsync(admin, new { email, fullName = "Pindah Kantor", password = "Rahasia#123", role = "Officer", officeId = await OfficeIdAsync("KANIM-JAKSEL") });
        var officer = await app.LoginAsync(email, "Rahasia#123");
        var url = $"/api/foreigners/{person.GetProperty("id")}";
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);

        var rescope = await admin.PutAsJsonAsync($"/api/accounts/{account.GetProperty("id")}/scope", new { role = "Officer", officeId = await OfficeIdAsync("KANIM-TANGERANG") });
        Assert.Equal(HttpStatusCode.OK, rescope.StatusCode);
        // The token from before the change is refused (issue 12); signed in again, the officer sees the new office's area.
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync(url)).StatusCode);
        officer = await app.LoginAsync(email, "Rahasia#123");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_office_admin_manages_only_the_office_and_cannot_hand_out_national_roles()
    {
        var officeAdmin = await app.LoginAsync("admin.tangerang@pantau.test");
        var tangerang = await OfficeIdAsync("KANIM-TANGERANG");
        var jaksel = await OfficeIdAsync("KANIM-JAKSEL");

        await CreateAsync(officeAdmin, new { email = NewEmail(), fullName = "Petugas TNG", password = "Rahasia#123", role = "Officer", officeId = tangerang });
        var other = await officeAdmin.PostAsJsonAsync("/api/accounts", new { email = NewEmail(), fullName = "X", password = "Rahasia#123", role = "Officer", officeId = jaksel });
        Assert.Contains("officeId", (await other.ProblemAsync(400)).ErrorFields());
        var national = await officeAdmin.PostAsJsonAsync("/api/accounts", new { email = NewEmail(), fullName = "X", password = "Rahasia#123", role = "NationalAdmin" });
        Assert.Contains("role", (await national.ProblemAsync(400)).ErrorFields());
        var partnerOutside = await officeAdmin.PostAsJsonAsync("/api/accounts", new { email = NewEmail(), fullName = "Polsek", password = "Rahasia#123", role = "Partner", officeId = tangerang, districtCodes = new[] { "31.74.02" } });
        Assert.Contains("districtCodes[0]", (await partnerOutside.ProblemAsync(400)).ErrorFields());

        // The Jakarta Selatan officer is not theirs: it does not exist for them.
        var admin = await app.LoginAsync("admin@pantau.test");
        var jakselOfficer = (await admin.GetJsonAsync("/api/accounts?query=petugas.jaksel")).EnumerateArray().Single();
        Assert.Equal(HttpStatusCode.NotFound, (await officeAdmin.GetAsync($"/api/accounts/{jakselOfficer.GetProperty("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officeAdmin.PostAsync($"/api/accounts/{jakselOfficer.GetProperty("id")}/disable", null)).StatusCode);
        Assert.All((await officeAdmin.GetJsonAsync("/api/accounts")).EnumerateArray(), a => Assert.Equal(tangerang, a.GetProperty("officeId").GetInt32()));
    }

    [Theory]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"Rahasia#123","role":"NeighbourhoodHead","villageCode":"31.74.02.1001","rw":0}""", "rw")]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"Rahasia#123","role":"NeighbourhoodHead","villageCode":"31.74.02.9999","rw":1}""", "villageCode")]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"Rahasia#123","role":"Partner","districtCodes":[]}""", "districtCodes")]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"Rahasia#123","role":"RegionalDivision","provinceCode":"99"}""", "provinceCode")]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"short","role":"NationalAdmin"}""", "password")]
    [InlineData("""{"email":"not-an-email","fullName":"X","password":"Rahasia#123","role":"NationalAdmin"}""", "email")]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"Rahasia#123","role":"Officer"}""", "officeId")]
    [InlineData("""{"email":"x@pantau.test","fullName":"X","password":"Rahasia#123","role":"Emperor"}""", "role")]
    public async Task A_bad_account_is_a_400_naming_the_field(string body, string field)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var response = await admin.PostAsync("/api/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(field, (await response.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var email = NewEmail();
        await CreateAsync(admin, new { email, fullName = "Lupa Sandi", password = "Rahasia#123", role = "Officer", officeId = await OfficeIdAsync("KANIM-JAKSEL") });
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "salah" })).StatusCode);
        var locked = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "Rahasia#123" });
        var problem = await locked.ProblemAsync(401);
        Assert.Contains("locked", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Staff_can_turn_on_an_authenticator_app_and_then_log_in_only_with_its_code()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var email = NewEmail();
        await CreateAsync(admin, new { email, fullName = "Dua Faktor", password = "Rahasia#123", role = "Officer", officeId = await OfficeIdAsync("KANIM-JAKSEL") });
        var officer = await app.LoginAsync(email, "Rahasia#123");
        var setup = await (await officer.PostAsync("/api/auth/2fa/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("authenticatorUri").GetString());

        Assert.Contains("code", (await (await officer.PostAsJsonAsync("/api/auth/2fa", new { enable = true, code = "000000" })).ProblemAsync(400)).ErrorFields());
        var enabled = await officer.PostAsJsonAsync("/api/auth/2fa", new { enable = true, code = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength());

        var anonymous = app.CreateClient();
        var withoutCode = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "Rahasia#123" })).ProblemAsync(401);
        Assert.True(withoutCode.GetProperty("requiresTwoFactor").GetBoolean());
        var withCode = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "Rahasia#123", twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal("Bearer", (await withCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tokenType").GetString());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token()
    {
        var anonymous = app.CreateClient();
        var login = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "petugas.jaksel@pantau.test", password = PantauApp.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(login.GetProperty("expiresIn").GetInt32() > 0);
        var refreshed = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "forged" })).StatusCode);
    }
}

/// <summary>Two instances on one database: a token one instance issues is accepted by the other.</summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task A_token_from_one_instance_works_on_another_instance_of_the_same_database()
    {
        using var first = new PantauApp();
        var token = (await first.LoginAsync("petugas.jaksel@pantau.test")).DefaultRequestHeaders.Authorization;
        Assert.True(await first.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataProtectionKeys)) >= 1,
            "the signing key is kept in the database, where every instance finds it");
        using var second = new SecondInstance(first.ConnectionString);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = token;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    private sealed class SecondInstance(string cs) : PantauApp(cs);
}
