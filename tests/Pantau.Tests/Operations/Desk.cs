using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Operations;

/// <summary>What the tests of the operations console share: a verified report in Kanim Tangerang's queue, an office's id, a live stream.</summary>
public static class Desk
{
    /// <param name="Key">The reporter's secret key to the report's thread (the ticket is public).</param>
    public sealed record Reported(string Id, string Ticket, string Phone, string Key);

    /// <summary>A resident proves a phone and reports (in Kota Tangerang, without GPS: each report its own incident unless the village repeats).</summary>
    public static async Task<Reported> ReportAsync(PantauApp app, string category = "Overstay", string village = "36.71.01.1002", string? phone = null)
    {
        var client = app.CreateClient();
        phone ??= NewPhone();
        var token = await VerifyPhoneAsync(client, phone);
        var receipt = await SubmittedAsync(client, Form(category, village: village, lat: null, lon: null), token);
        Assert.Equal("Verified", receipt.GetProperty("status").GetString());
        return new(receipt.GetProperty("id").GetString()!, receipt.GetProperty("ticket").GetString()!, phone, receipt.GetProperty("key").GetString()!);
    }

    /// <summary>
    /// A new team of Kanim Tangerang (by default its officer and a police member), on duty from an hour ago for the
    /// next 20 hours, or not until two hours from now.
    /// </summary>
    public static async Task<int> TeamOnDutyAsync(PantauApp app, bool onDuty = true, object[]? members = null)
    {
        var admin = await app.LoginAsync("admin.tangerang@pantau.test");
        if (members is null)
        {
            var officerId = (await (await app.LoginAsync("petugas.tangerang@pantau.test")).GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();
            members = [new { staffUserId = officerId }, new { name = "Aipda Joko Susilo", agency = "Police" }];
        }
        var created = await admin.PostAsJsonAsync("/api/teams", new { name = $"TIMPORA Uji {Guid.NewGuid().ToString("N")[..6]}", members });
        var team = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.IsSuccessStatusCode, team.ToString());
        var id = team.GetProperty("id").GetInt32();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (from, to) = onDuty ? (now.AddHours(-1), now.AddHours(19)) : (now.AddHours(2), now.AddHours(10));
        var shift = await admin.PostAsJsonAsync("/api/roster", new { teamId = id, startsAt = from, endsAt = to });
        Assert.True(shift.IsSuccessStatusCode, await shift.Content.ReadAsStringAsync());
        return id;
    }

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The whole way of a report in Kanim Tangerang: a team on duty is sent, sets out, arrives, finds, resolves.</summary>
    public static async Task<JsonElement> ResolveAsync(PantauApp app, string id, string? note = null, string outcome = "Warning", string? publicNote = null)
    {
        await SendAsync(app, id, "EnRoute", "OnSite");
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        await PostOkAsync(officer, $"/api/reports/{id}/findings", new { outcome, foreignersChecked = 1, note = "Paspor diperiksa." });
        return await PostOkAsync(officer, $"/api/reports/{id}/close", new { note, publicNote });
    }

    /// <summary>A new team of Kanim Tangerang on duty is sent to the report and takes <paramref name="steps"/> (arriving at the report's place): its id.</summary>
    public static async Task<int> SendAsync(PantauApp app, string id, params string[] steps)
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        await PostOkAsync(officer, $"/api/reports/{id}/assign", new { teamId = team });
        foreach (var step in steps)
            await PostOkAsync(officer, $"/api/reports/{id}/progress", step == "OnSite" ? new { step, latitude = -6.1781, longitude = 106.63 } : (object)new { step });
        return team;
    }

    public static async Task<int> OfficeIdAsync(HttpClient client, string code) =>
        (await client.GetJsonAsync("/api/offices")).EnumerateArray().First(o => o.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();

    public static async Task<JsonElement> TriageAsync(HttpClient officer, string id, object decision)
    {
        var response = await officer.PostAsJsonAsync($"/api/reports/{id}/triage", decision);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"triage: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<IReadOnlyList<string>> OutboxAsync(PantauApp app, string phone) =>
        (await app.CreateClient().GetJsonAsync($"/api/dev/outbox?recipient={Uri.EscapeDataString(phone)}")).EnumerateArray()
        .Select(m => m.GetProperty("text").GetString()!).ToList();

    /// <summary>An open event stream; the first event ("ready") is read already.</summary>
    public sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseItem<string>> _events;
        private readonly CancellationTokenSource _cts;

        private EventStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events, CancellationTokenSource cts) =>
            (_response, _events, _cts) = (response, events, cts);

        public static async Task<EventStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
        {
            var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a guard against hanging, not a speed test
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            var events = SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("ready", events.Current.EventType);
            return new EventStream(response, events, cts);
        }

        /// <summary>The next "report" event whose report matches (heartbeats and other reports' events are passed over).</summary>
        public async Task<(JsonElement Item, string EventId)> NextReportAsync(Func<JsonElement, bool> matches)
        {
            while (await _events.MoveNextAsync())
            {
                if (_events.Current.EventType != "report") continue;
                var item = JsonDocument.Parse(_events.Current.Data).RootElement.Clone();
                if (matches(item)) return (item, _events.Current.EventId!);
            }
            throw new InvalidOperationException("The stream ended.");
        }

        /// <summary>The data of the next event of <paramref name="type"/> (heartbeats and other events are passed over).</summary>
        public async Task<string> NextAsync(string type)
        {
            while (await _events.MoveNextAsync())
                if (_events.Current.EventType == type) return _events.Current.Data;
            throw new InvalidOperationException("The stream ended.");
        }

        public async ValueTask DisposeAsync()
        {
            await _cts.CancelAsync();
            try { await _events.DisposeAsync(); } catch (OperationCanceledException) { }
            _response.Dispose();
            _cts.Dispose();
        }
    }
}
