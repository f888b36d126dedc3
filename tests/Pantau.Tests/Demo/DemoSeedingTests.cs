using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Registry;

namespace Pantau.Tests.Demo;

/// <summary>The app seeded at start with <see cref="Count"/> demo foreigners, through the bulk writer.</summary>
public class SeededPantauApp : PantauApp
{
    // Its start on an empty database is what is tested.
    protected override bool StartsFromTemplate => false;

    public const int Count = 2000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Demo:Foreigners", Count.ToString())];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new NoonClock()));
    }

    /// <summary>The people the seeder wrote, made again by the same generator.</summary>
    public async Task<List<Foreigner>> ExpectedPeopleAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
        return (await seeder.RegistryAsync()).Generate(Count).ToList();
    }
}

/// <summary>
/// Today at noon UTC, running on from there: two apps started seconds apart see the same date at any hour of the
/// day, so the same seed must give them the same people.
/// </summary>
public sealed class NoonClock : TimeProvider
{
    private static readonly DateTimeOffset RealStart = System.GetUtcNow();
    private static readonly DateTimeOffset Noon = new(RealStart.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Noon + (System.GetUtcNow() - RealStart);
}

public sealed class DemoSeedingTests(SeededPantauApp app) : IClassFixture<SeededPantauApp>
{
    private static readonly string[] TangerangRegencies = ["36.71", "36.03"];

    private Task<HttpClient> TangerangOfficer() => app.LoginAsync("petugas.tangerang@pantau.test");

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        await client.GetJsonAsync($"/api/foreigners?{query}&pageSize=100");

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static bool InTangerang(Foreigner f) => TangerangRegencies.Contains(f.RegencyCode);

    [Fact]
    public async Task A_seeded_person_is_found_by_passport_number_with_everything_the_generator_made()
    {
        var people = await app.ExpectedPeopleAsync();
        var client = await TangerangOfficer();
        // A few people of the officer's jurisdiction, spread over the seeded range (the first, the last batch, and between).
        var sample = people.Where(InTangerang).Where((_, i) => i % 97 == 0).Append(people.Last(InTangerang)).ToList();
        Assert.True(sample.Count >= 10);

        foreach (var expected in sample)
        {
            var passport = expected.Passports.Single();
            var items = Items(await SearchAsync(client, $"query={passport.Number.ToLowerInvariant()}"));
            var found = Assert.Single(items);
            Assert.Equal(expected.FullName, found.GetProperty("fullName").GetString());
            Assert.Equal(passport.Number, found.GetProperty("passportNumber").GetString());
            Assert.Equal(expected.Permits.Single().Number, found.GetProperty("permitNumber").GetString());

            var read = await client.GetJsonAsync($"/api/foreigners/{found.GetProperty("id").GetGuid()}");
            AssertSame(expected, read);
        }
    }

    [Fact]
    public async Task Seeded_people_are_found_by_the_words_of_their_names_within_the_officers_jurisdiction()
    {
        var people = await app.ExpectedPeopleAsync();
        var client = await TangerangOfficer();
        var someone = people.Where(InTangerang).Skip(321).First(f => f.FullName.Split(' ').Length == 3);
        var words = someone.NameKey.Split(' ');

        foreach (var query in new[] { someone.FullName, $"{words[2]} {words[0][..2]}", words[1].ToUpperInvariant() })
        {
            var queryWords = PersonName.Tokens(query).ToList();
            var expected = people.Where(InTangerang)
                .Where(f => queryWords.All(w => f.NameTokens.Any(t => t.Token.StartsWith(w, StringComparison.Ordinal))))
                .ToList();
            var page = await SearchAsync(client, $"query={Uri.EscapeDataString(query)}");
            Assert.Equal(expected.Count, page.GetProperty("total").GetInt32());
            if (expected.Count <= 100)
                Assert.Equal(expected.Select(f => f.Passports[0].Number).Order(),
                    Items(page).Select(i => i.GetProperty("passportNumber").GetString()!).Order());
        }
    }

    [Fact]
    public async Task Seeded_people_are_counted_by_region_and_never_outside_the_officers_jurisdiction()
    {
        var people = await app.ExpectedPeopleAsync();
        var client = await TangerangOfficer();
        var village = people.First(InTangerang).VillageCode;

        foreach (var region in new[] { "36.71", "36.03", village[..8], village })
        {
            var page = await SearchAsync(client, $"region={region}");
            Assert.Equal(people.Count(f => f.VillageCode.StartsWith(region, StringComparison.Ordinal)), page.GetProperty("total").GetInt32());
            Assert.All(Items(page), i => Assert.StartsWith(region, i.GetProperty("villageCode").GetString()));
        }
        Assert.Equal(people.Count(InTangerang), (await client.GetJsonAsync("/api/foreigners")).GetProperty("total").GetInt32());
        Assert.Contains(people, f => f.RegencyCode == "31.74");
        Assert.Equal(0, (await SearchAsync(client, "region=31.74")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_people_in_another_database()
    {
        using var other = new SeededPantauApp();
        var here = await EveryoneAsync(app);
        var there = await EveryoneAsync(other);
        Assert.Equal(SeededPantauApp.Count, here.Select(p => p.Split('|')[0]).Distinct().Count());
        Assert.Equal(here, there);
    }

    /// <summary>
    /// Everyone as the national admin's search lists them, passport number first, without the ids (which are new on
    /// every run), in passport order.
    /// </summary>
    private static async Task<List<string>> EveryoneAsync(PantauApp app)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var everyone = new List<string>();
        for (var page = 1; ; page++)
        {
            var items = Items(await SearchAsync(admin, $"page={page}"));
            everyone.AddRange(items.Select(i => i.GetProperty("passportNumber").GetString() + "|"
                + string.Join('|', i.EnumerateObject().Where(p => p.Name != "id").Select(p => $"{p.Name}={p.Value}"))));
            if (items.Count < 100) break;
        }
        return everyone.Order(StringComparer.Ordinal).ToList();
    }

    private static void AssertSame(Foreigner expected, JsonElement read)
    {
        Assert.Equal(expected.FullName, read.GetProperty("fullName").GetString());
        Assert.Equal(expected.Sex.ToString(), read.GetProperty("sex").GetString());
        Assert.Equal(expected.DateOfBirth, DateOnly.Parse(read.GetProperty("dateOfBirth").GetString()!));
        Assert.Equal(expected.Nationality, read.GetProperty("nationality").GetString());
        Assert.Equal(expected.Status.ToString(), read.GetProperty("status").GetString());
        Assert.Equal(expected.CreatedAt, read.GetProperty("createdAt").GetDateTime().ToUniversalTime());
        Assert.Equal(expected.Version, read.GetProperty("version").GetInt32());

        var passport = Assert.Single(read.GetProperty("passports").EnumerateArray());
        Assert.Equal(expected.Passports[0].Number, passport.GetProperty("number").GetString());
        Assert.Equal(expected.Passports[0].IssuingState, passport.GetProperty("issuingState").GetString());
        Assert.Equal(expected.Passports[0].ExpiryDate, DateOnly.Parse(passport.GetProperty("expiryDate").GetString()!));

        var permit = Assert.Single(read.GetProperty("permits").EnumerateArray());
        var p = expected.Permits[0];
        Assert.Equal(p.Type.ToString(), permit.GetProperty("type").GetString());
        Assert.Equal(p.Number, permit.GetProperty("number").GetString());
        Assert.Equal(p.IssueDate, DateOnly.Parse(permit.GetProperty("issueDate").GetString()!));
        Assert.Equal(p.ExpiryDate, DateOnly.Parse(permit.GetProperty("expiryDate").GetString()!));
        Assert.Equal(p.Purpose, permit.GetProperty("purpose").GetString());
        Assert.Equal(p.Sponsor, permit.GetProperty("sponsor").GetString());

        var address = read.GetProperty("address");
        var a = expected.Addresses[0];
        Assert.Equal(a.VillageCode, address.GetProperty("villageCode").GetString());
        Assert.False(string.IsNullOrEmpty(address.GetProperty("villageName").GetString()));
        Assert.Equal(a.Rw, address.GetProperty("rw").GetInt32());
        Assert.Equal(a.Rt, address.GetProperty("rt").GetInt32());
        Assert.Equal(a.Street, address.GetProperty("street").GetString());
        Assert.Equal(a.Since, DateOnly.Parse(address.GetProperty("since").GetString()!));
        Assert.Equal(JsonValueKind.Null, address.GetProperty("until").ValueKind);
    }
}
