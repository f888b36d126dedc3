using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Lodging;

/// <summary>Lodgings made through the public registration and the office's verification, as a hotel would.</summary>
public static class Lodgings
{
    private static int _next = Random.Shared.Next(1000, 9000) * 100;

    public static string NextEmail(string name = "hotel") => $"{name}{Interlocked.Increment(ref _next)}@penginapan.test";

    public static Dictionary<string, object?> Registration(string? email = null, string village = People.TangerangVillage, string name = "Hotel Cisadane",
        string kind = "Hotel") => new()
    {
        ["name"] = name,
        ["kind"] = kind,
        ["villageCode"] = village,
        ["address"] = "Jl. Jend. Sudirman No. 5",
        ["contactName"] = "Budi Santoso",
        ["contactPhone"] = "0812 3456 7890",
        ["email"] = email ?? NextEmail(),
        ["password"] = PantauApp.Password,
    };

    public static async Task<JsonElement> RegisterLodgingAsync(this PantauApp app, Dictionary<string, object?> body)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/lodgings", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"lodging registration: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>A lodging registered, verified by <paramref name="verifier"/>, and signed in.</summary>
    public static async Task<(HttpClient Client, string Email, Guid Id)> VerifiedLodgingAsync(this PantauApp app, string village = People.TangerangVillage,
        string verifier = "petugas.tangerang@pantau.test", string name = "Hotel Cisadane", string? email = null)
    {
        email ??= NextEmail();
        var lodging = await app.RegisterLodgingAsync(Registration(email, village, name));
        var id = lodging.GetProperty("id").GetGuid();
        var officer = await app.LoginAsync(verifier);
        var decided = await officer.PostAsJsonAsync($"/api/lodgings/{id}/decision", new { approve = true });
        Assert.True(decided.IsSuccessStatusCode, $"verification: {(int)decided.StatusCode} {await decided.Content.ReadAsStringAsync()}");
        return (await app.LoginAsync(email), email, id);
    }

    public static Dictionary<string, object?> CheckIn(string passport, string nationality = "CHN", string room = "101", DateOnly? checkIn = null,
        DateOnly? plannedCheckOut = null, string? guestName = null) => new()
    {
        ["passportNumber"] = passport,
        ["nationality"] = nationality,
        ["room"] = room,
        ["checkIn"] = (checkIn ?? Today).ToString("yyyy-MM-dd"),
        ["plannedCheckOut"] = plannedCheckOut?.ToString("yyyy-MM-dd"),
        ["guestName"] = guestName,
    };

    public static async Task<JsonElement> CheckInAsync(this HttpClient lodging, Dictionary<string, object?> body)
    {
        var response = await lodging.PostAsJsonAsync("/api/lodging/stays", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"check-in: {(int)response.StatusCode} {json}");
        return json;
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");
}
