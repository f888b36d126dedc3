using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Access;

namespace Pantau.Tests.Access;

/// <summary>
/// The keys that sign bearer tokens and cookies are in the database, encrypted with the operator's certificate: whoever
/// copies the database gets the key rows, but without the certificate forges and reads no token.
/// </summary>
public sealed class KeyRingTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task The_stored_keys_hold_no_plain_master_key()
    {
        await app.LoginAsync("admin@pantau.test");
        var rows = await KeyRowsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml);
            Assert.Contains("encryptedSecret", xml);
        });
    }

    [Fact]
    public async Task A_copy_of_the_database_alone_cannot_read_a_bearer_token()
    {
        var token = await BearerTokenAsync();
        var rows = await KeyRowsAsync();

        Assert.Null(BearerTokens(rows, certificate: null).Unprotect(token));

        // The same rows with the operator's certificate do read it: the purposes above are the app's own.
        var certificate = app.Services.GetRequiredService<KeyProtectionCertificate>().Certificate!;
        var ticket = BearerTokens(rows, certificate).Unprotect(token);
        Assert.NotNull(ticket);
        Assert.Equal("admin@pantau.test", ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value);
    }

    [Fact]
    public async Task Tokens_stay_valid_for_another_instance_with_the_same_certificate()
    {
        var token = await BearerTokenAsync();
        using var second = new SecondInstance(app.ConnectionString);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    private async Task<string> BearerTokenAsync()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "admin@pantau.test", password = PantauApp.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private Task<List<string>> KeyRowsAsync() =>
        app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync());

    /// <summary>What an attacker builds from the copied rows: data protection with the app's name, on those keys only.</summary>
    private static TicketDataFormat BearerTokens(IReadOnlyList<string> rows, X509Certificate2? certificate)
    {
        var services = new ServiceCollection();
        var protection = services.AddDataProtection().SetApplicationName("Pantau").DisableAutomaticKeyGeneration();
        if (certificate is not null) protection.UnprotectKeysWithAnyCertificate(certificate);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new CopiedRows(rows));
        var provider = services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        return new TicketDataFormat(provider.CreateProtector("Microsoft.AspNetCore.Authentication.BearerToken", IdentityConstants.BearerScheme, "BearerToken"));
    }

    private sealed class CopiedRows(IReadOnlyList<string> rows) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => rows.Select(r => XElement.Parse(r)).ToList();
        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("A copy is read only.");
    }
}
