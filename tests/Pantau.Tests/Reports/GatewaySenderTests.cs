using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Reports;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Reports;

/// <summary>A message gateway outside Pantau's database, as an SMS gateway is: it only records what it was asked to send.</summary>
public sealed class GatewaySender : IMessageSender
{
    public ConcurrentQueue<(string Phone, string Text)> Sent { get; } = new();

    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        Sent.Enqueue((phone, text));
        return Task.CompletedTask;
    }
}

public sealed class GatewayApp : PantauApp
{
    public GatewaySender Gateway { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IMessageSender>(Gateway));
    }
}

/// <summary>
/// Intake with a sender that does not keep messages in the database: reports of a burst are saved in groups, and each
/// reporter is texted after the commit, once, about their own ticket.
/// </summary>
public sealed partial class GatewaySenderTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    private async Task<string> VerifyThroughGatewayAsync(HttpClient client, string phone)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/reporters/otp", new { phone })).StatusCode);
        var code = SixDigits().Match(app.Gateway.Sent.Last(m => m.Phone == Intl(phone) && m.Text.Contains("Kode")).Text).Groups[1].Value;
        var verified = await client.PostAsJsonAsync("/api/reporters/verify", new { phone, code });
        var json = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verified.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("reporterToken").GetString()!;
    }

    [Fact]
    public async Task Each_reporter_of_a_burst_is_texted_once_about_their_saved_report_and_nothing_goes_to_the_outbox()
    {
        var client = app.CreateClient();
        var phones = Enumerable.Range(0, 8).Select(_ => NewPhone()).ToList();
        var tokens = new List<string>();
        foreach (var phone in phones) tokens.Add(await VerifyThroughGatewayAsync(client, phone));

        var receipts = await Task.WhenAll(tokens.Select(t => SubmittedAsync(client, Form(), t)));

        foreach (var (phone, receipt) in phones.Zip(receipts))
        {
            var ticket = receipt.GetProperty("ticket").GetString()!;
            Assert.Single(app.Gateway.Sent, m => m.Text.Contains(ticket));
            Assert.Contains(app.Gateway.Sent, m => m.Phone == Intl(phone) && m.Text.Contains(ticket) && m.Text.Contains("diteruskan ke petugas"));
            Assert.Equal("Verified", (await client.GetJsonAsync($"/api/public/reports/{ticket}")).GetProperty("status").GetString());
        }
        Assert.Equal(0, (await client.GetJsonAsync("/api/dev/outbox")).GetArrayLength());
    }
}
