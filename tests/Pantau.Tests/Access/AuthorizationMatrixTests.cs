using System.Net.Http.Json;
using System.Text.Json;
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

    // {tng} = the person in Kota Tangerang, {jks} = the person in Jakarta Selatan.
    private static readonly (string Method, string Path, int[] Expected)[] Rows =
    [
        //                                                    admin kanwil kepala admTng ptgTng ptgJks polsek rt   lodg anon
        ("GET", "/api/foreigners/{tng}",                      [200, 200, 200, 403, 200, 404, 403, 403, 403, 401]),
        ("GET", "/api/foreigners/{jks}",                      [200, 404, 404, 403, 404, 200, 403, 403, 403, 401]),
        ("GET", "/api/foreigners?query={tngPassport}",        [200, 200, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("PUT", "/api/foreigners/{tng}",                      [200, 403, 200, 403, 200, 404, 403, 403, 403, 401]),
        ("PUT", "/api/foreigners/{jks}",                      [200, 403, 404, 403, 404, 200, 403, 403, 403, 401]),
        ("POST", "/api/foreigners (in Tangerang)",            [201, 403, 201, 403, 201, 400, 403, 403, 403, 401]),
        ("GET", "/api/audit",                                 [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET", "/api/audit/verify",                          [200, 403, 200, 403, 403, 403, 403, 403, 403, 401]),
        ("GET", "/api/accounts",                              [200, 403, 403, 200, 403, 403, 403, 403, 403, 401]),
        ("GET", "/api/offices",                               [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("POST", "/api/offices (invalid body)",               [400, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("GET", "/api/auth/me",                               [200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ("GET", "/api/regions/31.74",                         [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("GET", "/api/teams",                                 [200, 403, 200, 200, 200, 200, 403, 403, 403, 401]),
        ("GET", "/api/teams/{tngTeam}",                       [200, 403, 200, 200, 200, 404, 403, 403, 403, 401]),
        ("GET", "/api/teams/{jksTeam}",                       [200, 403, 404, 404, 404, 200, 403, 403, 403, 401]),
        ("POST", "/api/teams (invalid body)",                 [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("PUT", "/api/teams/{tngTeam} (invalid body)",        [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("PUT", "/api/teams/{jksTeam} (invalid body)",        [400, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("GET", "/api/roster?date=2026-11-22",                [200, 403, 200, 200, 200, 200, 403, 403, 403, 401]),
        ("POST", "/api/roster (invalid body)",                [400, 403, 403, 400, 403, 403, 403, 403, 403, 401]),
        ("DELETE", "/api/roster/987654321",                   [404, 403, 403, 404, 403, 403, 403, 403, 403, 401]),
        ("GET", "/api/lodgings",                              [200, 403, 200, 200, 200, 200, 403, 403, 403, 401]),
        ("GET", "/api/lodging/stays",                         [403, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
        ("GET", "/api/lodging-flags",                         [200, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET", "/api/permit-expiry",                         [200, 200, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("POST", "/api/permit-expiry/runs (a day too old)",   [400, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("POST", "/api/lodgings (invalid body)",              [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
        ("GET", "/api/reports",                               [200, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET", "/api/reports/summary",                       [403, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("POST", "/api/reports/0190a000-0000-7000-8000-000000000001/triage", [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST", "/api/reports/0190a000-0000-7000-8000-000000000001/assign", [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("POST", "/api/reports/0190a000-0000-7000-8000-000000000001/progress", [404, 403, 404, 403, 404, 404, 403, 403, 403, 401]),
        ("GET", "/api/assignments",                           [200, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET", "/api/operations/teams",                      [403, 403, 200, 403, 200, 200, 403, 403, 403, 401]),
        ("GET", "/api/sync/state",                            [200, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
        ("POST", "/api/sync/events (unsigned)",               [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
    ];

    public static IEnumerable<object[]> Cases() =>
        Rows.SelectMany(r => Accounts.Select((account, i) => new object[] { r.Method, r.Path, account, r.Expected[i] }));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_meets_endpoint(string method, string path, string account, int expected)
    {
        var (tng, jks) = await app.Records;
        var (tngTeam, jksTeam) = await app.Teams;
        var client = account == "anonymous" ? app.CreateClient() : await app.LoginAsync($"{account}@pantau.test");
        var url = path.Split(' ')[0]
            .Replace("{tng}", tng.GetProperty("id").GetString())
            .Replace("{jks}", jks.GetProperty("id").GetString())
            .Replace("{tngTeam}", tngTeam.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{jksTeam}", jksTeam.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{tngPassport}", tng.GetProperty("passports")[0].GetProperty("number").GetString());

        var response = (method, path) switch
        {
            ("GET", _) => await client.GetAsync(url),
            ("DELETE", _) => await client.DeleteAsync(url),
            ("PUT", _) when url.StartsWith("/api/teams/", StringComparison.Ordinal) => await client.PutAsJsonAsync(url, new { name = "" }),
            ("PUT", _) => await client.PutAsJsonAsync(url, SameAs(url.EndsWith(tng.GetProperty("id").GetString()!) ? tng : jks)),
            ("POST", "/api/foreigners (in Tangerang)") => await client.PostAsJsonAsync(url, People.Registration(village: People.TangerangVillage)),
            ("POST", "/api/permit-expiry/runs (a day too old)") => await client.PostAsJsonAsync(url, new { day = "2000-01-01" }),
            ("POST", _) => await client.PostAsJsonAsync(url, new { }),
            _ => throw new InvalidOperationException(method),
        };
        Assert.True(expected == (int)response.StatusCode,
            $"{account} {method} {path}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

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
