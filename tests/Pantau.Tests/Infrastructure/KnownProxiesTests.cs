using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Pantau.Tests.Infrastructure;

/// <summary>The app on a real port with a low per-address report limit; <see cref="Proxies"/> as configured.</summary>
public abstract class ProxyTestApp : PantauApp
{
    private bool _started;

    protected ProxyTestApp() => this.UseKestrel(0);

    protected virtual IEnumerable<KeyValuePair<string, string?>> Proxies => [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Limits:PerAddressPerHour", "2"), .. Proxies];

    /// <summary>A client on 127.0.0.1 (not "localhost", which may be ::1), sending as <paramref name="forwardedFor"/>.</summary>
    public HttpClient ClientSaying(string? forwardedFor, string? bearer = null)
    {
        if (!_started)
        {
            StartServer();
            _started = true;
        }
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri });
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    public async Task<string> TokenOfAsync(string email)
    {
        var login = await ClientSaying(null).PostAsync("/api/auth/login",
            JsonContent.Create(new { email, password = Password }));
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

public sealed class DirectApp : ProxyTestApp;

public sealed class BehindLocalProxyApp : ProxyTestApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Proxies => [new("ForwardedHeaders:KnownProxies:0", "127.0.0.1")];
}

public static class ProxyChecks
{
    public const string Forwarded = "203.0.113.7";
    public const string OtherClient = "198.51.100.23";

    /// <summary>An empty post to the report intake: the per-address limit counts it before the form is read.</summary>
    public static async Task<HttpStatusCode> PostEmptyReportAsync(this HttpClient client) =>
        (await client.PostAsync("/api/public/reports", new StringContent(""))).StatusCode;

    /// <summary>Registers a person as the Tangerang officer and answers the address the audit entry of it names.</summary>
    public static async Task<string?> AuditedAddressAsync(ProxyTestApp app, string? forwardedFor)
    {
        var officer = app.ClientSaying(forwardedFor, await app.TokenOfAsync("petugas.tangerang@pantau.test"));
        var person = await officer.RegisterAsync(People.Registration(People.TangerangVillage));
        var admin = app.ClientSaying(null, await app.TokenOfAsync("admin@pantau.test"));
        var entries = await admin.GetJsonAsync($"/api/audit?record={person.GetProperty("id").GetString()}");
        return entries.GetProperty("items")[0].GetProperty("clientAddress").GetString();
    }
}

public sealed class WithoutProxyTests(DirectApp app) : IClassFixture<DirectApp>
{
    [Fact]
    public async Task A_forwarded_address_from_a_client_changes_neither_the_audited_address_nor_the_limit()
    {
        var audited = await ProxyChecks.AuditedAddressAsync(app, ProxyChecks.Forwarded);
        Assert.NotEqual(ProxyChecks.Forwarded, audited);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(audited!).MapToIPv4()), $"audited {audited}");

        // Three "clients" that are one connection's address: the limit of 2 holds for all of them together.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await app.ClientSaying(ProxyChecks.Forwarded).PostEmptyReportAsync());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await app.ClientSaying(ProxyChecks.OtherClient).PostEmptyReportAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await app.ClientSaying("192.0.2.99").PostEmptyReportAsync());
    }
}

public sealed class BehindProxyTests(BehindLocalProxyApp app) : IClassFixture<BehindLocalProxyApp>
{
    [Fact]
    public async Task The_address_a_known_proxy_forwards_is_the_one_audited_and_limited()
    {
        Assert.Equal(ProxyChecks.Forwarded, await ProxyChecks.AuditedAddressAsync(app, ProxyChecks.Forwarded));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await app.ClientSaying(ProxyChecks.Forwarded).PostEmptyReportAsync());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await app.ClientSaying(ProxyChecks.Forwarded).PostEmptyReportAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await app.ClientSaying(ProxyChecks.Forwarded).PostEmptyReportAsync());
        // Another client behind the same proxy has its own allowance.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await app.ClientSaying(ProxyChecks.OtherClient).PostEmptyReportAsync());
        // A client that writes an address before the one the proxy appends: the proxy's entry counts, not the client's.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await app.ClientSaying($"{ProxyChecks.Forwarded}, 192.0.2.50").PostEmptyReportAsync());
    }
}

/// <summary>Proxy settings are checked at start.</summary>
public sealed class ProxySettingsTests
{
    private sealed class BadProxyApp : PantauApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")];
    }

    [Fact]
    public void A_malformed_proxy_network_stops_the_start_naming_the_setting()
    {
        using var app = new BadProxyApp();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("ForwardedHeaders:KnownNetworks", error.ToString());
    }
}
