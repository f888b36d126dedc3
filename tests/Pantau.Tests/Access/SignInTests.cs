using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Lodging;
using Pantau.Web.Features.Access;

namespace Pantau.Tests.Access;

/// <summary>The app with a password hasher that counts its checks, and optionally a low per-address sign-in limit.</summary>
public sealed class SignInApp : PantauApp
{
    private int? _perAddress;

    public static SignInApp Limited(int perAddress) => new() { _perAddress = perAddress };

    public CountingHasher Hasher { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => _perAddress is { } n
        ? [new("Access:Login:PerAddress", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Access:Login:Window", "01:00:00")]
        : [];

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<StaffUser>>(Hasher));
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (the test server has no real connection).</summary>
    public HttpClient From(string address)
    {
        var ip = IPAddress.Parse(address);
        return new HttpClient(Server.CreateHandler(ctx => ctx.Connection.RemoteIpAddress = ip)) { BaseAddress = Server.BaseAddress };
    }
}

public sealed class CountingHasher : IPasswordHasher<StaffUser>
{
    private readonly PasswordHasher<StaffUser> _inner = new();
    private int _checks;
    public int Checks => _checks;

    public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Sign-in (issue 12, point 6): one answer, after the same work, for an unknown email and a wrong password; a lockout
/// per account and address, so a stranger cannot keep an officer out; attempts limited per address; and the lodging
/// registration does not tell which emails have accounts. Timing itself is not asserted: the same path is (the hasher
/// runs for unknown emails too).
/// </summary>
public sealed class SignInTests(SignInApp app) : IClassFixture<SignInApp>
{
    private static int _address = 10;

    /// <summary>A fresh client address per test, so the per-address limit of one test does not reach another.</summary>
    private static string NextAddress() => $"10.0.{Interlocked.Increment(ref _address)}.1";

    private static async Task<(int Status, string Title)> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body.TryGetProperty("title", out var t) ? t.GetString()! : "");
    }

    private async Task<string> NewOfficerAsync()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var office = (await admin.GetJsonAsync("/api/offices")).EnumerateArray()
            .Single(o => o.GetProperty("code").GetString() == "KANIM-JAKSEL").GetProperty("id").GetInt32();
        var email = $"masuk-{Guid.NewGuid():N}@pantau.test";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts",
            new { email, fullName = "Petugas Masuk", password = "Rahasia#123", role = "Officer", officeId = office })).StatusCode);
        return email;
    }

    [Fact]
    public async Task An_unknown_email_gets_the_answer_of_a_wrong_password_after_the_same_password_check()
    {
        var client = app.From(NextAddress());
        var before = app.Hasher.Checks;
        var unknown = await LoginAsync(client, $"tidak-ada-{Guid.NewGuid():N}@pantau.test", "Rahasia#123");
        Assert.Equal(before + 1, app.Hasher.Checks);

        before = app.Hasher.Checks;
        var wrong = await LoginAsync(client, "petugas.jaksel@pantau.test", "Salah#12345");
        Assert.Equal(before + 1, app.Hasher.Checks);
        Assert.Equal(wrong, unknown);
        Assert.Equal(401, unknown.Status);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_do_not_lock_the_officer_out_from_another()
    {
        var email = await NewOfficerAsync();
        var stranger = app.From(NextAddress());
        for (var i = 0; i < 4; i++) Assert.Equal(401, (await LoginAsync(stranger, email, $"Salah#{i}")).Status);
        var fifth = await stranger.PostAsJsonAsync("/api/auth/login", new { email, password = "Salah#5" });
        Assert.Contains("locked", (await fifth.ProblemAsync(401)).GetProperty("title").GetString());
        Assert.True(fifth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Locked from the stranger's address, even with the right password …
        Assert.Contains("locked", (await LoginAsync(stranger, email, "Rahasia#123")).Title);
        // … but the officer, elsewhere, signs in.
        Assert.Equal(200, (await LoginAsync(app.From(NextAddress()), email, "Rahasia#123")).Status);
    }

    [Fact]
    public async Task An_unknown_email_is_locked_out_like_a_known_one()
    {
        var client = app.From(NextAddress());
        var unknown = $"tidak-ada-{Guid.NewGuid():N}@pantau.test";
        var known = await NewOfficerAsync();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(401, (await LoginAsync(client, unknown, $"Salah#{i}")).Status);
            Assert.Equal(401, (await LoginAsync(client, known, $"Salah#{i}")).Status);
        }
        Assert.Equal(await LoginAsync(client, known, "Salah#5"), await LoginAsync(client, unknown, "Salah#5"));
    }

    [Fact]
    public async Task Sign_ins_are_limited_per_client_address()
    {
        using var limited = SignInApp.Limited(perAddress: 8);
        var busy = limited.From(NextAddress());
        for (var i = 0; i < 8; i++) Assert.Equal(401, (await LoginAsync(busy, $"x{i}-{Guid.NewGuid():N}@pantau.test", "Salah#1")).Status);
        var refused = await busy.PostAsJsonAsync("/api/auth/login", new { email = "petugas.jaksel@pantau.test", password = PantauApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Another address is not held back by the first one's attempts.
        Assert.Equal(200, (await LoginAsync(limited.From(NextAddress()), "petugas.jaksel@pantau.test", PantauApp.Password)).Status);
    }

    [Fact]
    public async Task The_lodging_registration_does_not_tell_which_emails_have_accounts()
    {
        var anonymous = app.From(NextAddress());
        var (_, hotelEmail, _) = await app.VerifiedLodgingAsync(name: "Hotel Lama");
        var messagesBefore = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Text.Contains("pendaftaran penginapan")));

        var fresh = await anonymous.PostAsJsonAsync("/api/lodgings", Lodgings.Registration(Lodgings.NextEmail(), name: "Hotel Baru"));
        var taken = await anonymous.PostAsJsonAsync("/api/lodgings", Lodgings.Registration(hotelEmail, name: "Hotel Baru"));
        var staff = await anonymous.PostAsJsonAsync("/api/lodgings", Lodgings.Registration("petugas.jaksel@pantau.test", name: "Hotel Baru"));
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        // The same answer, field for field, but for the new id and time.
        static string Shape(JsonElement j) => string.Join(",", j.EnumerateObject()
            .Where(p => p.Name is not ("id" or "registeredAt" or "email")).Select(p => $"{p.Name}={p.Value}"));
        var freshJson = await fresh.Content.ReadFromJsonAsync<JsonElement>();
        var takenJson = await taken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Shape(freshJson), Shape(takenJson));
        Assert.Equal(Shape(freshJson), Shape(await staff.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(hotelEmail, takenJson.GetProperty("email").GetString());

        // Nothing was registered for the taken emails; the hotel's owner was told, and its account is as it was.
        Assert.Equal(1, await app.WithDbAsync(db => db.Lodgings.CountAsync(l => l.Name == "Hotel Baru")));
        Assert.Equal(messagesBefore + 1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Text.Contains("pendaftaran penginapan"))));
        await app.LoginAsync(hotelEmail);
        await app.LoginAsync("petugas.jaksel@pantau.test");

        // A weak password is refused the same way whether the email is taken or not.
        var weak = Lodgings.Registration(hotelEmail);
        weak["password"] = "short";
        Assert.Equal(["password"], (await (await anonymous.PostAsJsonAsync("/api/lodgings", weak)).ProblemAsync(400)).ErrorFields());
    }
}
