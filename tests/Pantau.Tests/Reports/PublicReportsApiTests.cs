using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Reports;

public sealed class PublicReportsApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_report_waits_for_its_reporters_phone_and_then_enters_the_offices_queue()
    {
        var phone = app.CreateClient();
        var receipt = await SubmittedAsync(phone, Form());
        Assert.Equal("Received", receipt.GetProperty("status").GetString());
        var ticket = receipt.GetProperty("ticket").GetString()!;
        Assert.Matches("^LP-[2-9A-HJKMNP-Z]{7}$", ticket);

        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        Assert.DoesNotContain((await officer.GetJsonAsync("/api/reports")).EnumerateArray(), r => r.GetProperty("ticket").GetString() == ticket);

        var number = NewPhone();
        await VerifyPhoneAsync(phone, number, receipt.GetProperty("verificationToken").GetString());
        var queue = await officer.GetJsonAsync("/api/reports");
        var item = queue.EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == ticket);
        var report = await officer.GetJsonAsync($"/api/reports/{item.GetProperty("id").GetString()}");
        Assert.Equal(Intl(number), report.GetProperty("reporterPhone").GetString());
        Assert.Equal("Verified", (await phone.GetJsonAsync($"/api/public/reports/{ticket}")).GetProperty("status").GetString());
        var outbox = await phone.GetJsonAsync($"/api/dev/outbox?recipient={number}");
        Assert.Contains(outbox.EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains(ticket));

        // Another office does not have it.
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.GetAsync($"/api/reports/{item.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task A_verified_reporter_reports_straight_into_the_queue_and_hears_of_every_step()
    {
        var phone = app.CreateClient();
        var number = NewPhone();
        var token = await VerifyPhoneAsync(phone, number);
        var receipt = await SubmittedAsync(phone, Form(photos: ("bukti.jpg", Png)), token);
        Assert.Equal("Verified", receipt.GetProperty("status").GetString());
        var id = receipt.GetProperty("id").GetString();

        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Equal(1, (await officer.GetJsonAsync($"/api/reports/{id}")).GetProperty("photoCount").GetInt32());
        var photo = await officer.GetAsync($"/api/reports/{id}/photos/0");
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType); // re-encoded, whatever the name or the bytes said
        await Operations.Desk.ResolveAsync(app, id!, "Diberi peringatan.");

        var tracking = await phone.GetJsonAsync($"/api/public/reports/{receipt.GetProperty("ticket").GetString()}");
        Assert.Equal(["Verified", "Dispatched", "EnRoute", "OnSite", "Resolved"], tracking.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        var messages = (await phone.GetJsonAsync($"/api/dev/outbox?recipient={number}")).EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("ditugaskan"));
        // The outcome in the standard words; the officer's own closing note stays inside immigration.
        Assert.Contains(messages, m => m.Contains("selesai") && m.Contains("telah diberi peringatan."));
        Assert.DoesNotContain(messages, m => m.Contains("Diberi peringatan."));

        // The reporter, by their key, reads what the team found in words on their page; the public ticket does not say it.
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("outcome").ValueKind);
        var key = receipt.GetProperty("key").GetString();
        Assert.Equal("Warning", (await phone.GetJsonAsync($"/api/public/reports/{key}")).GetProperty("outcome").GetString());
        var page = await phone.GetStringAsync($"/lapor/{key}");
        Assert.Matches("<dd id=\"outcome\"[^>]*data-outcome=\"Warning\">Peringatan</dd>", page);

        // Nothing personal in what the public sees.
        var raw = await phone.GetStringAsync($"/api/public/reports/{receipt.GetProperty("ticket").GetString()}");
        Assert.DoesNotContain(Intl(number), raw);
        Assert.DoesNotContain("PT Contoh Pabrik", raw);
    }

    [Fact]
    public async Task A_repeated_post_with_the_same_idempotency_key_creates_one_report()
    {
        var phone = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var at = DateTimeOffset.UtcNow.AddHours(-2); // a retry sends the same report: the same time too
        var first = await SubmitAsync(phone, Form(occurredAt: at), key: key);
        var again = await SubmitAsync(phone, Form(occurredAt: at), key: key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("ticket").GetString(), b.GetProperty("ticket").GetString());
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitAsync(phone, Form(occurredAt: at), key: "burst-" + key)));
        Assert.Single(concurrent.Select(r => r.Content.ReadFromJsonAsync<JsonElement>().Result.GetProperty("ticket").GetString()).Distinct());
    }

    [Theory]
    [InlineData("category", "Gossip")]
    [InlineData("villageCode", "51.71.01.1001")] // Denpasar: no office in Pantau covers it
    [InlineData("villageCode", "36.71.01.9999")]
    [InlineData("latitude", "48.85")] // Paris
    [InlineData("description", "")]
    [InlineData("description", "long")]
    [InlineData("occurredAt", "2099-01-01T00:00:00Z")]
    [InlineData("personNationality", "XX")]
    public async Task A_bad_report_is_refused_naming_the_field(string field, string value)
    {
        var form = new MultipartFormDataContent();
        var fields = new Dictionary<string, string>
        {
            ["category"] = "Overstay", ["villageCode"] = TangerangVillage, ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
            ["description"] = "Ada orang asing bekerja tanpa izin.", ["latitude"] = "-6.17", ["longitude"] = "106.63",
        };
        fields[field] = value == "long" ? new string('x', Pantau.Web.Features.Reports.Report.MaxDescription + 1) : value;
        if (field == "latitude") fields["longitude"] = "2.35";
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        var response = await SubmitAsync(app.CreateClient(), form);
        Assert.Contains(field, (await response.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task Photos_are_checked_by_content_and_size_and_number()
    {
        var phone = app.CreateClient();
        var fake = await SubmitAsync(phone, Form(photos: ("foto.jpg", "not really a jpeg"u8.ToArray())));
        Assert.Contains("photos[0]", (await fake.ProblemAsync(400)).ErrorFields());
        var huge = new byte[ReportPhotoLimit + 1];
        Png.CopyTo(huge, 0);
        Assert.Contains("photos[0]", (await (await SubmitAsync(phone, Form(photos: ("big.png", huge)))).ProblemAsync(400)).ErrorFields());
        var four = await SubmitAsync(phone, Form(photos: [("1.png", Png), ("2.png", Png), ("3.png", Png), ("4.png", Png)]));
        Assert.Contains("photos", (await four.ProblemAsync(400)).ErrorFields());
    }

    private const int ReportPhotoLimit = 5 * 1024 * 1024;

    [Fact]
    public async Task An_rt_head_reports_as_a_trusted_reporter()
    {
        var rt = await app.LoginAsync("rt.setiabudi@pantau.test");
        var receipt = await SubmittedAsync(rt, Form(village: People.SetiaBudi, lat: -6.2146, lon: 106.8311));
        Assert.Equal("Verified", receipt.GetProperty("status").GetString());
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var item = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == receipt.GetProperty("ticket").GetString());
        Assert.True(item.GetProperty("trustedReporter").GetBoolean());
    }

    [Fact]
    public async Task Phone_numbers_are_indonesian_mobiles_in_either_form()
    {
        var client = app.CreateClient();
        Assert.Contains("phone", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = "021-5551234" })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("phone", (await (await client.PostAsJsonAsync("/api/reporters/otp", new { phone = "+4915112345678" })).ProblemAsync(400)).ErrorFields());
        var local = NewPhone();
        await VerifyPhoneAsync(client, Intl(local)); // +628… and 08… are one reporter
        var outbox = await client.GetJsonAsync($"/api/dev/outbox?recipient={local}");
        Assert.NotEmpty(outbox.EnumerateArray());
    }
}
