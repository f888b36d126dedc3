using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Reports;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Reports;

/// <summary>The public service abused as an attacker would (issue 13.7, 12.2): codes, SMS cost, retry keys, limits.</summary>
public sealed class AbuseApp : PantauApp
{
    public const string CodeKey = "abuse-tests-phone-code-key-0123456789abcdef";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:CodeKey", CodeKey), new("Reports:Limits:CodesPerAddressPerHour", "100000")];
}

public sealed class AbuseTests(AbuseApp app) : IClassFixture<AbuseApp>
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public async Task A_phone_code_is_stored_as_a_keyed_hmac_not_as_a_hash_of_its_six_digits()
    {
        var client = app.CreateClient();
        var number = NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        var code = await LatestCodeAsync(client, number);
        var phone = Intl(number);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.ReporterCodes.Single(c => c.Phone == phone).CodeHash));

        Assert.NotEqual(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(code))), stored);
        Assert.NotEqual(Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"{phone}:{code}"))), stored);
        // Under the configured key it is the code's HMAC; under any other key it is something else.
        Assert.Equal(Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AbuseApp.CodeKey), Encoding.UTF8.GetBytes($"{phone}:{code}"))), stored);
        Assert.NotEqual(Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes("another-key-of-at-least-32-characters!!"), Encoding.UTF8.GetBytes($"{phone}:{code}"))), stored);
    }

    [Fact]
    public async Task Forty_parallel_wrong_guesses_get_at_most_five_evaluated_and_the_code_is_dead_afterwards()
    {
        var client = app.CreateClient();
        var number = NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        var code = await LatestCodeAsync(client, number);
        var wrong = Enumerable.Range(0, 1000).Select(i => (100_000 + i * 7).ToString(CultureInfo.InvariantCulture)).Where(g => g != code).Take(40).ToList();

        var answers = await Task.WhenAll(wrong.Select(g => app.CreateClient().PostAsJsonAsync("/api/reporters/verify", new { phone = number, code = g })));
        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is 400 or 429, $"a guess answered {s}"));
        Assert.True(statuses.Count(s => s == 400) <= 5, $"{statuses.Count(s => s == 400)} wrong guesses were evaluated; 5 are allowed");
        Assert.Equal(5, await app.WithDbAsync(db => Task.FromResult(db.ReporterCodes.Single(c => c.Phone == Intl(number)).Attempts)));

        // The right code after the burst: the code is dead, a new one is needed.
        var right = await client.PostAsJsonAsync("/api/reporters/verify", new { phone = number, code });
        Assert.Equal(429, (int)right.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        var next = await LatestCodeAsync(client, number);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/reporters/verify", new { phone = number, code = next })).StatusCode);
    }

    [Fact]
    public async Task A_blocked_number_asking_for_a_code_gets_the_same_answer_as_any_other_number()
    {
        var blocked = NewPhone();
        await app.WithDbAsync(async db =>
        {
            var reporter = new Reporter { Phone = Intl(blocked), CreatedAt = DateTime.UtcNow };
            for (var i = 0; i < Reporter.FalseReportsToBlock; i++) reporter.ReportedFalsely(DateTime.UtcNow);
            db.Reporters.Add(reporter);
            return await db.SaveChangesAsync();
        });
        var other = NewPhone();
        var client = app.CreateClient();

        for (var i = 0; i < 4; i++) // three codes an hour for either, then the same refusal
        {
            var toBlocked = await client.PostAsJsonAsync("/api/reporters/otp", new { phone = blocked });
            var toOther = await client.PostAsJsonAsync("/api/reporters/otp", new { phone = other });
            Assert.Equal(toOther.StatusCode, toBlocked.StatusCode);
            Assert.Equal(toOther.Content.Headers.ContentType?.ToString(), toBlocked.Content.Headers.ContentType?.ToString());
            Assert.Equal(Neutral(await toOther.Content.ReadAsStringAsync(), other), Neutral(await toBlocked.Content.ReadAsStringAsync(), blocked));
        }
        // No SMS is spent on the blocked number.
        Assert.Empty((await client.GetJsonAsync($"/api/dev/outbox?recipient={blocked}")).EnumerateArray());
    }

    /// <summary>The answer without the (masked) number it was for.</summary>
    private static string Neutral(string body, string phone)
    {
        var intl = Intl(phone);
        var masked = body.Replace(intl[..6] + new string('*', intl.Length - 9) + intl[^3..], "<phone>");
        return System.Text.RegularExpressions.Regex.Replace(masked, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\"");
    }

    private static readonly string OccurredAt = DateTimeOffset.UtcNow.AddHours(-3).ToString("O", CultureInfo.InvariantCulture);

    private static HttpRequestMessage Report(string key, string device, string description)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/reports")
        {
            Content = JsonContent.Create(new
            {
                category = "Overstay", villageCode = "36.71.07.1001", occurredAt = OccurredAt, description,
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("X-Device-Id", device);
        return request;
    }

    [Fact]
    public async Task An_idempotency_key_is_the_clients_own_and_bound_to_the_body()
    {
        var key = Guid.NewGuid().ToString();
        var client = app.CreateClient();
        var first = await client.SendAsync(Report(key, "device-a", "WNA bekerja di toko tanpa izin."));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        var token = receipt.GetProperty("verificationToken").GetString();

        // The same client retrying: the same report.
        var retry = await client.SendAsync(Report(key, "device-a", "WNA bekerja di toko tanpa izin."));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(receipt.GetProperty("id").GetString(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        // Another client sending the first one's key (and even its body) gets its own report, never the first receipt.
        var stranger = await app.CreateClient().SendAsync(Report(key, "device-b", "WNA bekerja di toko tanpa izin."));
        Assert.Equal(HttpStatusCode.Created, stranger.StatusCode);
        var theirs = await stranger.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(receipt.GetProperty("id").GetString(), theirs.GetProperty("id").GetString());
        Assert.NotEqual(token, theirs.GetProperty("verificationToken").GetString());

        // The same client, the same key, another body: refused, and nothing of the first report in the answer.
        var changed = await client.SendAsync(Report(key, "device-a", "Laporan lain sama sekali."));
        Assert.Equal(422, (int)changed.StatusCode);
        var text = await changed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token!, text);
        Assert.DoesNotContain(receipt.GetProperty("ticket").GetString()!, text);
    }
}

/// <summary>SMS cost: five codes an hour in all, three to one prefix (+62 812…).</summary>
public sealed class SmsBudgetApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Sms:PerHour", "5"), new("Reports:Sms:PerPrefixPerHour", "3"), new("Reports:Limits:CodesPerAddressPerHour", "100000")];
}

public sealed class SmsBudgetTests(SmsBudgetApp app) : IClassFixture<SmsBudgetApp>
{
    private static string Number(string prefix) => $"{prefix}{Random.Shared.Next(1000000, 9999999)}";

    [Fact]
    public async Task Codes_stop_at_the_hourly_budget_of_a_prefix_and_of_all_numbers()
    {
        var client = app.CreateClient();
        async Task<int> Ask(string phone)
        {
            var answer = await client.PostAsJsonAsync("/api/reporters/otp", new { phone });
            if ((int)answer.StatusCode is not (202 or 429)) Assert.Fail(await answer.Content.ReadAsStringAsync());
            return (int)answer.StatusCode;
        }
        for (var i = 0; i < 3; i++) Assert.Equal(202, await Ask(Number("0812")));
        Assert.Equal(429, await Ask(Number("0812"))); // the prefix's budget, each number new
        Assert.Equal(202, await Ask(Number("0813")));
        Assert.Equal(202, await Ask(Number("0857")));
        Assert.Equal(429, await Ask(Number("0878"))); // all numbers' budget
        Assert.Equal(5, (await client.GetJsonAsync("/api/dev/outbox")).EnumerateArray().Count(m => m.GetProperty("text").GetString()!.Contains("Kode")));

        app.Clock.Offset = TimeSpan.FromMinutes(61);
        try
        {
            var answer = await client.PostAsJsonAsync("/api/reporters/otp", new { phone = Number("0812") });
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        }
        finally { app.Clock.Offset = TimeSpan.Zero; }
    }
}

/// <summary>Two code requests an hour from an address before each needs a solved proof of work.</summary>
public sealed class ChallengeApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Challenge:FreeCodesPerAddressPerHour", "2"), new("Reports:Challenge:MaxNumber", "5000")];
}

public sealed class ChallengeTests(ChallengeApp app) : IClassFixture<ChallengeApp>
{
    /// <summary>What the altcha widget does: finds the number whose SHA-256 with the salt is the challenge.</summary>
    public static string Solve(JsonElement challenge)
    {
        var salt = challenge.GetProperty("salt").GetString()!;
        var target = challenge.GetProperty("challenge").GetString()!;
        var max = challenge.GetProperty("maxnumber").GetInt32();
        for (var n = 0; n <= max; n++)
            if (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + n))) == target)
                return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
                {
                    algorithm = challenge.GetProperty("algorithm").GetString(), challenge = target, number = n, salt,
                    signature = challenge.GetProperty("signature").GetString(), took = 1,
                }));
        throw new InvalidOperationException("No number solves the challenge.");
    }

    [Fact]
    public async Task Past_a_few_code_requests_an_address_must_solve_a_proof_of_work_once_per_request()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone() })).StatusCode);
        Assert.Contains("altcha", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone() })).ProblemAsync(400)).ErrorFields());

        var challenge = await client.GetJsonAsync("/api/reporters/challenge");
        Assert.Equal("SHA-256", challenge.GetProperty("algorithm").GetString());
        var solved = Solve(challenge);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone(), altcha = solved })).StatusCode);
        // Once only.
        Assert.Contains("altcha", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone(), altcha = solved })).ProblemAsync(400)).ErrorFields());

        // A solution with a signature of its own making, or a wrong number, is no solution.
        var forged = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Convert.FromBase64String(Solve(await client.GetJsonAsync("/api/reporters/challenge"))))!;
        var salt = "00?expires=9999999999";
        var ownChallenge = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + "1")));
        var own = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
        {
            algorithm = "SHA-256", challenge = ownChallenge, number = 1, salt,
            signature = Convert.ToHexStringLower(HMACSHA256.HashData("guess"u8.ToArray(), Encoding.UTF8.GetBytes(ownChallenge))),
        }));
        Assert.Contains("altcha", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone(), altcha = own })).ProblemAsync(400)).ErrorFields());
        var wrongNumber = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
        {
            algorithm = "SHA-256", challenge = forged["challenge"].GetString(), number = forged["number"].GetInt32() + 1,
            salt = forged["salt"].GetString(), signature = forged["signature"].GetString(),
        }));
        Assert.Contains("altcha", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone(), altcha = wrongNumber })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("altcha", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone(), altcha = "bm90IGpzb24=" })).ProblemAsync(400)).ErrorFields());
    }
}

/// <summary>On a real port, so that the client's address is known: four unverified reports an address, three reports a phone.</summary>
public sealed class AddressKnownApp : PantauApp
{
    public AddressKnownApp() => this.UseKestrel(0);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Limits:UnverifiedPerAddressPerHour", "4"), new("Reports:Limits:PerPhonePerDay", "3")];
}

public sealed class DeviceFallbackTests(AddressKnownApp app) : IClassFixture<AddressKnownApp>
{
    [Fact]
    public async Task Leaving_out_or_rotating_the_device_id_does_not_escape_the_limits_of_the_address_and_the_phone()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null), device: Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null))).StatusCode);
        // A fifth unverified report from the address: refused with a new device id, and without one.
        Assert.Equal(429, (int)(await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null), device: Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(429, (int)(await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null))).StatusCode);

        // A proved phone sends its own reports: its daily limit holds whatever device it claims.
        var token = await VerifyPhoneAsync(client, NewPhone());
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null), token, device: Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(429, (int)(await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null), token, device: Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(429, (int)(await SubmitAsync(client, Form(village: "36.71.08.1001", lat: null, lon: null), token)).StatusCode);
    }
}

/// <summary>Outside Development the phone codes' key is a secret the operator sets: missing or weak, the app does not start.</summary>
public sealed class CodeKeyTests
{
    private sealed class ProductionApp(string? key) : PantauApp
    {
        // No demo accounts: a production start on its own, empty database.
        protected override bool StartsFromTemplate => false;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            // Every other secret is good: the refusal is the code key's.
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Audit:ChainKey", TestSecrets.ChainKey);
            if (key is not null) builder.UseSetting("Reports:CodeKey", key);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short-key")]
    [InlineData(ReportsOptions.DevelopmentCodeKey)]
    public void Outside_development_the_app_refuses_to_start_without_a_strong_code_key(string? key)
    {
        using var app = new ProductionApp(key);
        var refusal = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Reports:CodeKey", refusal.ToString());
    }
}
