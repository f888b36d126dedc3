using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.FieldActivity;

public sealed class FieldActivityApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_ping_reaches_the_office_heads_live_stream_and_the_days_history()
    {
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await head.GetAsync("/api/field/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);

        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var sent = await officer.PostAsJsonAsync("/api/field/positions", new { latitude = -6.1783, longitude = 106.6319, activity = "Arrived", note = "Perumahan Modernland" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("position", events.Current.EventType);
        var ping = JsonDocument.Parse(events.Current.Data).RootElement;
        Assert.Equal("Arrived", ping.GetProperty("activity").GetString());
        Assert.Equal("Petugas Kanim Tangerang", ping.GetProperty("officerName").GetString());
        Assert.False(string.IsNullOrEmpty(events.Current.EventId));

        var latest = await head.GetJsonAsync("/api/field/officers");
        Assert.Contains(latest.EnumerateArray(), p => p.GetProperty("activity").GetString() == "Arrived" && p.GetProperty("latitude").GetDouble() == -6.1783);
        var officerId = ping.GetProperty("officerId").GetString();
        var history = await head.GetJsonAsync($"/api/field/positions?officer={officerId}");
        Assert.Contains(history.EnumerateArray(), p => p.GetProperty("note").GetString() == "Perumahan Modernland");

        // Another office's head sees none of it.
        var otherHead = await app.LoginAsync("kepala.jaksel@pantau.test");
        Assert.DoesNotContain((await otherHead.GetJsonAsync("/api/field/officers")).EnumerateArray(), p => p.GetProperty("officerId").GetString() == officerId);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task A_ping_records_the_kelurahan_it_was_sent_from_and_none_at_sea()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var here = await app.CreateClient().GetJsonAsync("/api/places/at?lat=-6.1783&lng=106.6319");
        var ping = await (await officer.PostAsJsonAsync("/api/field/positions", new { latitude = -6.1783, longitude = 106.6319, activity = "Arrived" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(here.GetProperty("code").GetString(), ping.GetProperty("villageCode").GetString());
        Assert.Equal(here.GetProperty("label").GetString(), ping.GetProperty("place").GetString());

        var atSea = await (await officer.PostAsJsonAsync("/api/field/positions", new { latitude = -5.5, longitude = 106.2, activity = "Position" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, atSea.GetProperty("villageCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, atSea.GetProperty("place").ValueKind);

        // Stored, and read back by name by the office head.
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var history = await head.GetJsonAsync($"/api/field/positions?officer={ping.GetProperty("officerId").GetString()}");
        Assert.Contains(history.EnumerateArray(), p => p.GetProperty("id").GetInt64() == ping.GetProperty("id").GetInt64()
            && p.GetProperty("place").GetString() == here.GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_supervisor_page_that_reconnects_gets_the_pings_it_missed()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var first = await (await officer.PostAsJsonAsync("/api/field/positions", new { latitude = -6.2, longitude = 106.6, activity = "PatrolStarted" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        // The page is offline while the officer goes on.
        await officer.PostAsJsonAsync("/api/field/positions", new { latitude = -6.21, longitude = 106.61, activity = "CheckDone" });

        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/field/stream");
        request.Headers.Add("Last-Event-ID", first.GetProperty("id").GetInt64().ToString());
        using var stream = await head.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await using var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("CheckDone", JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("activity").GetString());
    }

    [Theory]
    [InlineData("""{"latitude":-91,"longitude":106.6,"activity":"Arrived"}""", "latitude")]
    [InlineData("""{"latitude":-6.1,"longitude":181,"activity":"Arrived"}""", "longitude")]
    [InlineData("""{"latitude":-6.1,"longitude":106.6}""", "activity")]
    [InlineData("""{"latitude":-6.1,"longitude":106.6,"activity":"Arrived","at":"2099-01-01T00:00:00Z"}""", "at")]
    [InlineData("""{"latitude":-6.1,"longitude":106.6,"activity":"Arrived","at":"2020-01-01T00:00:00Z"}""", "at")]
    [InlineData("""{"latitude":-6.1,"longitude":106.6,"activity":"Dancing"}""", "activity")]
    public async Task A_bad_ping_is_a_400_naming_the_field(string body, string field)
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var response = await officer.PostAsync("/api/field/positions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(field, (await response.ProblemAsync(400)).ErrorFields());
    }

    [Theory]
    [InlineData("petugas.tangerang", "/api/field/officers", 403)]
    [InlineData("polsek.setiabudi", "/api/field/stream", 403)]
    [InlineData("rt.setiabudi", "/api/field/positions", 403)]
    public async Task Only_office_heads_watch_the_field(string account, string url, int status)
    {
        var client = await app.LoginAsync($"{account}@pantau.test");
        Assert.Equal(status, (int)(await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Partners_do_not_send_pings()
    {
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/field/positions", new { latitude = -6.1, longitude = 106.6, activity = "Arrived" })).StatusCode);
    }
}
