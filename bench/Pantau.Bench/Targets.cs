using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pantau.Web.Features.Demo;

namespace Pantau.Bench;

/// <summary>
/// What the benchmark asks for: passport numbers and full names of people the Tangerang officer may see, spread
/// evenly over the seeded registry (old and new rows alike), and the officer's bearer token.
/// </summary>
public static class Targets
{
    public const string Officer = "petugas.tangerang@pantau.test";

    public static async Task<int> PrepareAsync(Options o)
    {
        var url = o["url"].TrimEnd('/');
        var outDir = Directory.CreateDirectory(o["out"]).FullName;
        var wanted = int.Parse(o.Get("targets", "1000"));
        var regencies = DemoData.Offices.Single(x => x.Code == "KANIM-TANGERANG").Regencies;

        var people = ReadPeople(o["db"], regencies, wanted);
        if (people.Count == 0) throw new InvalidOperationException($"No one in {string.Join(", ", regencies)} in {o["db"]}.");

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Officer, password = DemoData.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        await File.WriteAllTextAsync(Path.Combine(outDir, "token"), token);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "paths-ping.txt"), ["/api/ping"]);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "paths-passport.txt"), people.Select(p => $"/api/foreigners?query={p.Passport}"));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "paths-name.txt"),
            people.Select(p => $"/api/foreigners?query={Uri.EscapeDataString(p.FullName)}"));

        // A wrong token or a target outside the officer's scope would measure 401s or empty pages: check one of each.
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var first = people[0];
        var byPassport = await http.GetFromJsonAsync<JsonElement>($"/api/foreigners?query={first.Passport}");
        if (byPassport.GetProperty("total").GetInt32() != 1)
            throw new InvalidOperationException($"Passport {first.Passport} did not find exactly one person: {byPassport}");
        var byName = await http.GetFromJsonAsync<JsonElement>($"/api/foreigners?query={Uri.EscapeDataString(first.FullName)}");
        if (byName.GetProperty("total").GetInt32() < 1)
            throw new InvalidOperationException($"Name {first.FullName} found no one: {byName}");

        Console.WriteLine($"{people.Count} passports and names of people in {string.Join(", ", regencies)}; token for {Officer}");
        return 0;
    }

    private static List<(string Passport, string FullName)> ReadPeople(string dbFile, string[] regencies, int wanted)
    {
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbFile, Mode = SqliteOpenMode.ReadOnly }.ToString());
        conn.Open();
        var inScope = $"f.RegencyCode IN ({string.Join(", ", regencies.Select((_, i) => $"$r{i}"))})";

        using var count = conn.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM Foreigners f WHERE {inScope}";
        AddRegencies(count, regencies);
        var step = Math.Max(1, Convert.ToInt64(count.ExecuteScalar()) / wanted);

        using var pick = conn.CreateCommand();
        pick.CommandText = $"""
            SELECT p.Number, f.FullName FROM Foreigners f JOIN Passports p ON p.ForeignerId = f.Id
            WHERE {inScope} AND f.rowid % $step = 0 ORDER BY f.rowid LIMIT $wanted
            """;
        AddRegencies(pick, regencies);
        pick.Parameters.AddWithValue("$step", step);
        pick.Parameters.AddWithValue("$wanted", wanted);
        var people = new List<(string, string)>();
        using var r = pick.ExecuteReader();
        while (r.Read()) people.Add((r.GetString(0), r.GetString(1)));
        return people;
    }

    private static void AddRegencies(SqliteCommand cmd, string[] regencies)
    {
        for (var i = 0; i < regencies.Length; i++) cmd.Parameters.AddWithValue($"$r{i}", regencies[i]);
    }
}
