using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Access;

/// <summary>
/// Sessions (issue 12, point 4): the authenticator key is shown once; two-factor off and a new password need the
/// current password or a code; refresh tokens are single use; a token from before a security change stays refused.
/// </summary>
public sealed class SessionTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string Secret = "Rahasia#123";

    private async Task<(string Email, Guid Id)> NewOfficerAsync()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var offices = await admin.GetJsonAsync("/api/offices");
        var office = offices.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "KANIM-JAKSEL").GetProperty("id").GetInt32();
        var email = $"sesi-{Guid.NewGuid():N}@pantau.test";
        var created = await admin.PostAsJsonAsync("/api/accounts", new { email, fullName = "Petugas Sesi", password = Secret, role = "Officer", officeId = office });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (email, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private async Task<JsonElement> TokensAsync(string email, string password = Secret, string? code = null)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode = code });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private HttpClient With(JsonElement tokens)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    private Task<HttpResponseMessage> RefreshAsync(JsonElement tokens) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

    /// <summary>Enrols an authenticator for the signed-in account and returns its key.</summary>
    private static async Task<string> EnrolAsync(HttpClient client)
    {
        var setup = await client.PostAsync("/api/auth/2fa/setup", null);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var key = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        var on = await client.PostAsJsonAsync("/api/auth/2fa", new { enable = true, code = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        return key;
    }

    [Fact]
    public async Task The_authenticator_key_is_shown_once_when_it_is_made_and_never_read_back()
    {
        var (email, _) = await NewOfficerAsync();
        var officer = With(await TokensAsync(email));
        var key = await EnrolAsync(officer);

        var signedIn = With(await TokensAsync(email, code: Totp.Code(key, DateTimeOffset.UtcNow)));
        var status = await signedIn.GetJsonAsync("/api/auth/2fa");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain(key, status.ToString());
        Assert.False(status.TryGetProperty("sharedKey", out _));
        // No second look by making it again while it is on.
        var again = await signedIn.PostAsync("/api/auth/2fa/setup", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.DoesNotContain(key, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_factor_is_turned_off_only_with_the_password_or_a_code_and_that_ends_older_tokens()
    {
        var (email, _) = await NewOfficerAsync();
        var key = await EnrolAsync(With(await TokensAsync(email)));
        var tokens = await TokensAsync(email, code: Totp.Code(key, DateTimeOffset.UtcNow));
        var officer = With(tokens);

        Assert.Contains("password", (await (await officer.PostAsJsonAsync("/api/auth/2fa", new { enable = false })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("password", (await (await officer.PostAsJsonAsync("/api/auth/2fa", new { enable = false, password = "Salah#123" }))
            .ProblemAsync(400)).ErrorFields());
        Assert.True((await officer.GetJsonAsync("/api/auth/2fa")).GetProperty("enabled").GetBoolean());

        var off = await officer.PostAsJsonAsync("/api/auth/2fa", new { enable = false, code = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        // Two-factor off is a security change: the tokens from before it are refused, refresh included.
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        await TokensAsync(email); // the password alone signs in now
    }

    [Fact]
    public async Task A_new_password_needs_the_current_one_and_ends_every_older_token()
    {
        var (email, _) = await NewOfficerAsync();
        var tokens = await TokensAsync(email);
        var officer = With(tokens);

        Assert.Contains("currentPassword", (await (await officer.PostAsJsonAsync("/api/auth/password", new { newPassword = "Baru#54321" }))
            .ProblemAsync(400)).ErrorFields());
        Assert.Contains("currentPassword", (await (await officer.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = "Salah#123", newPassword = "Baru#54321" })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("newPassword", (await (await officer.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = Secret, newPassword = "short" })).ProblemAsync(400)).ErrorFields());

        var changed = await officer.PostAsJsonAsync("/api/auth/password", new { currentPassword = Secret, newPassword = "Baru#54321" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = Secret })).StatusCode);
        await TokensAsync(email, "Baru#54321");
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_a_reused_one_revokes_its_family()
    {
        var (email, _) = await NewOfficerAsync();
        var first = await TokensAsync(email);

        var second = await RefreshAsync(first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var secondTokens = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await With(secondTokens).GetAsync("/api/auth/me")).StatusCode);

        // The first refresh token again: someone holds a copy. Refused, and every token descended from that login ends.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(secondTokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(secondTokens).GetAsync("/api/auth/me")).StatusCode);
        await TokensAsync(email); // the owner signs in again
    }

    [Fact]
    public async Task A_token_from_before_a_disable_stays_refused_after_the_account_is_enabled_again()
    {
        var (email, id) = await NewOfficerAsync();
        var tokens = await TokensAsync(email);
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/accounts/{id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/accounts/{id}/enable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await With(tokens).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await With(await TokensAsync(email)).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_from_before_a_change_of_role_or_password_reset_is_refused()
    {
        var (email, id) = await NewOfficerAsync();
        var admin = await app.LoginAsync("admin@pantau.test");
        var beforeRescope = await TokensAsync(email);
        var offices = await admin.GetJsonAsync("/api/offices");
        var tangerang = offices.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "KANIM-TANGERANG").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{id}/scope", new { role = "Officer", officeId = tangerang })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(beforeRescope).GetAsync("/api/auth/me")).StatusCode);

        var beforeReset = await TokensAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/accounts/{id}/password", new { password = "Atur#Ulang1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(beforeReset).GetAsync("/api/auth/me")).StatusCode);
        await TokensAsync(email, "Atur#Ulang1");
    }

    [Fact]
    public async Task A_token_that_did_not_pass_two_factor_is_refused_for_an_account_that_has_it()
    {
        var (email, id) = await NewOfficerAsync();
        await EnrolAsync(With(await TokensAsync(email)));

        // A token as the bearer handler makes it, with the account's current security stamp (readable by whoever reads
        // the database) but minted without the code: the account has two-factor on, so it is refused.
        var stamp = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).SecurityStamp!));
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, email),
            new Claim("AspNet.Identity.SecurityStamp", stamp), new Claim("amr", "pwd"),
        ], IdentityConstants.BearerScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, $"{IdentityConstants.BearerScheme}:AccessToken");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerTokenProtector.Protect(ticket));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }
}
