using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Access;

/// <summary>
/// Accounts cannot raise themselves (issue 12, point 5; ADR 006): who may create, rescope and disable which role, as a
/// table of rows; and every account change is in the audit trail.
/// </summary>
public sealed class AccountRightsTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string NationalAdmin = "admin@pantau.test";
    private const string OfficeAdmin = "admin.tangerang@pantau.test";

    private async Task<int> OfficeIdAsync(string code) =>
        (await (await app.LoginAsync(NationalAdmin)).GetJsonAsync("/api/offices")).EnumerateArray()
            .Single(o => o.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();

    /// <summary>The body of an account of <paramref name="role"/> in Kanim Tangerang (or its area).</summary>
    private async Task<Dictionary<string, object?>> AccountOfAsync(string role)
    {
        var body = new Dictionary<string, object?>
        {
            ["email"] = $"hak-{Guid.NewGuid():N}@pantau.test", ["fullName"] = "Akun Uji", ["password"] = "Rahasia#123", ["role"] = role,
        };
        var tangerang = await OfficeIdAsync("KANIM-TANGERANG");
        switch (role)
        {
            case "OfficeHead" or "OfficeAdmin" or "Officer": body["officeId"] = tangerang; break;
            case "Partner": body["officeId"] = tangerang; body["districtCodes"] = new[] { "36.71.01" }; break;
            case "NeighbourhoodHead": body["officeId"] = tangerang; body["villageCode"] = People.TangerangVillage; body["rw"] = 2; break;
            case "RegionalDivision": body["provinceCode"] = "36"; break;
        }
        return body;
    }

    // Who creates which role: the national admin every staff role; an office admin only the roles below office head, in its office.
    [Theory]
    [InlineData(NationalAdmin, "NationalAdmin", 201)]
    [InlineData(NationalAdmin, "RegionalDivision", 201)]
    [InlineData(NationalAdmin, "OfficeHead", 201)]
    [InlineData(NationalAdmin, "OfficeAdmin", 201)]
    [InlineData(NationalAdmin, "Officer", 201)]
    [InlineData(NationalAdmin, "Partner", 201)]
    [InlineData(NationalAdmin, "NeighbourhoodHead", 201)]
    [InlineData(NationalAdmin, "Lodging", 400)]
    [InlineData(OfficeAdmin, "NationalAdmin", 400)]
    [InlineData(OfficeAdmin, "RegionalDivision", 400)]
    [InlineData(OfficeAdmin, "OfficeHead", 400)]
    [InlineData(OfficeAdmin, "OfficeAdmin", 400)]
    [InlineData(OfficeAdmin, "Officer", 201)]
    [InlineData(OfficeAdmin, "Partner", 201)]
    [InlineData(OfficeAdmin, "NeighbourhoodHead", 201)]
    [InlineData(OfficeAdmin, "Lodging", 400)]
    public async Task Who_creates_which_role(string admin, string role, int status)
    {
        var response = await (await app.LoginAsync(admin)).PostAsJsonAsync("/api/accounts", await AccountOfAsync(role));
        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400) Assert.Contains("role", (await response.ProblemAsync(400)).ErrorFields());
    }

    // Who rescopes (from and to) and disables which role: the same table; another's account is 404, as is one's own.
    [Theory]
    [InlineData(OfficeAdmin, "Officer", "Partner", 200)]
    [InlineData(OfficeAdmin, "Officer", "OfficeHead", 400)]
    [InlineData(OfficeAdmin, "Officer", "OfficeAdmin", 400)]
    [InlineData(OfficeAdmin, "OfficeHead", "Officer", 404)]
    [InlineData(OfficeAdmin, "OfficeAdmin", "Officer", 404)]
    [InlineData(NationalAdmin, "Officer", "OfficeHead", 200)]
    [InlineData(NationalAdmin, "OfficeHead", "Officer", 200)]
    public async Task Who_rescopes_which_role(string admin, string from, string to, int status)
    {
        var created = await (await app.LoginAsync(NationalAdmin)).PostAsJsonAsync("/api/accounts", await AccountOfAsync(from));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var target = await AccountOfAsync(to);
        target.Remove("email"); target.Remove("fullName"); target.Remove("password");
        var client = await app.LoginAsync(admin);
        Assert.Equal(status, (int)(await client.PutAsJsonAsync($"/api/accounts/{id}/scope", target)).StatusCode);
        // Disabling follows the same rows: what an admin may not rescope it may not disable either.
        var disable = await client.PostAsync($"/api/accounts/{id}/disable", null);
        Assert.Equal(status == 404 ? HttpStatusCode.NotFound : HttpStatusCode.OK, disable.StatusCode);
    }

    [Theory]
    [InlineData(NationalAdmin, "OfficeHead")]
    [InlineData(NationalAdmin, "NationalAdmin")]
    [InlineData(OfficeAdmin, "OfficeHead")]
    [InlineData(OfficeAdmin, "OfficeAdmin")]
    public async Task No_one_changes_their_own_role(string admin, string role)
    {
        var client = await app.LoginAsync(admin);
        var me = await client.GetJsonAsync("/api/auth/me");
        var target = await AccountOfAsync(role);
        target.Remove("email"); target.Remove("fullName"); target.Remove("password");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/accounts/{me.GetProperty("id")}/scope", target)).StatusCode);
        Assert.Equal(me.GetProperty("role").GetString(), (await client.GetJsonAsync("/api/auth/me")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Every_account_change_is_in_the_audit_trail()
    {
        var officeAdmin = await app.LoginAsync(OfficeAdmin);
        var body = await AccountOfAsync("Officer");
        var created = await officeAdmin.PostAsJsonAsync("/api/accounts", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var partner = await AccountOfAsync("Partner");
        partner.Remove("email"); partner.Remove("fullName"); partner.Remove("password");
        Assert.Equal(HttpStatusCode.OK, (await officeAdmin.PutAsJsonAsync($"/api/accounts/{id}/scope", partner)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officeAdmin.PostAsync($"/api/accounts/{id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officeAdmin.PostAsync($"/api/accounts/{id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officeAdmin.PostAsJsonAsync($"/api/accounts/{id}/password", new { password = "Atur#Ulang1" })).StatusCode);

        var owner = await app.LoginAsync((string)body["email"]!, "Atur#Ulang1");
        Assert.Equal(HttpStatusCode.NoContent,
            (await owner.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Atur#Ulang1", newPassword = "Milik#Sendiri1" })).StatusCode);
        owner = await app.LoginAsync((string)body["email"]!, "Milik#Sendiri1");
        var key = (await (await owner.PostAsync("/api/auth/2fa/setup", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/auth/2fa", new { enable = true, code = Totp.Code(key, DateTimeOffset.UtcNow) })).StatusCode);

        // The office head reads the office's trail: the changes to its staff are there, with who made them.
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var entries = (await head.GetJsonAsync($"/api/audit?record={id}&pageSize=50")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            ["two-factor-on", "password-change", "password-reset", "account-enable", "account-disable", "account-rescope", "account-create"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(OfficeAdmin, entries[^1].GetProperty("actor").GetString());
        Assert.Equal((string)body["email"]!, entries[0].GetProperty("actor").GetString());
        Assert.True((await (await app.LoginAsync(NationalAdmin)).GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean());
    }
}
