using System.Net.Http.Json;
using System.Text.Json;

namespace Pantau.Tests.Infrastructure;

/// <summary>Builds registration bodies with numbers no other test uses.</summary>
public static class People
{
    private static int _next = Random.Shared.Next(1000, 9000) * 1000;

    public const string SetiaBudi = "31.74.02.1001";      // Jakarta Selatan
    public const string KaretKuningan = "31.74.02.1003";   // Jakarta Selatan
    public const string TangerangVillage = "36.71.01.1001"; // Kota Tangerang

    public static string NextPassport() => $"X{Interlocked.Increment(ref _next):D8}";

    public static Dictionary<string, object?> Registration(string village = SetiaBudi, string name = "Wang Wei", string nationality = "CHN",
        string? passport = null, string permitType = "ITAS", string? permitNumber = null, string permitExpiry = "2027-06-30",
        int rw = 1, int rt = 1, string dateOfBirth = "1985-04-12") => new()
    {
        ["fullName"] = name,
        ["sex"] = "Male",
        ["dateOfBirth"] = dateOfBirth,
        ["nationality"] = nationality,
        ["passports"] = new[] { new Dictionary<string, object?> { ["number"] = passport ?? NextPassport(), ["issuingState"] = nationality, ["expiryDate"] = "2030-01-01" } },
        ["permits"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["type"] = permitType, ["number"] = permitNumber ?? $"2C{Interlocked.Increment(ref _next):D9}", ["issueDate"] = "2025-06-30",
                ["expiryDate"] = permitExpiry, ["purpose"] = "work", ["sponsor"] = "PT Maju Jaya",
            },
        },
        ["address"] = new Dictionary<string, object?> { ["villageCode"] = village, ["rw"] = rw, ["rt"] = rt, ["street"] = "Jl. Setia Budi No. 1", ["since"] = "2025-07-01" },
    };

    public static async Task<JsonElement> RegisterAsync(this HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/foreigners", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"register: {(int)response.StatusCode} {json}");
        return json;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
}
