using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Kernel;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Open311;

/// <summary>
/// Client applications on Open311: a trusted organisation's reports get their id at once and are judged as its own;
/// anyone else's wait for the reporter's phone, which a given <c>phone</c> proves by a texted code on the report's page;
/// a re-send answers the first report; a place comes from a position or a name.
/// </summary>
public sealed class Open311ClientsTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string V2 = "/open311/v2";

    private Task<string> IssueKeyAsync(string name, bool trusted) => IssueKeyAsync(App, name, trusted);

    /// <summary>A key the national admin issues, trusted or not; the key itself.</summary>
    private static async Task<string> IssueKeyAsync(PantauApp app, string name, bool trusted)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var issued = await admin.PostAsJsonAsync("/api/open311/keys", new { name, trusted });
        var json = await issued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(issued.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal(trusted, json.GetProperty("trusted").GetBoolean());
        return json.GetProperty("key").GetString()!;
    }

    /// <summary>What FixMyStreet posts when the user dropped a pin: a position, no kelurahan code, no reporter token.</summary>
    private static FormUrlEncodedContent PinPost(string? key, string description, params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["service_code"] = "UnauthorisedWork", ["lat"] = "-6.17288", ["long"] = "106.63185", ["description"] = description,
            ["email"] = "warga@contoh.id", ["first_name"] = "Siti", ["last_name"] = "Rahma",
        };
        if (key is not null) fields["api_key"] = key;
        foreach (var (name, value) in more) fields[name] = value;
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<XElement> RequestAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        return Assert.Single(XDocument.Parse(body).Root!.Elements("request"));
    }

    [Fact]
    public async Task A_trusted_application_gets_its_id_at_once_the_console_names_it_and_a_revoked_key_is_refused()
    {
        var key = await IssueKeyAsync("Sistem Pengaduan Kota Tangerang", trusted: true);
        var client = App.CreateClient();
        var services = XDocument.Parse(await client.GetStringAsync($"{V2}/services.xml?api_key={Uri.EscapeDataString(key)}"));
        Assert.All(services.Root!.Elements("service"), s => Assert.Equal("realtime", s.Element("type")!.Value));

        var description = $"Pekerja asing di gudang tanpa izin ({Guid.NewGuid():N}).";
        var request = await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(key, description)), HttpStatusCode.Created);
        var ticket = request.Element("service_request_id")!.Value;
        Assert.Null(request.Element("token"));

        // Routed by its position alone; the application reads back its own report with that position.
        var own = Assert.Single(XDocument.Parse(await client.GetStringAsync($"{V2}/requests/{ticket}.xml?api_key={Uri.EscapeDataString(key)}")).Root!.Elements("request"));
        Assert.Equal(("-6.17288", "106.63185", "36.71.01.1001"), (own.Element("lat")!.Value, own.Element("long")!.Value, own.Element("address_id")!.Value));
        Assert.Equal("Kantor Imigrasi Tangerang", own.Element("agency_responsible")!.Value);

        // The console names the application; its credibility is the application's own record.
        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        var item = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == ticket);
        Assert.Equal(("Sistem Pengaduan Kota Tangerang", "Verified"), (item.GetProperty("client").GetString(), item.GetProperty("status").GetString()));
        Assert.Equal(0.5, item.GetProperty("credibility").GetDouble());
        var id = item.GetProperty("id").GetString();
        var rejected = await officer.PostAsJsonAsync($"/api/reports/{id}/triage", new { action = "Reject", reason = "FalseReport" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var next = await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(key, description + " Lagi.")), HttpStatusCode.Created);
        var after = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == next.Element("service_request_id")!.Value);
        Assert.Equal(1.0 / 3, after.GetProperty("credibility").GetDouble(), 3);
        var detail = await officer.GetJsonAsync($"/api/reports/{after.GetProperty("id").GetString()}");
        Assert.Equal("Sistem Pengaduan Kota Tangerang", detail.GetProperty("client").GetString());

        // Revoked: refused in the standard's format.
        var admin = await App.LoginAsync("admin@pantau.test");
        var keys = (await admin.GetJsonAsync("/api/open311/keys")).EnumerateArray();
        var keyId = keys.First(k => k.GetProperty("name").GetString() == "Sistem Pengaduan Kota Tangerang").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/open311/keys/{keyId}/revoke", null)).StatusCode);
        var refused = await client.PostAsync($"{V2}/requests.xml", PinPost(key, description + " Sekali lagi."));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("403", XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);
    }

    [Fact]
    public async Task An_untrusted_post_with_a_phone_texts_a_code_that_the_reporter_enters_on_the_reports_page()
    {
        var key = await IssueKeyAsync("Aplikasi Warga", trusted: false);
        var client = App.CreateClient();
        // A number that is not an Indonesian mobile is refused, naming the field, and files nothing.
        var badPhone = await client.PostAsync($"{V2}/requests.xml", PinPost(key, $"Nomor salah ({Guid.NewGuid():N}).", ("phone", "12345")));
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.StartsWith("phone:", XDocument.Parse(await badPhone.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("description")!.Value);
        var phone = NewPhone();
        var request = await RequestAsync(await client.PostAsync($"{V2}/requests.xml",
            PinPost(key, $"Orang asing menginap melebihi izin ({Guid.NewGuid():N}).", ("phone", phone))), HttpStatusCode.Created);
        Assert.Null(request.Element("service_request_id"));
        var token = request.Element("token")!.Value;
        Assert.Contains(PhoneNumber.Masked(PhoneNumber.Normalize(phone)!), request.Element("service_notice")!.Value);
        var waiting = Assert.Single(XDocument.Parse(await client.GetStringAsync($"{V2}/tokens/{token}.xml")).Root!.Elements("request"));
        Assert.Null(waiting.Element("service_request_id"));

        // The text names the report's page; there the reporter proves the phone (a wrong code first).
        var outbox = await client.GetJsonAsync($"/api/dev/outbox?recipient={Uri.EscapeDataString(phone)}");
        var text = outbox.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).Single(t => t.StartsWith("Kode Pantau", StringComparison.Ordinal));
        var pageUrl = System.Text.RegularExpressions.Regex.Match(text, @"/lapor/[A-Za-z0-9_-]{27}").Value;
        Assert.Equal(pageUrl, $"/lapor/{request.Element("reporter_key")!.Value}");
        var code = await LatestCodeAsync(client, phone);

        var page = await PhoneAsync();
        await page.GotoAsync(pageUrl);
        await page.FillAsync("#phone", "12345");
        await page.FillAsync("#code", code);
        await page.SubmitAsync(page.Locator("#prove-phone button[type=submit]"));
        Assert.Equal("Received", await page.GetAttributeAsync("#tracking", "data-status"));
        Assert.Equal("Nomor ponsel Indonesia, ditulis 08… atau +628….", await page.ShownTextAsync("#phone ~ .field-error"));
        await page.FillAsync("#phone", phone);
        await page.FillAsync("#code", code == "000000" ? "111111" : "000000");
        await page.SubmitAsync(page.Locator("#prove-phone button[type=submit]"));
        Assert.Equal("Kode salah.", (await page.ShownTextAsync("#prove-phone .field-error")).Trim());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("open311-prove-phone");
        Assert.Equal(phone, await page.InputValueAsync("#phone")); // kept: only the code is typed again
        await page.FillAsync("#code", code);
        await page.SubmitAsync(page.Locator("#prove-phone button[type=submit]"));
        Assert.Equal(0, await page.Locator("#prove-phone").CountAsync());
        Assert.Equal("Verified", await page.GetAttributeAsync("#tracking", "data-status"));
        await page.ScreenshotAsync("open311-phone-proved");

        var ready = Assert.Single(XDocument.Parse(await client.GetStringAsync($"{V2}/tokens/{token}.xml")).Root!.Elements("request"));
        Assert.Matches("^LP-", ready.Element("service_request_id")!.Value);
    }

    [Fact]
    public async Task A_resend_of_the_same_report_answers_the_first_one()
    {
        var client = App.CreateClient();
        var description = $"WNA bekerja di warung tanpa izin ({Guid.NewGuid():N}).";
        var first = await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(null, description)), HttpStatusCode.Created);
        var again = await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(null, description)), HttpStatusCode.OK);
        Assert.Equal(first.Element("token")!.Value, again.Element("token")!.Value);
        var other = await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(null, description + " Lain.")), HttpStatusCode.Created);
        Assert.NotEqual(first.Element("token")!.Value, other.Element("token")!.Value);
        Assert.Equal(1, await App.WithDbAsync(db => db.Reports.CountAsync(r => r.Description == description)));

        // A trusted application's re-send too, by its key rather than its address.
        var key = await IssueKeyAsync("Sistem Pengaduan Resend", trusted: true);
        var id = (await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(key, description)), HttpStatusCode.Created)).Element("service_request_id")!.Value;
        Assert.Equal(id, (await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(key, description)), HttpStatusCode.OK)).Element("service_request_id")!.Value);
    }

    [Fact]
    public async Task A_place_name_alone_is_found_and_several_places_are_listed_back()
    {
        var client = App.CreateClient();
        var key = await IssueKeyAsync("Sistem Pengaduan Nama", trusted: true);
        FormUrlEncodedContent Named(string place) => new(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "Overstay", ["address_string"] = place, ["jurisdiction_id"] = "kota-tangerang",
        });
        var found = await RequestAsync(await client.PostAsync($"{V2}/requests.xml", Named("Sukarasa, Tangerang")), HttpStatusCode.Created);
        var ticket = found.Element("service_request_id")!.Value;
        var own = Assert.Single(XDocument.Parse(await client.GetStringAsync($"{V2}/requests/{ticket}.xml?api_key={Uri.EscapeDataString(key)}")).Root!.Elements("request"));
        Assert.Equal("36.71.01.1001", own.Element("address_id")!.Value);
        Assert.NotNull(own.Element("lat")); // the kelurahan's centre, for a client that needs a position

        var several = await client.PostAsync($"{V2}/requests.xml", Named("Sukamaju"));
        Assert.Equal(HttpStatusCode.BadRequest, several.StatusCode);
        var description = XDocument.Parse(await several.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("description")!.Value;
        Assert.StartsWith("address_string: 'Sukamaju' could be", description);
        Assert.Contains("Sukamaju, Kec.", description);
        var none = await client.PostAsync($"{V2}/requests.xml", Named("Atlantis Baru"));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task An_end_date_equal_to_a_shown_time_finds_the_request()
    {
        var ticket = await Open311PublicListTests.PostAsync(App, null);
        var client = App.CreateClient();
        var shown = Assert.Single(await Open311PublicListTests.JsonAsync(client, $"{V2}/requests/{ticket}.json")).GetProperty("requested_datetime").GetString()!;
        var listed = await Open311PublicListTests.JsonAsync(client, $"{V2}/requests.json?start_date={shown}&end_date={shown}&jurisdiction_id=x");
        Assert.Contains(listed, r => r.GetProperty("service_request_id").GetString() == ticket);
    }

    [Fact]
    public async Task An_application_follows_its_own_reports_through_updates_with_what_the_reporter_is_told_only()
    {
        var key = await IssueKeyAsync("Sistem Pengaduan Pembaruan", trusted: true);
        var otherKey = await IssueKeyAsync("Sistem Lain", trusted: true);
        var client = App.CreateClient();
        var ticket = (await RequestAsync(await client.PostAsync($"{V2}/requests.xml", PinPost(key, $"Pekerja asing di toko ({Guid.NewGuid():N}).")),
            HttpStatusCode.Created)).Element("service_request_id")!.Value;
        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        var id = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == ticket).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/reports/{id}/triage", new
        {
            action = "Reject", reason = "NotImmigration", note = "Catatan internal: urusan dinas tenaga kerja",
            publicNote = "Ini urusan dinas tenaga kerja; laporan diteruskan ke sana.",
        })).StatusCode);

        var url = $"{V2}/servicerequestupdates.xml?api_key={Uri.EscapeDataString(key)}";
        var body = await client.GetStringAsync(url);
        Assert.DoesNotContain("Catatan internal", body);
        var updates = XDocument.Parse(body).Root!;
        Assert.Equal("service_request_updates", updates.Name.LocalName);
        var mine = updates.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == ticket).ToList();
        Assert.Equal(["open", "closed"], mine.Select(u => u.Element("status")!.Value)); // verified, then rejected
        Assert.Equal("Ini urusan dinas tenaga kerja; laporan diteruskan ke sana.", mine[1].Element("description")!.Value);
        Assert.Equal(2, mine.Select(u => u.Element("update_id")!.Value).Distinct().Count());
        var json = (await client.GetJsonAsync($"{V2}/servicerequestupdates.json?api_key={Uri.EscapeDataString(key)}")).EnumerateArray()
            .Where(u => u.GetProperty("service_request_id").GetString() == ticket).ToList();
        Assert.Equal(mine.Select(u => (u.Element("update_id")!.Value, u.Element("updated_datetime")!.Value)),
            json.Select(u => (u.GetProperty("update_id").GetString()!, u.GetProperty("updated_datetime").GetString()!)));

        // As FixMyStreet asks: a period whose end is the last update's shown time includes it.
        var last = mine[^1].Element("updated_datetime")!.Value;
        var upTo = XDocument.Parse(await client.GetStringAsync($"{url}&start_date={mine[0].Element("updated_datetime")!.Value}&end_date={last}&jurisdiction_id=x"));
        Assert.Equal(2, upTo.Root!.Elements("request_update").Count(u => u.Element("service_request_id")!.Value == ticket));

        Assert.DoesNotContain(ticket, await client.GetStringAsync($"{V2}/servicerequestupdates.xml?api_key={Uri.EscapeDataString(otherKey)}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{V2}/servicerequestupdates.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{V2}/servicerequestupdates.xml?api_key=made-up")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.GetAsync($"{url}&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")).StatusCode);
    }
}
