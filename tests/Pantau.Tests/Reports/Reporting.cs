using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Reports;

/// <summary>What a resident's phone does: get a code, read it from the (development) outbox, verify, report.</summary>
public static partial class Reporting
{
    public const string TangerangVillage = People.TangerangVillage;
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static string NewPhone() => $"0812{Random.Shared.Next(1000000, 9999999)}";

    public static string Intl(string phone) => "+62" + phone[1..];

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    public static async Task<string> LatestCodeAsync(HttpClient client, string phone)
    {
        var outbox = await client.GetJsonAsync($"/api/dev/outbox?recipient={Uri.EscapeDataString(phone)}");
        var text = outbox.EnumerateArray().First(m => m.GetProperty("text").GetString()!.Contains("Kode")).GetProperty("text").GetString()!;
        return SixDigits().Match(text).Groups[1].Value;
    }

    public static async Task<string> VerifyPhoneAsync(HttpClient client, string phone, string? reportToken = null)
    {
        var sent = await client.PostAsJsonAsync("/api/reporters/otp", new { phone });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        var code = await LatestCodeAsync(client, phone);
        var verified = await client.PostAsJsonAsync("/api/reporters/verify", new { phone, code, token = reportToken });
        var json = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verified.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("reporterToken").GetString()!;
    }

    public static MultipartFormDataContent Form(string category = "Overstay", string village = TangerangVillage, double? lat = -6.1781, double? lon = 106.6300,
        string description = "Warga asing tinggal melebihi izin, sudah dua bulan.", DateTimeOffset? occurredAt = null, params (string Name, byte[] Content)[] photos)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(category), "category" },
            { new StringContent(village), "villageCode" },
            { new StringContent("Jl. Merdeka No. 5"), "address" },
            { new StringContent((occurredAt ?? DateTimeOffset.UtcNow.AddHours(-2)).ToString("O")), "occurredAt" },
            { new StringContent(description), "description" },
            { new StringContent("CHN"), "personNationality" },
            { new StringContent("PT Contoh Pabrik"), "workplace" },
        };
        if (lat is not null) form.Add(new StringContent(lat.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "latitude");
        if (lon is not null) form.Add(new StringContent(lon.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "longitude");
        foreach (var (name, content) in photos)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photos", name);
        }
        return form;
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, HttpContent form, string? reporterToken = null, string? key = null, string? device = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/reports") { Content = form };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        if (reporterToken is not null) request.Headers.Add("X-Reporter-Token", reporterToken);
        if (device is not null) request.Headers.Add("X-Device-Id", device);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> SubmittedAsync(HttpClient client, HttpContent form, string? reporterToken = null, string? key = null)
    {
        var response = await SubmitAsync(client, form, reporterToken, key);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>
    /// A report of overstay in Setia Budi by <paramref name="trustedReporter"/> (the RT head, signed in): verified at
    /// once, so it enters the Jakarta Selatan queue. Its ticket.
    /// </summary>
    public static async Task<string> RaiseAsTrustedReporterAsync(HttpClient trustedReporter, string description)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/reports")
        {
            Content = JsonContent.Create(new
            {
                category = "Overstay", villageCode = People.SetiaBudi, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-30), description,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await trustedReporter.SendAsync(request);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode} {receipt}");
        Assert.Equal("Verified", receipt.GetProperty("status").GetString());
        return receipt.GetProperty("ticket").GetString()!;
    }
}
