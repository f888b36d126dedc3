using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Reports;

/// <summary>Each defence against fake and abusive reports, played by a test that does the abuse.</summary>
public sealed class DefencesTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task Reports_of_one_thing_within_200_m_and_a_day_are_one_incident_counting_independent_reporters()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var client = app.CreateClient();
        var alice = await VerifyPhoneAsync(client, NewPhone());
        var bob = await VerifyPhoneAsync(client, NewPhone());
        // About 100 m apart; then the same reporter again; then 400 m away; then another category on the spot.
        var first = await SubmittedAsync(client, Form("UnauthorisedWork", lat: -6.2000, lon: 106.6000), alice);
        var second = await SubmittedAsync(client, Form("UnauthorisedWork", lat: -6.2009, lon: 106.6000), bob);
        var third = await SubmittedAsync(client, Form("UnauthorisedWork", lat: -6.2001, lon: 106.6001), alice);
        var far = await SubmittedAsync(client, Form("UnauthorisedWork", lat: -6.2036, lon: 106.6000), bob);
        var other = await SubmittedAsync(client, Form("PublicDisorder", lat: -6.2000, lon: 106.6000), bob);

        async Task<JsonElement> Staff(JsonElement receipt) => await officer.GetJsonAsync($"/api/reports/{receipt.GetProperty("id").GetString()}");
        var incident = (await Staff(first)).GetProperty("incidentId").GetString();
        Assert.Equal(incident, (await Staff(second)).GetProperty("incidentId").GetString());
        Assert.Equal(incident, (await Staff(third)).GetProperty("incidentId").GetString());
        Assert.Equal(2, (await Staff(third)).GetProperty("independentReporters").GetInt32());
        Assert.NotEqual(incident, (await Staff(far)).GetProperty("incidentId").GetString());
        Assert.NotEqual(incident, (await Staff(other)).GetProperty("incidentId").GetString());

        // A day later the same spot is a new incident.
        app.Clock.Offset = TimeSpan.FromHours(25);
        try
        {
            var later = await SubmittedAsync(client, Form("UnauthorisedWork", lat: -6.2000, lon: 106.6000), alice);
            officer = await app.LoginAsync("petugas.tangerang@pantau.test"); // a day later, a new shift
            Assert.NotEqual(incident, (await Staff(later)).GetProperty("incidentId").GetString());
        }
        finally { app.Clock.Offset = TimeSpan.Zero; }
    }

    [Fact]
    public async Task Reports_of_one_spot_arriving_together_open_one_incident()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var client = app.CreateClient();
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++) tokens.Add(await VerifyPhoneAsync(client, NewPhone()));
        var receipts = await Task.WhenAll(tokens.Select(t => SubmittedAsync(client, Form("NotAtAddress", lat: -6.2500, lon: 106.6500), t)));
        var reports = await Task.WhenAll(receipts.Select(r => officer.GetJsonAsync($"/api/reports/{r.GetProperty("id").GetString()}")));
        Assert.Single(reports.Select(r => r.GetProperty("incidentId").GetString()).Distinct());
        Assert.All(reports, r => Assert.Equal(6, r.GetProperty("independentReporters").GetInt32()));
    }

    /// <summary>
    /// Several instances on PostgreSQL: reports of one spot arriving at two instances together still open one incident
    /// (an advisory lock held to commit). On SQLite, one instance serves, and the same reports go through it.
    /// </summary>
    [Fact]
    public async Task Reports_of_one_spot_arriving_at_two_instances_together_open_one_incident()
    {
        using var second = app.Provider == Pantau.Web.Data.DatabaseProvider.Postgres ? new SecondInstance(app.ConnectionString) : null;
        var clients = new[] { app.CreateClient(), (second ?? app).CreateClient() };
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var tokens = new List<string>();
        for (var i = 0; i < 8; i++) tokens.Add(await VerifyPhoneAsync(clients[0], NewPhone()));
        var receipts = await Task.WhenAll(tokens.Select((t, i) => SubmittedAsync(clients[i % 2], Form("SuspiciousActivity", lat: -6.2600, lon: 106.6600), t)));
        var reports = await Task.WhenAll(receipts.Select(r => officer.GetJsonAsync($"/api/reports/{r.GetProperty("id").GetString()}")));
        Assert.Single(reports.Select(r => r.GetProperty("incidentId").GetString()).Distinct());
        Assert.All(reports, r => Assert.Equal(8, r.GetProperty("independentReporters").GetInt32()));
    }

    [Fact]
    public async Task False_reports_lower_a_reporters_place_in_the_queue_and_three_of_them_block_the_number()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var client = app.CreateClient();
        var number = NewPhone();
        var liar = await VerifyPhoneAsync(client, number);
        var honest = await VerifyPhoneAsync(client, NewPhone());
        for (var i = 0; i < 2; i++)
        {
            var fake = await SubmittedAsync(client, Form("Other", village: "36.71.02.1001", lat: null, lon: null), liar);
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/reports/{fake.GetProperty("id").GetString()}/triage",
                new { action = "Reject", reason = "FalseReport", note = "Tidak ditemukan WNA di lokasi." })).StatusCode);
        }
        var fromLiar = await SubmittedAsync(client, Form("Overstay", village: "36.71.03.1001", lat: null, lon: null), liar);
        var fromHonest = await SubmittedAsync(client, Form("Overstay", village: "36.71.04.1001", lat: null, lon: null), honest);
        var queue = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.True(queue.IndexOf(fromHonest.GetProperty("id").GetString()) < queue.IndexOf(fromLiar.GetProperty("id").GetString()),
            "the same report from a reporter with a clean record comes first");

        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/reports/{fromLiar.GetProperty("id").GetString()}/triage",
            new { action = "Reject", reason = "FalseReport", publicNote = "Laporan palsu." })).StatusCode);
        var blocked = await SubmitAsync(client, Form(), liar);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        // Asking for a code tells no one the number is blocked (AbuseTests compares the answers); no code is sent.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        var rejection = (await client.GetJsonAsync($"/api/dev/outbox?recipient={number}")).EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains(rejection, m => m!.Contains("Laporan palsu."));
    }

    [Fact]
    public async Task A_phone_gets_three_codes_an_hour_and_five_tries_at_a_code_which_lasts_five_minutes()
    {
        var client = app.CreateClient();
        var number = NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        for (var i = 0; i < 5; i++)
            Assert.Contains("code", (await (await client.PostAsJsonAsync("/api/reporters/verify", new { phone = number, code = "000000" == "x" ? "" : $"99999{i}" })).ProblemAsync(400)).ErrorFields());
        var code = await LatestCodeAsync(client, number);
        Assert.Equal(429, (int)(await client.PostAsJsonAsync("/api/reporters/verify", new { phone = number, code })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        var second = await LatestCodeAsync(client, number);
        app.Clock.Offset = TimeSpan.FromMinutes(6);
        try
        {
            Assert.Contains("code", (await (await client.PostAsJsonAsync("/api/reporters/verify", new { phone = number, code = second })).ProblemAsync(400)).ErrorFields());
        }
        finally { app.Clock.Offset = TimeSpan.Zero; }
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
        Assert.Equal(429, (int)(await client.PostAsJsonAsync("/api/reporters/otp", new { phone = number })).StatusCode);
    }

    [Fact]
    public async Task A_device_sending_report_after_report_is_stopped()
    {
        var client = app.CreateClient();
        var device = Guid.NewGuid().ToString();
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, Form(village: "36.71.05.1001", lat: null, lon: null), device: device)).StatusCode);
        Assert.Equal(429, (int)(await SubmitAsync(client, Form(village: "36.71.05.1001", lat: null, lon: null), device: device)).StatusCode);
    }

    [Fact]
    public async Task A_verified_phone_sends_at_most_ten_reports_a_day()
    {
        var client = app.CreateClient();
        var token = await VerifyPhoneAsync(client, NewPhone());
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, Form(village: "36.71.06.1001", lat: null, lon: null), token)).StatusCode);
        Assert.Equal(429, (int)(await SubmitAsync(client, Form(village: "36.71.06.1001", lat: null, lon: null), token)).StatusCode);
    }
}

/// <summary>One client address flooding the service.</summary>
public sealed class FloodApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Limits:PerAddressPerHour", "5"), new("Reports:Limits:CodesPerAddressPerHour", "3")];
}

public sealed class AddressLimitTests(FloodApp app) : IClassFixture<FloodApp>
{
    [Fact]
    public async Task One_address_flooding_reports_or_codes_gets_429_with_a_retry_time()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, Form())).StatusCode);
        var refused = await SubmitAsync(client, Form());
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null || refused.Headers.Contains("Retry-After"));
        for (var i = 0; i < 3; i++) await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone() });
        Assert.Equal(429, (int)(await client.PostAsJsonAsync("/api/reporters/otp", new { phone = NewPhone() })).StatusCode);
    }
}
