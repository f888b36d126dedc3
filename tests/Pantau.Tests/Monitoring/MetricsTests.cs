using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Operations;
using Pantau.Web.Infrastructure;

namespace Pantau.Tests.Monitoring;

/// <summary>
/// An app whose /metrics answers the operator's token. Its meter has a name of its own: every app of the test process
/// makes a meter, and an exporter reads every meter of its name, so another app's counters (and their going away with
/// that app) would mix into this one's.
/// </summary>
public sealed class MetricsApp : PantauApp
{
    public const string Token = "operator-metrics-token-0123456789abcdef";

    public string MeterName { get; } = $"Pantau.Tests.{Guid.NewGuid():N}";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Monitoring:MetricsToken", Token), new("Monitoring:MeterName", MeterName)];
}

public sealed class MetricsTests(MetricsApp app) : IClassFixture<MetricsApp>
{
    /// <summary>Prometheus's text format: the sum of a metric's samples whose labels include <paramref name="labels"/>.</summary>
    private static double Sample(string text, string name, params (string Key, string Value)[] labels) =>
        text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') is var close and > 0 ? close + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    private async Task<string> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsApp.Token);
        var response = await app.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return text;
    }

    [Fact]
    public async Task A_journey_moves_the_counters_prometheus_reads()
    {
        var tangerangClient = await app.LoginAsync("petugas.tangerang@pantau.test");
        var office = (await Desk.OfficeIdAsync(tangerangClient, "KANIM-TANGERANG")).ToString(CultureInfo.InvariantCulture);
        var before = await ScrapeAsync();

        // Two reports from proved phones (two codes by SMS), one turned away at triage; a field check; a walk of the chain.
        await Desk.ReportAsync(app);
        var rejected = await Desk.ReportAsync(app, village: "36.71.01.1003");
        await Desk.TriageAsync(tangerangClient, rejected.Id, new { action = "Reject", reason = "NotImmigration" });
        var check = await tangerangClient.PostAsJsonAsync("/api/field-checks", new { passportNumber = People.NextPassport(), purpose = "patroli rutin" });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.True((await admin.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean());

        // The gauges that cost a query are read at most every 20 s: the next scrape is past that.
        app.Clock.Offset += TimeSpan.FromSeconds(21);
        var after = await ScrapeAsync();
        double Moved(string name, params (string, string)[] labels) => Sample(after, name, labels) - Sample(before, name, labels);
        Assert.True(Moved("pantau_reports_received_total", ("office", office), ("channel", "public")) >= 2, after);
        Assert.True(Moved("pantau_reports_verified_total", ("office", office), ("channel", "public")) >= 2, after);
        Assert.True(Moved("pantau_reports_rejected_total", ("office", office), ("channel", "public")) >= 1, after);
        Assert.True(Moved("pantau_sms_codes_total") >= 2, after);
        Assert.True(Moved("pantau_field_checks_total", ("office", office), ("found", "false")) >= 1, after);
        Assert.True(Moved("pantau_audit_appends_total") >= 2, after); // the field check's entry and the triage's read of the phone
        Assert.True(Moved("pantau_audit_verifications_total", ("result", "intact")) >= 1, after);
        // The state: the report still open is in Tangerang's queue; Tangerang Selatan's queue, empty, reads zero (not
        // nothing), and so do its stages running late.
        Assert.True(Sample(after, "pantau_queue_length", ("office", office)) >= 1, after);
        var empty = (await Desk.OfficeIdAsync(tangerangClient, "KANIM-TANGSEL")).ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"pantau_queue_length{{otel_scope_name=\"{app.MeterName}\",office=\"{empty}\"}} 0", after, StringComparison.Ordinal);
        Assert.Contains($"pantau_sla_late{{otel_scope_name=\"{app.MeterName}\",office=\"{empty}\",stage=\"Triage\"}} 0", after, StringComparison.Ordinal);
        Assert.Contains("pantau_sms_budget_used{", after, StringComparison.Ordinal);
    }

    /// <summary>
    /// In a process of its own, as in production: ASP.NET Core's and EF Core's meters have one name in every app of the
    /// test process, and its exporters keep the first app's streams of them, not necessarily this one's.
    /// </summary>
    [Fact]
    public async Task An_instance_exports_the_frameworks_instruments_beside_its_own()
    {
        await using var process = await AppProcess.StartAsync(app, "--Monitoring:MetricsToken", MetricsApp.Token);
        using var http = new HttpClient { BaseAddress = process.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/public/stats")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsApp.Token);
        var text = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.True(Sample(text, "http_server_request_duration_seconds_count", ("http_route", "/api/public/stats")) >= 1, text);
        Assert.True(Sample(text, "microsoft_entityframeworkcore_queries_total") >= 1, text);
        Assert.Contains("pantau_sms_budget_used{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrape_right_after_another_reads_the_numbers_of_now()
    {
        var before = Sample(await ScrapeAsync(), "pantau_audit_appends_total");
        app.Services.GetRequiredService<PantauMetrics>().AuditAppends.Add(3);
        var after = Sample(await ScrapeAsync(), "pantau_audit_appends_total");
        Assert.True(after >= before + 3, $"{before} then {after}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-0123456789abcdef0123456789")]
    [InlineData("Bearer " + MetricsApp.Token + "x")]
    public async Task Without_the_token_there_is_nothing_at_metrics(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("pantau_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_instance_writes_json_logs_when_asked_and_maps_no_metrics_without_a_token()
    {
        await using var process = await AppProcess.StartAsync(app,
            "--Logging:Console:FormatterName", "json", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
        using var http = new HttpClient { BaseAddress = process.Address };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);

        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var started = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .FirstOrDefault(e => e.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime");
        Assert.True(started.ValueKind == JsonValueKind.Object, process.Output);
        Assert.Equal("Information", started.GetProperty("LogLevel").GetString());
        Assert.False(string.IsNullOrEmpty(started.GetProperty("Message").GetString()));
    }
}
