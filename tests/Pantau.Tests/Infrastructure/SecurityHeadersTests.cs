using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pantau.Tests.Infrastructure;

/// <summary>The headers every answer carries, on a real Kestrel connection (where a Server header would come from).</summary>
public sealed class SecurityHeadersTests(KestrelPantauApp app) : IClassFixture<KestrelPantauApp>
{
    public static TheoryData<string, string, HttpStatusCode> Answers => new()
    {
        { "GET", "/login", HttpStatusCode.OK },                           // a page
        { "GET", "/statistik", HttpStatusCode.OK },                       // a public page with a script
        { "GET", "/lapor", HttpStatusCode.OK },                           // the report form (asks for the position)
        { "GET", "/registry", HttpStatusCode.Redirect },                  // a staff page, to the login
        { "GET", "/api/public/stats?region=36", HttpStatusCode.OK },      // API JSON (output-cached)
        { "GET", "/api/foreigners", HttpStatusCode.Unauthorized },        // API refusal
        { "POST", "/api/reporters/otp", HttpStatusCode.BadRequest },      // a problem
        { "GET", "/css/site.css", HttpStatusCode.OK },                    // a static file
        { "GET", "/js/pantau.js", HttpStatusCode.OK },
        { "GET", "/sw.js", HttpStatusCode.OK },
        { "GET", "/no-such-page", HttpStatusCode.NotFound },              // a 404
        { "GET", "/open311/v2/services.json", HttpStatusCode.OK },
        { "GET", "/openapi/v1.json", HttpStatusCode.OK },
        { "GET", "/health", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string method, string path, HttpStatusCode status)
    {
        using var client = app.ClientWithoutRedirects();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { });
        using var response = await client.SendAsync(request);

        Assert.True(status == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        AssertSecurityHeaders(response, path == "/lapor" ? "geolocation=(self)" : "geolocation=()");
    }

    [Fact]
    public async Task A_cached_answer_carries_them_too()
    {
        using var client = app.ClientWithoutRedirects();
        for (var i = 0; i < 2; i++) // the second is served from the output cache
        {
            using var response = await client.GetAsync("/api/public/stats?region=36");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertSecurityHeaders(response, "geolocation=()");
        }
    }

    [Fact]
    public async Task Staff_pages_carry_them_and_only_the_field_page_may_ask_for_the_position()
    {
        using var officer = await BrowserSession.SignInAsync(app, "petugas.tangerang@pantau.test");
        using var field = await officer.Client.GetAsync("/field");
        Assert.Equal(HttpStatusCode.OK, field.StatusCode);
        AssertSecurityHeaders(field, "geolocation=(self)");
        using var search = await officer.Client.GetAsync("/registry");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        AssertSecurityHeaders(search, "geolocation=()");
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string geolocation)
    {
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var v) || response.Content.Headers.TryGetValues(name, out v)
                ? string.Join(", ", v)
                : throw new Xunit.Sdk.XunitException($"{what} has no {name} header");

        var csp = Header("Content-Security-Policy");
        // The app's own files, and one inline script: the modules' import map, by its hash.
        Assert.Matches("script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("same-origin", Header("Referrer-Policy"));
        var permissions = Header("Permissions-Policy");
        Assert.Contains(geolocation, permissions);
        Assert.Contains("camera=()", permissions);
        Assert.False(response.Headers.Contains("Server"), $"{what} names its server: {response.Headers.Server}");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{what}: no HSTS in Development, nor over HTTP");
    }
}

public static class ClientsWithoutRedirects
{
    /// <summary>A client that keeps cookies and shows redirects as they are, on the app's address (a real port too).</summary>
    public static HttpClient ClientWithoutRedirects(this PantauApp app)
    {
        using var plain = app.CreateClient();
        if (app.Services.GetRequiredService<IServer>() is TestServer)
            return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // On Kestrel the factory's client follows redirects whatever the options say: a socket client of our own.
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = plain.BaseAddress };
    }
}

/// <summary>A browser's session as an HttpClient: signed in through the login page's form, holding its cookies.</summary>
public sealed partial class BrowserSession : IDisposable
{
    public required HttpClient Client { get; init; }

    /// <summary>The antiforgery token a signed-in page gives its scripts (the layout's meta element).</summary>
    public required string PageToken { get; init; }

    public static async Task<BrowserSession> SignInAsync(PantauApp app, string email, string password = PantauApp.Password)
    {
        var client = app.ClientWithoutRedirects();
        var login = await client.GetStringAsync("/login");
        var formToken = FormToken().Match(login).Groups[1].Value;
        using var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = formToken,
        }));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect,
            $"page sign-in of {email}: {(int)signIn.StatusCode} {Regex.Match(await signIn.Content.ReadAsStringAsync(), "<main.*?</main>", RegexOptions.Singleline).Value}");
        var home = await client.GetStringAsync("/statistik"); // any page, signed in
        var pageToken = MetaToken().Match(home);
        Assert.True(pageToken.Success, "a signed-in page carries the antiforgery token for its scripts");
        return new BrowserSession { Client = client, PageToken = WebUtility.HtmlDecode(pageToken.Groups[1].Value) };
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}

/// <summary>Changes made through the API with a browser's cookie need the page's antiforgery token.</summary>
public sealed class ApiAntiforgeryTests(PantauApp app) : IClassFixture<PantauApp>
{
    private static readonly object Ping = new { latitude = -6.1702, longitude = 106.6403, activity = "Position", note = "antiforgery" };

    [Fact]
    public async Task A_cookie_authenticated_change_without_the_page_token_is_refused_with_400()
    {
        using var officer = await BrowserSession.SignInAsync(app, "petugas.tangerang@pantau.test");
        var before = await CountPingsAsync();

        using var bare = await officer.Client.PostAsJsonAsync("/api/field/positions", Ping);
        var problem = await bare.ProblemAsync(400);
        Assert.Contains("RequestVerificationToken", problem.ErrorFields());

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/field/positions") { Content = JsonContent.Create(Ping) };
        forged.Headers.Add("RequestVerificationToken", "CfDJ8-not-a-token");
        await (await officer.Client.SendAsync(forged)).ProblemAsync(400);

        using var put = await officer.Client.PutAsJsonAsync("/api/teams/1", new { name = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        using var delete = await officer.Client.DeleteAsync("/api/roster/1");
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(before, await CountPingsAsync());
    }

    [Fact]
    public async Task With_the_page_token_the_same_change_goes_through_and_reads_need_none()
    {
        using var officer = await BrowserSession.SignInAsync(app, "petugas.tangerang@pantau.test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field/positions") { Content = JsonContent.Create(Ping) };
        request.Headers.Add("RequestVerificationToken", officer.PageToken);
        using var response = await officer.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var read = await officer.Client.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Another_accounts_page_token_does_not_do()
    {
        using var officer = await BrowserSession.SignInAsync(app, "petugas.tangerang@pantau.test");
        using var head = await BrowserSession.SignInAsync(app, "kepala.tangerang@pantau.test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field/positions") { Content = JsonContent.Create(Ping) };
        request.Headers.Add("RequestVerificationToken", head.PageToken);
        await (await officer.Client.SendAsync(request)).ProblemAsync(400);
    }

    [Fact]
    public async Task Bearer_calls_and_anonymous_public_calls_need_no_token()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        using var ping = await officer.PostAsJsonAsync("/api/field/positions", Ping);
        Assert.Equal(HttpStatusCode.Created, ping.StatusCode);

        // The public report form's phone code, anonymously: its own rules answer, not the antiforgery check.
        using var anonymous = app.CreateClient();
        using var code = await anonymous.PostAsJsonAsync("/api/reporters/otp", new { phone = "" });
        var problem = await code.ProblemAsync(400);
        Assert.DoesNotContain("RequestVerificationToken", problem.ErrorFields());
        using var open311 = await anonymous.GetAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.OK, open311.StatusCode);
    }

    private Task<int> CountPingsAsync() => app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.FieldPositions));
}

/// <summary>Outside Development: HSTS over HTTPS, and the session and antiforgery cookies only over HTTPS.</summary>
public sealed class ProductionTransportTests(ProductionTransportTests.ProductionApp app) : IClassFixture<ProductionTransportTests.ProductionApp>
{
    public sealed class ProductionApp : PantauApp
    {
        // No demo accounts: a production start on its own, empty database.
        protected override bool StartsFromTemplate => false;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("environment", "Production"),
            new("Audit:ChainKey", "a-production-test-chain-key-0123456789"),
            new("Demo:Seed", "false"),
            new("Reports:CodeKey", TestSecrets.CodeKey),
        ];
    }

    [Fact]
    public async Task Answers_over_https_carry_hsts_and_the_cookies_are_secure()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://pantau.example/"), AllowAutoRedirect = false });
        using var login = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS over HTTPS in production");
        Assert.Contains("max-age=31536000", hsts.Single());
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single());

        var cookies = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
            Assert.Equal(CookieSecurePolicy.Always, cookies.Get(scheme).Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Plain_http_gets_no_hsts()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var login = await client.GetAsync("/login");
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }
}
