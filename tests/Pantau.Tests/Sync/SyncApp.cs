using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Sync;

namespace Pantau.Tests.Sync;

/// <summary>The app with a shared key for the central database's pushes, and what a test needs to push signed batches.</summary>
public sealed class SyncApp : PantauApp
{
    public const string SharedKey = "central-test-key-0123456789";
    public static readonly byte[] Key = Encoding.UTF8.GetBytes(SharedKey);
    public static readonly DateOnly Today = new(2026, 11, 22);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Sync:SharedKey", SharedKey)];

    /// <summary>Posts events as the central database would: signed now (or at <paramref name="signedAt"/>, or with another key).</summary>
    public async Task<HttpResponseMessage> PushAsync(IEnumerable<object> events, DateTimeOffset? signedAt = null, byte[]? key = null,
        bool sign = true)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { events }, SyncJson.Options);
        return await PushRawAsync(body, sign ? FeedSignature.Sign(body, key ?? Key, signedAt ?? DateTimeOffset.UtcNow) : null);
    }

    public async Task<HttpResponseMessage> PushRawAsync(byte[] body, string? signature)
    {
        var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null) request.Headers.Add(FeedSignature.Header, signature);
        return await client.SendAsync(request);
    }

    public async Task<BatchResult> PushOkAsync(params object[] events)
    {
        var response = await PushAsync(events);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"push: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<BatchResult>(text, SyncJson.Options)!;
    }

    /// <summary>Villages of Kota Tangerang and Jakarta Selatan, for the simulator.</summary>
    public Task<List<string>> VillagesAsync() => WithDbAsync(db => db.Regions.AsNoTracking()
        .Where(r => r.Level == RegionLevel.Village && (r.Code.StartsWith("36.71.") || r.Code.StartsWith("31.74.")))
        .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync());

    public Task<Foreigner?> PersonAsync(string centralId) => WithDbAsync(async db =>
    {
        var link = await db.CentralPeople.AsNoTracking().FirstOrDefaultAsync(c => c.CentralId == centralId);
        return link is null ? null : await RegistryQueries.LoadAsync(db.Foreigners.AsNoTracking(), link.ForeignerId, default);
    });

    public Task<int> EventRowsAsync() => WithDbAsync(db => db.CentralEvents.CountAsync());

    public async Task<JsonElement> StateAsync()
    {
        var admin = await LoginAsync("admin@pantau.test");
        return await admin.GetJsonAsync("/api/sync/state");
    }
}

/// <summary>Events as the central database writes them.</summary>
public static class Central
{
    private static int _next = Random.Shared.Next(100_000, 900_000) * 10;

    public static string NewPersonId() => $"T{Interlocked.Increment(ref _next):D9}";
    public static string NewEventId() => $"ev-{Guid.NewGuid():N}";

    public static Dictionary<string, object?> Event(string personId, long sequence, string type, Dictionary<string, object?>? fields = null,
        string? eventId = null)
    {
        var e = new Dictionary<string, object?>
        {
            ["eventId"] = eventId ?? NewEventId(), ["personId"] = personId, ["sequence"] = sequence, ["type"] = type,
            ["occurredAt"] = DateTimeOffset.UtcNow.AddSeconds(-2),
        };
        foreach (var (k, v) in fields ?? []) e[k] = v;
        return e;
    }

    /// <summary>A full record (PersonCreated/PersonUpdated) in the registry's request shape.</summary>
    public static Dictionary<string, object?> Created(string personId, long sequence = 1, string village = People.SetiaBudi, string? passport = null,
        string? permit = null, string type = "PersonCreated", string name = "Li Wei") =>
        Event(personId, sequence, type, new() { ["person"] = Person(village, passport ?? People.NextPassport(), permit ?? $"KT{People.NextPassport()}", name) });

    public static Dictionary<string, object?> Person(string village, string passport, string permit, string name = "Li Wei") => new()
    {
        ["fullName"] = name, ["sex"] = "Female", ["dateOfBirth"] = "1988-02-03", ["nationality"] = "CHN", ["status"] = "Active",
        ["passports"] = new[] { new Dictionary<string, object?> { ["number"] = passport, ["issuingState"] = "CHN", ["expiryDate"] = "2031-01-01" } },
        ["permits"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["type"] = "ITAS", ["number"] = permit, ["issueDate"] = "2026-01-10", ["expiryDate"] = "2027-01-10", ["purpose"] = "work",
                ["sponsor"] = "PT Maju Jaya",
            },
        },
        ["address"] = new Dictionary<string, object?> { ["villageCode"] = village, ["rw"] = 2, ["rt"] = 3, ["street"] = "Jl. Melati 1", ["since"] = "2026-01-15" },
    };

    public static Dictionary<string, object?> Moved(string personId, long sequence, string village, int rw = 4, int rt = 5) =>
        Event(personId, sequence, "AddressChanged", new()
        {
            ["address"] = new Dictionary<string, object?> { ["villageCode"] = village, ["rw"] = rw, ["rt"] = rt, ["street"] = "Jl. Kenanga 9", ["since"] = "2026-06-01" },
        });

    public static Dictionary<string, object?> Extended(string personId, long sequence, string permit, string until) =>
        Event(personId, sequence, "PermitExtended", new() { ["permit"] = new Dictionary<string, object?> { ["number"] = permit, ["expiryDate"] = until } });
}
