using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Reports;
using Pantau.Web.Kernel;

namespace Pantau.Bench;

/// <summary>
/// What the benchmark asks for: passport numbers and full names of people the Tangerang officer may see, spread
/// evenly over the seeded registry (old and new rows alike), and the officer's bearer token; field-check bodies for
/// passports in and out of the officer's jurisdiction; count requests for districts, villages and RTs with residents in
/// it; and, with --reporters N, N verified phones and the multipart bodies of public reports.
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

        await PrepareFieldChecksAsync(http, o["db"], regencies, people, wanted, outDir);
        await PrepareCountsAsync(http, o["db"], regencies, wanted, outDir);
        if (int.Parse(o.Get("reporters", "0")) is > 0 and var reporters)
            await PrepareReportsAsync(url, o["db"], reporters, outDir);
        return 0;
    }

    /// <summary>
    /// Field checks by passport number, alternating a person inside the officer's jurisdiction and one outside it
    /// (officers check anyone; the answer then names the holding office).
    /// </summary>
    private static async Task PrepareFieldChecksAsync(HttpClient http, string db, string[] regencies, List<(string Passport, string FullName)> inside,
        int wanted, string outDir)
    {
        var outside = ReadPeople(db, regencies, wanted, outside: true);
        var bodies = new List<string>();
        for (var i = 0; i < Math.Max(inside.Count, outside.Count); i++)
        {
            if (i < inside.Count) bodies.Add(FieldCheck(inside[i].Passport));
            if (i < outside.Count) bodies.Add(FieldCheck(outside[i].Passport));
        }
        WriteBodies(Path.Combine(outDir, "bodies-fieldcheck.bin"), bodies.Select(Encoding.UTF8.GetBytes));

        foreach (var body in bodies.Take(2))
        {
            var answer = await http.PostAsync("/api/field-checks", new StringContent(body, Encoding.UTF8, "application/json"));
            var json = await answer.Content.ReadFromJsonAsync<JsonElement>();
            if (!answer.IsSuccessStatusCode || !json.GetProperty("registered").GetBoolean())
                throw new InvalidOperationException($"Field check {body} did not find the person: {(int)answer.StatusCode} {json}");
        }
        Console.WriteLine($"{inside.Count} field checks inside and {outside.Count} outside the jurisdiction");

        static string FieldCheck(string passport) => JsonSerializer.Serialize(new { passportNumber = passport, purpose = "Pemeriksaan lapangan (bench)" });
    }

    /// <summary>Counts at district, village and RT level, over places in the jurisdiction that have residents.</summary>
    private static async Task PrepareCountsAsync(HttpClient http, string dbFile, string[] regencies, int wanted, string outDir)
    {
        using var conn = Open(dbFile);
        var inScope = $"RegencyCode IN ({string.Join(", ", regencies.Select((_, i) => $"$r{i}"))})";
        List<string> Read(string sql)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            AddRegencies(cmd, regencies);
            cmd.Parameters.AddWithValue("$wanted", wanted);
            var list = new List<string>();
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }
        var levels = new Dictionary<string, List<string>>
        {
            ["district"] = Read($"SELECT DISTINCT '/api/stats/count?region=' || DistrictCode FROM ResidentCounts WHERE {inScope} AND Count > 0 LIMIT $wanted"),
            ["village"] = Read($"SELECT DISTINCT '/api/stats/count?region=' || VillageCode FROM ResidentCounts WHERE {inScope} AND Count > 0 LIMIT $wanted"),
            // Spread over the table: every k-th RT with residents.
            ["rt"] = Read($"""
                SELECT '/api/stats/count?region=' || VillageCode || '&rw=' || Rw || '&rt=' || Rt FROM ResidentCounts
                WHERE {inScope} AND Count > 0 AND rowid % MAX(1, (SELECT COUNT(*) FROM ResidentCounts WHERE {inScope} AND Count > 0) / $wanted) = 0
                LIMIT $wanted
                """),
        };
        foreach (var (level, paths) in levels)
        {
            if (paths.Count == 0) throw new InvalidOperationException($"No {level} with residents in {string.Join(", ", regencies)}.");
            await File.WriteAllLinesAsync(Path.Combine(outDir, $"paths-count-{level}.txt"), paths);
            var answer = await http.GetFromJsonAsync<JsonElement>(paths[0]);
            if (answer.GetProperty("count").GetInt32() < 1) throw new InvalidOperationException($"{paths[0]} counted no one: {answer}");
        }
        Console.WriteLine(string.Join(", ", levels.Select(l => $"{l.Value.Count} {l.Key} counts")));
    }

    public const string Boundary = "pantau-bench-boundary";
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>
    /// Verifies phones as a resident's phone does (code, then verify; the code read from the outbox table the sender
    /// writes, which GET /api/dev/outbox shows in Development), and writes their reporter tokens and the multipart
    /// bodies of reports, with and without a photo, over the villages of Kota Tangerang and every category.
    /// </summary>
    private static async Task PrepareReportsAsync(string url, string dbFile, int phones, string outDir)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var tokens = new string[phones];
        var started = DateTime.UtcNow;
        await Parallel.ForAsync(0, phones, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var phone = $"0812{i:D7}";
            var sent = await http.PostAsJsonAsync("/api/reporters/otp", new { phone }, ct);
            if (!sent.IsSuccessStatusCode) throw new InvalidOperationException($"otp {phone}: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync(ct)}");
            var code = LatestCode(dbFile, PhoneNumber.Normalize(phone)!);
            var verified = await http.PostAsJsonAsync("/api/reporters/verify", new { phone, code }, ct);
            var json = await verified.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (!verified.IsSuccessStatusCode) throw new InvalidOperationException($"verify {phone}: {(int)verified.StatusCode} {json}");
            tokens[i] = json.GetProperty("reporterToken").GetString()!;
        });
        await File.WriteAllLinesAsync(Path.Combine(outDir, "reporter-tokens.txt"), tokens);
        Console.WriteLine($"{phones} phones verified in {(DateTime.UtcNow - started).TotalSeconds:0} s");

        List<string> villages;
        using (var conn = Open(dbFile))
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT Code FROM Regions WHERE Code LIKE '36.71.__.____' ORDER BY Code";
            villages = [];
            using var r = cmd.ExecuteReader();
            while (r.Read()) villages.Add(r.GetString(0));
        }
        var categories = Enum.GetNames<ReportCategory>();
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        byte[] Body(int i, bool photo)
        {
            var sb = new StringBuilder();
            void Field(string name, string value) =>
                sb.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
            Field("category", categories[i % categories.Length]);
            Field("villageCode", villages[i / categories.Length % villages.Count]);
            Field("occurredAt", occurredAt);
            Field("description", "Warga asing tinggal melebihi izin, sudah dua bulan. Bekerja di pabrik tanpa izin kerja yang sesuai.");
            var body = new List<byte>(Encoding.UTF8.GetBytes(sb.ToString()));
            if (photo)
            {
                body.AddRange(Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"foto.png\"\r\nContent-Type: image/png\r\n\r\n"));
                body.AddRange(Png);
                body.AddRange("\r\n"u8.ToArray());
            }
            body.AddRange(Encoding.UTF8.GetBytes($"--{Boundary}--\r\n"));
            return body.ToArray();
        }
        var count = villages.Count * categories.Length;
        foreach (var photo in new[] { false, true })
        {
            var bodies = Enumerable.Range(0, count).Select(i => Body(i, photo)).ToList();
            WriteBodies(Path.Combine(outDir, photo ? "bodies-report-photo.bin" : "bodies-report.bin"), bodies);
            // One submission of each kind, to know the bodies are accepted as verified reports.
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/reports") { Content = new ByteArrayContent(bodies[^1]) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
            request.Headers.Add(ReportsPublicApi.IdempotencyHeader, Guid.NewGuid().ToString("N"));
            request.Headers.Add(ReportsPublicApi.ReporterTokenHeader, tokens[0]);
            var answer = await http.SendAsync(request);
            var text = await answer.Content.ReadAsStringAsync();
            if (!answer.IsSuccessStatusCode || !text.Contains("\"status\":\"Verified\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"Report ({(photo ? "with" : "without")} photo) not accepted as verified: {(int)answer.StatusCode} {text}");
        }
        Console.WriteLine($"{count} report bodies ({villages.Count} villages of 36.71 × {categories.Length} categories), with and without a {Png.Length}-byte PNG");
    }

    private static string LatestCode(string dbFile, string phone)
    {
        using var conn = Open(dbFile);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT Text FROM OutboxMessages WHERE Recipient = $p ORDER BY Id DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$p", phone);
        var text = cmd.ExecuteScalar() as string ?? throw new InvalidOperationException($"No message to {phone} in the outbox.");
        return Regex.Match(text, @"\b(\d{6})\b").Groups[1].Value;
    }

    /// <summary>Request bodies for bench/wrk/post.lua: each one as its length in bytes, a newline, and the bytes.</summary>
    private static void WriteBodies(string file, IEnumerable<byte[]> bodies)
    {
        using var f = File.Create(file);
        foreach (var b in bodies)
        {
            f.Write(Encoding.ASCII.GetBytes($"{b.Length}\n"));
            f.Write(b);
        }
    }

    private static SqliteConnection Open(string dbFile)
    {
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbFile, Mode = SqliteOpenMode.ReadOnly }.ToString());
        conn.Open();
        return conn;
    }

    private static List<(string Passport, string FullName)> ReadPeople(string dbFile, string[] regencies, int wanted, bool outside = false)
    {
        using var conn = Open(dbFile);
        var inScope = $"f.RegencyCode {(outside ? "NOT IN" : "IN")} ({string.Join(", ", regencies.Select((_, i) => $"$r{i}"))})";

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
