using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Access;

/// <summary>A person in Kota Tangerang and one in Jakarta Selatan, made once for the whole matrix.</summary>
public sealed class MatrixApp : PantauApp
{
    private readonly Lazy<Task<(JsonElement Tangerang, JsonElement Jaksel)>> _records;

    private readonly Lazy<Task<(int Tangerang, int Jaksel)>> _teams;

    public MatrixApp()
    {
        _records = new(async () =>
        {
            var admin = await LoginAsync("admin@pantau.test");
            // A hotel in Kota Tangerang, registered and verified as any lodging is.
            var lodging = await CreateClient().PostAsJsonAsync("/api/lodgings", new
            {
                name = "Hotel Matrix", kind = "Hotel", villageCode = People.TangerangVillage, address = "Jl. Matrix 1", contactName = "Matrix",
                contactPhone = "081200000001", email = "penginapan@pantau.test", password = Password,
            });
            var lodgingId = (await lodging.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            Assert.True((await admin.PostAsJsonAsync($"/api/lodgings/{lodgingId}/decision", new { approve = true })).IsSuccessStatusCode);
            return (await admin.RegisterAsync(People.Registration(village: People.TangerangVillage, name: "Matrix Tangerang")),
                    await admin.RegisterAsync(People.Registration(village: People.SetiaBudi, name: "Matrix Jaksel")));
        });
        // Kanim Tangerang's demo team, and a team of Kanim Jakarta Selatan made here (it has no demo team).
        _teams = new(async () =>
        {
            var admin = await LoginAsync("admin@pantau.test");
            var offices = (await admin.GetJsonAsync("/api/offices")).EnumerateArray()
                .ToDictionary(o => o.GetProperty("code").GetString()!, o => o.GetProperty("id").GetInt32());
            var tangerang = (await admin.GetJsonAsync($"/api/teams?officeId={offices["KANIM-TANGERANG"]}"))[0].GetProperty("id").GetInt32();
            var created = await admin.PostAsJsonAsync("/api/teams", new { officeId = offices["KANIM-JAKSEL"], name = "TIMPORA Matrix Jaksel" });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            return (tangerang, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        });
    }

    public Task<(int Tangerang, int Jaksel)> Teams => _teams.Value;

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>
    /// One signed-in client per account for the whole matrix (a login per case would be a thousand logins), that
    /// shows redirects instead of following them.
    /// </summary>
    public async Task<HttpClient> ClientAsync(string account)
    {
        await Records; // the lodging's account exists once its lodging is verified
        if (_clients.TryGetValue(account, out var known)) return known;
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (account != "anonymous")
        {
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = $"{account}@pantau.test", password = Password });
            Assert.True(login.IsSuccessStatusCode, $"login of {account}: {(int)login.StatusCode}");
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return _clients[account] = client;
    }

    public Task<(JsonElement Tangerang, JsonElement Jaksel)> Records => _records.Value;
}

/// <summary>
/// Every role against every endpoint, with a record inside and outside its scope. One row per endpoint; a new
/// endpoint is one more row, a new role one more column.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    private static readonly string[] Accounts =
    [
        "admin", "kanwil.banten", "kepala.tangerang", "admin.tangerang", "petugas.tangerang", "petugas.jaksel",
        "polsek.setiabudi", "rt.setiabudi", "penginapan", "anonymous",
    ];

    // One row per route and case: the route as the app maps it ("METHOD pattern"), the URL asked (placeholders:
    // {tng}/{jks} the person in Kota Tangerang/Jakarta Selatan, {tngTeam}/{jksTeam} their offices' teams,
    // {tngPassport}, {none} an id that exists nowhere; a note in parentheses picks the body), then the status each account gets.
    // A route the app maps without a row fails Every_mapped_route_has_a_row: add one line here.
    private static readonly (string Route, string Path, int[] Expected)[] Rows =
    [
        //                                                                                                  admin kanwil kepala admTng ptgTng ptgJks polsek rt  lodg anon
        ("GET /api/access-requests", "/api/access-requests",                                                [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/access-requests/{id:guid}/approve", "/api/access-requests/{none}/approve",              [404, 403, 404, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/access-requests/{id:guid}/deny", "/api/access-requests/{none}/deny (with a note)",      [404, 403, 404, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/accounts", "/api/accounts",                                                              [200, 403, 403, 200, 403, 403, 403, 403, 403, 401]),
        ("POST /api/accounts", "/api/accounts (invalid body)",                                              [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("GET /api/accounts/{id:guid}", "/api/accounts/{none}",                                             [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("POST /api/accounts/{id:guid}/disable", "/api/accounts/{none}/disable",                            [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("POST /api/accounts/{id:guid}/enable", "/api/accounts/{none}/enable",                              [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("POST /api/accounts/{id:guid}/password", "/api/accounts/{none}/password (empty body)",              [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("PUT /api/accounts/{id:guid}/scope", "/api/accounts/{none}/scope (empty body)",                    [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("GET /api/assignments", "/api/assignments",                                                        [200, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/audit", "/api/audit",                                                                    [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/dashboard", "/api/dashboard",                                                            [200, 200, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/dashboard/heat", "/api/dashboard/heat",                                                  [200, 200, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/dashboard/monthly.xlsx", "/api/dashboard/monthly.xlsx",                                  [200, 200, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/audit/verify", "/api/audit/verify",                                                      [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/auth/2fa", "/api/auth/2fa",                                                              [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("POST /api/auth/2fa", "/api/auth/2fa (empty body: off, which it is already)",                      [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("POST /api/auth/2fa/setup", "/api/auth/2fa/setup",                                                 [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("POST /api/auth/password", "/api/auth/password (empty body)",                                      [400, 400, 400, 400, 400, 400, 400, 400, 400, 401]),
        ("POST /api/auth/login", "/api/auth/login (invalid body)",                                          [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /api/auth/me", "/api/auth/me",                                                                [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("POST /api/auth/refresh", "/api/auth/refresh (empty body)",                                        [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
        ("GET /api/dev/outbox", "/api/dev/outbox",                                                          [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/events", "/api/events",                                                                  [403, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("POST /api/field-checks", "/api/field-checks (invalid body)",                                      [400, 403, 400, 403, 400, 400, 403, 403, 403, 401]),
        ("GET /api/field/officers", "/api/field/officers",                                                  [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/field/positions", "/api/field/positions",                                                [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/field/positions", "/api/field/positions (invalid body)",                                [400, 403, 400, 403, 400, 400, 403, 403, 403, 401]),
        ("GET /api/field/stream", "/api/field/stream",                                                      [403, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/foreigners", "/api/foreigners?query={tngPassport}",                                      [200, 200, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("POST /api/foreigners", "/api/foreigners (in Tangerang)",                                          [201, 403, 201, 403, 201, 400, 403, 403, 403, 401]),
        ("GET /api/foreigners/{id:guid}", "/api/foreigners/{tng}",                                          [200, 200, 200, 403, 200, 404, 403, 403, 403, 401]),
        ("GET /api/foreigners/{id:guid}", "/api/foreigners/{jks}",                                          [200, 404, 404, 403, 404, 200, 403, 403, 403, 401]),
        ("PUT /api/foreigners/{id:guid}", "/api/foreigners/{tng}",                                          [200, 403, 200, 403, 200, 404, 403, 403, 403, 401]),
        ("PUT /api/foreigners/{id:guid}", "/api/foreigners/{jks}",                                          [200, 403, 404, 403, 404, 200, 403, 403, 403, 401]),
        ("GET /api/lodging-flags", "/api/lodging-flags",                                                    [200, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("POST /api/lodging-flags/{id:guid}/resolve", "/api/lodging-flags/{none}/resolve",                  [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("GET /api/lodging/stays", "/api/lodging/stays",                                                    [403, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
        ("POST /api/lodging/stays", "/api/lodging/stays (invalid body)",                                    [403, 403, 403, 403, 403, 403, 403, 403, 400, 401]),
        ("POST /api/lodging/stays/csv", "/api/lodging/stays/csv (csv without lines)",                       [403, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
        ("GET /api/lodging/stays/{id:guid}", "/api/lodging/stays/{none}",                                   [403, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
        ("POST /api/lodging/stays/{id:guid}/check-out", "/api/lodging/stays/{none}/check-out",              [403, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
        ("GET /api/lodgings", "/api/lodgings",                                                              [200, 403, 200, 200, 200, 200, 403, 403, 403, 401]),
        ("POST /api/lodgings", "/api/lodgings (invalid body)",                                              [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /api/lodgings/{id:guid}", "/api/lodgings/{none}",                                             [404, 403, 404, 404, 404, 404, 403, 403, 403, 401]),
        ("POST /api/lodgings/{id:guid}/decision", "/api/lodgings/{none}/decision",                          [404, 403, 404, 404, 404, 404, 403, 403, 403, 401]),
        ("GET /api/offices", "/api/offices",                                                                [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("POST /api/offices", "/api/offices (invalid body)",                                                [400, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/offices/{id:int}", "/api/offices/987654",                                                [404, 404, 404, 404, 404, 404, 404, 404, 404, 401]),
        ("PUT /api/offices/{id:int}", "/api/offices/987654 (empty body)",                                   [404, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/open311/keys", "/api/open311/keys",                                                      [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/open311/keys", "/api/open311/keys (invalid body)",                                      [400, 403, 400, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/open311/keys/{id:guid}/revoke", "/api/open311/keys/{none}/revoke",                      [404, 403, 404, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/operations/overview", "/api/operations/overview",                                        [200, 200, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/operations/overview/events", "/api/operations/overview/events",                          [200, 200, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/operations/escalations/{id:guid}/forward", "/api/operations/escalations/{none}/forward", [404, 404, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/operations/teams", "/api/operations/teams",                                              [403, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/partner/access-requests", "/api/partner/access-requests",                                [403, 403, 403, 403, 403, 403, 200, 403, 403, 401]),
        ("POST /api/partner/access-requests", "/api/partner/access-requests (invalid body)",                [403, 403, 403, 403, 403, 403, 400, 403, 403, 401]),
        ("GET /api/partner/access-requests/{id:guid}/person", "/api/partner/access-requests/{none}/person", [403, 403, 403, 403, 403, 403, 404, 403, 403, 401]),
        ("GET /api/partner/counts", "/api/partner/counts?district=31.74.02",                                [403, 403, 403, 403, 403, 403, 200, 403, 403, 401]),
        ("GET /api/partner/permits", "/api/partner/permits?district=31.74.02",                              [403, 403, 403, 403, 403, 403, 200, 403, 403, 401]),
        ("GET /api/partner/permits.csv", "/api/partner/permits.csv?district=31.74.02",                      [403, 403, 403, 403, 403, 403, 200, 403, 403, 401]),
        ("GET /api/permit-expiry", "/api/permit-expiry",                                                    [200, 200, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/permit-expiry/export.csv", "/api/permit-expiry/export.csv",                              [200, 200, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/permit-expiry/export.xlsx", "/api/permit-expiry/export.xlsx",                            [200, 200, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/permit-expiry/runs", "/api/permit-expiry/runs",                                          [200, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("POST /api/permit-expiry/runs", "/api/permit-expiry/runs (a day too old)",                         [400, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/ping", "/api/ping",                                                                      [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/places", "/api/places?q=sukarasa",                                                       [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/places/at", "/api/places/at?lat=-6.1783&lng=106.6319",                                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/public/reports", "/api/public/reports (invalid body)",                                  [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /api/public/reports/{reference}", "/api/public/reports/XXXXXXX",                               [404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("POST /api/public/reports/{key}/messages", "/api/public/reports/XXXXXXX/messages",          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("GET /api/public/stats", "/api/public/stats?region=31.74",                                         [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/regions", "/api/regions",                                                                [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/regions/{code}", "/api/regions/31.74",                                                   [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/regions/{code}/children", "/api/regions/31.74/children",                                 [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /api/reporters/challenge", "/api/reporters/challenge",                                        [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /api/reporters/otp", "/api/reporters/otp (invalid body)",                                    [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("POST /api/reporters/verify", "/api/reporters/verify (invalid body)",                              [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /api/reports", "/api/reports",                                                                [200, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/reports/summary", "/api/reports/summary",                                                [403, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET /api/reports/{id:guid}", "/api/reports/{none}",                                               [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/assign", "/api/reports/{none}/assign",                                [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/close", "/api/reports/{none}/close",                                  [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/findings", "/api/reports/{none}/findings",                            [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("GET /api/reports/{id:guid}/messages", "/api/reports/{none}/messages",                             [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/messages", "/api/reports/{none}/messages",                            [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/messages/read", "/api/reports/{none}/messages/read",                  [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("GET /api/reports/{id:guid}/photos/{index:int}", "/api/reports/{none}/photos/0",                   [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/progress", "/api/reports/{none}/progress",                            [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST /api/reports/{id:guid}/triage", "/api/reports/{none}/triage",                                [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("GET /api/roster", "/api/roster?date=2026-11-22",                                                  [200, 403, 200, 200, 200, 200, 403, 403, 403, 401]),
        ("POST /api/roster", "/api/roster (invalid body)",                                                  [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("DELETE /api/roster/{id:long}", "/api/roster/987654321",                                           [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("GET /api/stats/count", "/api/stats/count?region=31.74.02.1001&rw=1&rt=1",                         [200, 403, 403, 403, 403, 200, 403, 200, 403, 401]),
        ("POST /api/sync/events", "/api/sync/events (unsigned)",                                            [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
        ("GET /api/sync/snapshots", "/api/sync/snapshots",                                                  [200, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/sync/snapshots/{id:guid}", "/api/sync/snapshots/{none}",                                 [404, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/sync/snapshots/{id:guid}/rejections", "/api/sync/snapshots/{none}/rejections",           [200, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/sync/state", "/api/sync/state",                                                          [200, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET /api/teams", "/api/teams",                                                                    [200, 403, 200, 200, 200, 200, 403, 403, 403, 401]),
        ("POST /api/teams", "/api/teams (invalid body)",                                                    [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("GET /api/teams/{id:int}", "/api/teams/{tngTeam}",                                                 [200, 403, 200, 200, 200, 404, 403, 403, 403, 401]),
        ("GET /api/teams/{id:int}", "/api/teams/{jksTeam}",                                                 [200, 403, 404, 404, 404, 200, 403, 403, 403, 401]),
        ("PUT /api/teams/{id:int}", "/api/teams/{tngTeam} (invalid body)",                                  [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("PUT /api/teams/{id:int}", "/api/teams/{jksTeam} (invalid body)",                                  [400, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("GET /culture/{culture}", "/culture/en?returnUrl=/registry",                                       [302, 302, 302, 302, 302, 302, 302, 302, 302, 302]),
        ("GET /open311/v2/discovery.{format}", "/open311/v2/discovery.json",                                [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /open311/v2/requests.{format}", "/open311/v2/requests.json",                                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("POST /open311/v2/requests.{format}", "/open311/v2/requests.json (invalid body)",                  [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /open311/v2/requests/{id}.{format}", "/open311/v2/requests/XXXXXXX.json",                     [404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("GET /open311/v2/services.{format}", "/open311/v2/services.json",                                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /open311/v2/services/{code}.{format}", "/open311/v2/services/Overstay.json",                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET /open311/v2/servicerequestupdates.{format}", "/open311/v2/servicerequestupdates.json",         [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET /open311/v2/tokens/{token}.{format}", "/open311/v2/tokens/nothing.json",                      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("* /health/ready", "/health/ready",                                                                [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        // Only Prometheus's bearer token (Monitoring:MetricsToken) opens it; a staff token is not it.
        ("* /metrics", "/metrics",                                                                          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        ("* /open311/v2/{**path}", "/open311/v2/nothing.json",                                              [404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
    ];

    public static IEnumerable<object[]> Cases() =>
        Rows.SelectMany(r => Accounts.Select((account, i) => new object[] { r.Route, r.Path, account, r.Expected[i] }));

    [Fact]
    public void Every_mapped_route_has_a_row()
    {
        var mapped = AppEndpoints.Of(app.Services).Where(e => !e.IsPage).Select(e => e.Key).ToHashSet();
        var rows = Rows.Select(r => r.Route).ToHashSet();
        var missing = mapped.Except(rows).Order().ToList();
        var stale = rows.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0, "Routes without a row in the authorization matrix:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows for routes the app does not map:\n" + string.Join("\n", stale));
        Assert.All(Rows, r => Assert.Equal(Accounts.Length, r.Expected.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_meets_endpoint(string route, string path, string account, int expected)
    {
        var (tng, jks) = await app.Records;
        var (tngTeam, jksTeam) = await app.Teams;
        var client = await app.ClientAsync(account);
        var method = route.Split(' ')[0] is "*" ? "GET" : route.Split(' ')[0];
        var url = path.Split(' ')[0]
            .Replace("{tng}", tng.GetProperty("id").GetString())
            .Replace("{jks}", jks.GetProperty("id").GetString())
            .Replace("{tngTeam}", tngTeam.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{jksTeam}", jksTeam.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{tngPassport}", tng.GetProperty("passports")[0].GetProperty("number").GetString())
            .Replace("{none}", "0190a000-0000-7000-8000-000000000001");

        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
            request.Content = JsonContent.Create<object>((method, path) switch
            {
                ("PUT", _) when url.StartsWith("/api/teams/", StringComparison.Ordinal) => new { name = "" },
                ("PUT", _) when url.StartsWith("/api/foreigners/", StringComparison.Ordinal) => SameAs(url.EndsWith(tng.GetProperty("id").GetString()!) ? tng : jks),
                ("POST", "/api/foreigners (in Tangerang)") => People.Registration(village: People.TangerangVillage),
                ("POST", "/api/permit-expiry/runs (a day too old)") => new { day = "2000-01-01" },
                ("POST", _) when path.EndsWith("(with a note)", StringComparison.Ordinal) => new { note = "Matrix" },
                _ => new { },
            });
        if (path.EndsWith("(csv without lines)", StringComparison.Ordinal))
            request.Content = new StringContent("passportNumber,nationality,room,checkIn\n", System.Text.Encoding.UTF8, "text/csv");
        // Headers only: the live streams never end.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        Assert.True(expected == (int)response.StatusCode,
            $"{account} {method} {path}: expected {expected}, got {(int)response.StatusCode} {(stream ? "" : await response.Content.ReadAsStringAsync())}");

        // A search answers 200 for a role that may search, but finds only what is in scope.
        if (path.Contains("{tngPassport}") && expected == 200)
        {
            var total = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
            Assert.Equal(account is "petugas.jaksel" ? 0 : 1, total);
        }
    }

    /// <summary>An update that changes nothing but is a full, valid body for <paramref name="person"/>.</summary>
    private static Dictionary<string, object?> SameAs(JsonElement person)
    {
        var body = People.Registration(
            village: person.GetProperty("address").GetProperty("villageCode").GetString()!,
            name: person.GetProperty("fullName").GetString()!,
            passport: person.GetProperty("passports")[0].GetProperty("number").GetString(),
            permitNumber: person.GetProperty("permits")[0].GetProperty("number").GetString());
        return body;
    }
}
