using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Open311;

/// <summary>
/// SIPOA as an Open311 GeoReport v2 endpoint, as a resident's app or FixMyStreet uses it: form-encoded POSTs, XML (and
/// JSON) answers with the standard's names, types, status values and error list.
/// </summary>
public sealed class Open311Tests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string V2 = "/open311/v2";
    private const string PersonName = "Zhang Wei";
    private const string Workplace = "PT Sinar Baja Abadi";

    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "requested_datetime", "updated_datetime", "address", "address_id", "lat", "long",
    ];

    [Fact]
    public async Task Discovery_and_services_speak_the_standard_in_json_and_xml()
    {
        var client = app.CreateClient();

        var discovery = await JsonAsync(client, $"{V2}/discovery.json");
        Assert.Equal(JsonValueKind.String, discovery.GetProperty("changeset").ValueKind);
        Assert.Equal("Kantor Imigrasi yang wilayahnya memuat lokasi laporan; pengaduan 24 jam di /lapor.", discovery.GetProperty("contact").GetString());
        Assert.False(string.IsNullOrEmpty(discovery.GetProperty("key_service").GetString()));
        var endpoints = discovery.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(["http://wiki.open311.org/GeoReport_v2", Pantau.Web.Features.Open311.Open311Api.UpdatesSpecification],
            endpoints.Select(e => e.GetProperty("specification").GetString()));
        var endpoint = endpoints[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Contains(endpoint.GetProperty("type").GetString(), new[] { "production", "test" });
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));

        var xml = await XmlAsync(client, $"{V2}/discovery.xml");
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], Names(xml.Root));
        var xmlEndpoint = xml.Root.Element("endpoints")!.Elements("endpoint").First();
        Assert.Equal(2, xml.Root.Element("endpoints")!.Elements("endpoint").Count());
        Assert.Equal(["specification", "url", "changeset", "type", "formats"], Names(xmlEndpoint));
        Assert.Equal(["text/xml", "application/json"], xmlEndpoint.Element("formats")!.Elements("format").Select(f => f.Value));

        // One service per report category, in Indonesian, no extra data required.
        var services = (await JsonAsync(client, $"{V2}/services.json")).EnumerateArray().ToList();
        Assert.Equal(["Overstay", "UnauthorisedWork", "NotAtAddress", "PublicDisorder", "SuspiciousActivity", "Other"],
            services.Select(s => s.GetProperty("service_code").GetString()));
        foreach (var s in services)
        {
            Assert.Equal(ServiceFields, s.EnumerateObject().Select(p => p.Name));
            // Its attributes are optional, but there are some: a client fetches the definition to offer them.
            Assert.Equal(JsonValueKind.True, s.GetProperty("metadata").ValueKind);
            // Without a trusted key, a POST may answer a token first: the standard's "batch".
            Assert.Equal("batch", s.GetProperty("type").GetString());
            Assert.All(ServiceFields.Except(["metadata"]), f => Assert.Equal(JsonValueKind.String, s.GetProperty(f).ValueKind));
        }
        Assert.Equal("Melebihi izin tinggal", services[0].GetProperty("service_name").GetString());
        Assert.Equal("Orang asing yang tetap tinggal setelah izin tinggalnya (ITK, ITAS atau ITAP) habis.", services[0].GetProperty("description").GetString());
        Assert.Equal("overstay, izin tinggal habis, visa habis, kitas kedaluwarsa", services[0].GetProperty("keywords").GetString());
        Assert.Equal(["Izin tinggal", "Izin tinggal", "Izin tinggal", "Ketertiban", "Ketertiban", "Lainnya"], services.Select(s => s.GetProperty("group").GetString()));

        var servicesXml = await XmlAsync(client, $"{V2}/services.xml");
        Assert.Equal("services", servicesXml.Root!.Name.LocalName);
        var serviceElements = servicesXml.Root.Elements().ToList();
        Assert.Equal(6, serviceElements.Count);
        Assert.All(serviceElements, e =>
        {
            Assert.Equal("service", e.Name.LocalName);
            Assert.Equal(ServiceFields, Names(e));
            Assert.Equal("true", e.Element("metadata")!.Value);
            Assert.Equal("batch", e.Element("type")!.Value);
        });
        Assert.Equal("Bekerja tidak sesuai izin", serviceElements[1].Element("service_name")!.Value);

        // A service definition: only optional attributes, with the standard's types.
        var definition = await JsonAsync(client, $"{V2}/services/Overstay.json");
        Assert.Equal("Overstay", definition.GetProperty("service_code").GetString());
        var attributes = definition.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Contains(attributes, a => a.GetProperty("code").GetString() == "occurred_at" && a.GetProperty("datatype").GetString() == "datetime");
        Assert.Equal("Kapan kejadiannya? Kosong berarti saat laporan dikirim.", attributes[0].GetProperty("description").GetString());
        Assert.Equal("Kode ISO 3166-1 alpha-3, mis. CHN", attributes[1].GetProperty("datatype_description").GetString());
        Assert.All(attributes, a =>
        {
            Assert.Equal(JsonValueKind.True, a.GetProperty("variable").ValueKind);
            Assert.Equal(JsonValueKind.False, a.GetProperty("required").ValueKind);
            Assert.Equal(JsonValueKind.Number, a.GetProperty("order").ValueKind);
            Assert.Contains(a.GetProperty("datatype").GetString(), new[] { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" });
        });
        var definitionXml = await XmlAsync(client, $"{V2}/services/UnauthorisedWork.xml");
        Assert.Equal("service_definition", definitionXml.Root!.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], Names(definitionXml.Root));
        Assert.All(definitionXml.Root.Element("attributes")!.Elements(), a =>
        {
            Assert.Equal("attribute", a.Name.LocalName);
            Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description"], Names(a));
        });
    }

    [Fact]
    public async Task A_request_without_a_reporter_token_waits_for_the_phone_then_has_a_ticket_that_is_open_then_closed()
    {
        var phone = app.CreateClient();
        var number = NewPhone();
        var posted = await phone.PostAsync($"{V2}/requests.json", Form(
            ("email", "warga@contoh.id"), ("first_name", "Siti"), ("last_name", "Rahma"), ("phone", "081299990000"),
            ("media_url", "http://example.org/foto.jpg")));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var answer = Assert.Single((await posted.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.False(answer.TryGetProperty("service_request_id", out _), "no id until the phone is verified");
        var token = answer.GetProperty("token").GetString()!;

        var pending = Assert.Single((await JsonAsync(phone, $"{V2}/tokens/{token}.json")).EnumerateArray());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("service_request_id").ValueKind);
        Assert.Equal(token, pending.GetProperty("token").GetString());

        await VerifyPhoneAsync(phone, number, token);

        var tokenXml = await XmlAsync(phone, $"{V2}/tokens/{token}.xml");
        Assert.Equal("service_requests", tokenXml.Root!.Name.LocalName);
        var tokenRequest = Assert.Single(tokenXml.Root.Elements("request"));
        Assert.Equal(["service_request_id", "token"], Names(tokenRequest));
        var ticket = tokenRequest.Element("service_request_id")!.Value;
        Assert.Matches("^LP-[2-9A-HJKMNP-Z]{7}$", ticket);
        Assert.Equal(ticket, Assert.Single((await JsonAsync(phone, $"{V2}/tokens/{token}.json")).EnumerateArray()).GetProperty("service_request_id").GetString());

        var open = Assert.Single((await JsonAsync(phone, $"{V2}/requests/{ticket}.json")).EnumerateArray());
        Assert.Equal(RequestFields, open.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ticket, open.GetProperty("service_request_id").GetString());
        Assert.Equal("open", open.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, open.GetProperty("status_notes").ValueKind);
        Assert.Equal("Overstay", open.GetProperty("service_code").GetString());
        Assert.Equal("Melebihi izin tinggal", open.GetProperty("service_name").GetString());
        Assert.Equal("Kantor Imigrasi Tangerang", open.GetProperty("agency_responsible").GetString());
        // The public sees the kecamatan, not the street, the kelurahan or the position (Open311PublicListTests).
        Assert.Equal(TangerangVillage[..8], open.GetProperty("address_id").GetString());
        Assert.DoesNotContain("Merdeka", open.GetProperty("address").GetString());
        Assert.NotEqual(-6.1781, open.GetProperty("lat").GetDouble()); // the kecamatan's centre
        Assert.NotEqual(106.63, open.GetProperty("long").GetDouble());
        var requested = open.GetProperty("requested_datetime").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", requested);
        Assert.True(DateTimeOffset.Parse(requested, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5));

        // An officer closes it; the public sees it closed, with the outcome.
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var id = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == ticket).GetProperty("id").GetString();
        var staffView = await officer.GetStringAsync($"/api/reports/{id}");
        Assert.Contains(PersonName, staffView); // officers see what was reported ...
        Assert.DoesNotContain("warga@contoh.id", staffView); // ... but Open311's contact fields are not kept
        Assert.DoesNotContain("81299990000", staffView);
        await Operations.Desk.ResolveAsync(app, id!, "WNA diberi peringatan tertulis.", publicNote: "WNA diberi peringatan tertulis.");

        var closed = await XmlAsync(phone, $"{V2}/requests/{ticket}.xml");
        Assert.Equal("service_requests", closed.Root!.Name.LocalName);
        var request = Assert.Single(closed.Root.Elements("request"));
        Assert.Equal(RequestFields.Except(["description"]), Names(request)); // absent elements are nulls in XML; a position is always there
        Assert.Equal("closed", request.Element("status")!.Value);
        Assert.Equal("WNA diberi peringatan tertulis.", request.Element("status_notes")!.Value);
        Assert.True(DateTimeOffset.Parse(request.Element("updated_datetime")!.Value, CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(request.Element("requested_datetime")!.Value, CultureInfo.InvariantCulture));

        // Nothing about the reporter or the person reported, in any public answer.
        foreach (var url in new[]
                 {
                     $"{V2}/requests/{ticket}.json", $"{V2}/requests/{ticket}.xml", $"{V2}/requests.json", $"{V2}/requests.xml",
                     $"{V2}/requests.json?service_request_id={ticket}", $"{V2}/tokens/{token}.json", $"{V2}/tokens/{token}.xml",
                 })
        {
            var body = await phone.GetStringAsync(url);
            Assert.Contains(ticket, body);
            // Random tickets and tokens can spell a short secret ("LP-K5WCHNS"): they are set aside before looking.
            var text = System.Text.RegularExpressions.Regex.Replace(body.Replace(token, ""), "LP-[A-Z0-9]{7}", "LP-");
            foreach (var secret in new[] { number, Intl(number), number[1..], PersonName, Workplace, "CHN", "warga@contoh.id", "Siti", "Rahma", "81299990000" })
                Assert.DoesNotContain(secret, text);
        }
    }

    [Fact]
    public async Task A_verified_reporter_gets_the_ticket_at_once_and_a_retry_gets_the_same_one()
    {
        var phone = app.CreateClient();
        var reporter = await VerifyPhoneAsync(phone, NewPhone());

        // A retry is the same request again: the same device and time (the key is the device's own, bound to the body).
        (string, string)[] sent = [("service_code", "PublicDisorder"), ("device_id", Guid.NewGuid().ToString()),
            ("attribute[occurred_at]", DateTimeOffset.UtcNow.AddHours(-3).ToString("O", CultureInfo.InvariantCulture))];
        var byHeader = new HttpRequestMessage(HttpMethod.Post, $"{V2}/requests.json") { Content = Form(sent) };
        byHeader.Headers.Add("X-Reporter-Token", reporter);
        var key = Guid.NewGuid().ToString();
        byHeader.Headers.Add("Idempotency-Key", key);
        var response = await phone.SendAsync(byHeader);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        var ticket = answer.GetProperty("service_request_id").GetString()!;
        Assert.Matches($"^Laporan {ticket} diteruskan ke [^;]+; tim pengawasan orang asing akan menindaklanjutinya\\.$", answer.GetProperty("service_notice").GetString());
        Assert.False(answer.TryGetProperty("token", out _));

        var again = new HttpRequestMessage(HttpMethod.Post, $"{V2}/requests.json") { Content = Form(sent) };
        again.Headers.Add("X-Reporter-Token", reporter);
        again.Headers.Add("Idempotency-Key", key);
        var retried = await phone.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(ticket, (await retried.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString());

        // As FixMyStreet sends it: the form alone, XML back.
        var xml = await phone.PostAsync($"{V2}/requests.xml", Form(("service_code", "SuspiciousActivity"), ("reporter_token", reporter)));
        Assert.Equal(HttpStatusCode.Created, xml.StatusCode);
        Assert.StartsWith("text/xml", xml.Content.Headers.ContentType!.ToString());
        var doc = XDocument.Parse(await xml.Content.ReadAsStringAsync());
        Assert.Equal("service_requests", doc.Root!.Name.LocalName);
        var request = Assert.Single(doc.Root.Elements("request"));
        Assert.Equal(["service_request_id", "service_notice", "reporter_key"], Names(request));
        Assert.Equal("open", (await XmlAsync(phone, $"{V2}/requests/{request.Element("service_request_id")!.Value}.xml")).Root!.Element("request")!.Element("status")!.Value);
    }

    [Fact]
    public async Task Errors_are_the_standards_list_with_the_right_status_in_either_format()
    {
        var client = app.CreateClient();

        // A service that does not exist is not found, as GET services/{code} answers.
        var unknownService = await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", Form(("service_code", "Gossip"))), 404);
        Assert.Contains(unknownService, e => e.Description.StartsWith("service_code", StringComparison.Ordinal));
        var unknownServiceXml = await XmlErrorsAsync(await client.PostAsync($"{V2}/requests.xml", Form(("service_code", "Gossip"))), 404);
        Assert.Contains(unknownServiceXml, e => e.Description.StartsWith("service_code", StringComparison.Ordinal));
        await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", Form(("service_code", ""))), 400);

        var nowhere = await XmlErrorsAsync(await client.PostAsync($"{V2}/requests.xml",
            Form(("lat", ""), ("long", ""), ("address_string", ""), ("address_id", ""))), 400);
        Assert.Contains(nowhere, e => e.Description.Contains("location", StringComparison.Ordinal));
        // A position alone is routed by the kelurahan it lies in; at sea it is in none.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{V2}/requests.json", Form(("address_id", "")))).StatusCode);
        var atSea = await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", Form(("address_id", ""), ("lat", "-5.0"), ("long", "110.0"))), 400);
        Assert.Contains(atSea, e => e.Description.StartsWith("lat", StringComparison.Ordinal));
        var abroad = await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", Form(("lat", "48.85"), ("long", "2.35"))), 400);
        Assert.Contains(abroad, e => e.Description.StartsWith("lat", StringComparison.Ordinal));
        // The standard's description is optional, up to 4,000 characters.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{V2}/requests.json", Form(("description", "")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{V2}/requests.json", Form(("description", new string('x', 4000))))).StatusCode);
        var tooLong = await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", Form(("description", new string('x', 4001)))), 400);
        Assert.Contains(tooLong, e => e.Description.StartsWith("description", StringComparison.Ordinal));
        await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", Form(("attribute[occurred_at]", "kemarin"))), 400);
        await ErrorsAsync(await client.PostAsync($"{V2}/requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), 400);

        await ErrorsAsync(await client.GetAsync($"{V2}/requests/LP-2222222.json"), 404);
        await XmlErrorsAsync(await client.GetAsync($"{V2}/requests/LP-2222222.xml"), 404);
        await ErrorsAsync(await client.GetAsync($"{V2}/tokens/no-such-token.json"), 404);
        await XmlErrorsAsync(await client.GetAsync($"{V2}/services/Gossip.xml"), 404);
        await ErrorsAsync(await client.GetAsync($"{V2}/services.html"), 404);
        await XmlErrorsAsync(await client.GetAsync($"{V2}/nothing/here.xml"), 404);
        await ErrorsAsync(await client.DeleteAsync($"{V2}/requests.json"), 404);
        await ErrorsAsync(await client.GetAsync($"{V2}/requests.json?status=pending"), 400);
        await ErrorsAsync(await client.GetAsync($"{V2}/requests.json?start_date=yesterday"), 400);
        await ErrorsAsync(await client.GetAsync($"{V2}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), 400);

        var badKey = await XmlErrorsAsync(await client.PostAsync($"{V2}/requests.xml", Form(("api_key", "made-up"))), 403);
        Assert.Contains(badKey, e => e.Description.Contains("api_key", StringComparison.Ordinal));
        await ErrorsAsync(await client.GetAsync($"{V2}/services.json?api_key=made-up"), 403);
    }

    [Fact]
    public async Task A_key_an_office_head_issued_is_accepted_until_revoked_and_shown_once()
    {
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var issued = await head.PostAsJsonAsync("/api/open311/keys", new { name = "Aplikasi Lapor Kota Tangerang" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var json = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var key = json.GetProperty("key").GetString()!;
        var id = json.GetProperty("id").GetString();

        var client = app.CreateClient();
        var posted = await client.PostAsync($"{V2}/requests.xml", Form(("api_key", key)));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.NotNull(XDocument.Parse(await posted.Content.ReadAsStringAsync()).Root!.Element("request")!.Element("token"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{V2}/services.xml?api_key={Uri.EscapeDataString(key)}")).StatusCode);

        var listed = await head.GetStringAsync("/api/open311/keys");
        Assert.Contains("Aplikasi Lapor Kota Tangerang", listed);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain(key[5..], listed);

        // Another office's head does not see it; an officer issues none; the national admin sees every key.
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await jaksel.PostAsJsonAsync("/api/open311/keys", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jaksel.GetAsync("/api/open311/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/open311/keys")).StatusCode);
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Contains(id!, await admin.GetStringAsync("/api/open311/keys"));
        Assert.Contains("name", (await (await head.PostAsJsonAsync("/api/open311/keys", new { name = " " })).ProblemAsync(400)).ErrorFields());

        Assert.Equal(HttpStatusCode.OK, (await head.PostAsync($"/api/open311/keys/{id}/revoke", null)).StatusCode);
        await XmlErrorsAsync(await client.PostAsync($"{V2}/requests.xml", Form(("api_key", key))), 403);
    }

    [Fact]
    public async Task The_public_list_holds_verified_requests_only_and_filters_as_the_standard_says()
    {
        var phone = app.CreateClient();
        var reporter = await VerifyPhoneAsync(phone, NewPhone());
        async Task<string> Verified(string service)
        {
            var r = await phone.PostAsync($"{V2}/requests.json", Form(("service_code", service), ("reporter_token", reporter), ("address_id", "36.71.07.1001")));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;
        }
        var work = await Verified("UnauthorisedWork");
        var address = await Verified("NotAtAddress");
        var unverified = (await SubmittedAsync(phone, Reports.Reporting.Form(village: "36.71.07.1001"))).GetProperty("ticket").GetString()!;
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var addressId = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == address).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/reports/{addressId}/triage",
            new { action = "Reject", reason = "FalseReport", publicNote = "Orang asing itu tinggal di alamat yang dilaporkan." })).StatusCode);

        async Task<List<string>> Tickets(string query) =>
            (await JsonAsync(phone, $"{V2}/requests.json{query}")).EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToList();

        var all = await Tickets("");
        Assert.Contains(work, all);
        Assert.Contains(address, all);
        Assert.DoesNotContain(unverified, all);
        Assert.Empty(await Tickets($"?service_request_id={unverified}"));
        await ErrorsAsync(await phone.GetAsync($"{V2}/requests/{unverified}.json"), 404);

        Assert.DoesNotContain(address, await Tickets("?service_code=UnauthorisedWork"));
        Assert.Contains(work, await Tickets("?service_code=UnauthorisedWork,Overstay"));
        Assert.Contains(address, await Tickets("?status=closed"));
        Assert.DoesNotContain(work, await Tickets("?status=closed"));
        Assert.Contains(work, await Tickets("?status=open"));
        Assert.Contains(work, await Tickets("?status=open,closed"));
        // service_request_id overrides every other filter.
        Assert.Equal(new[] { address, work }.Order(), (await Tickets($"?service_request_id={work},{address}&status=open")).Order());
        var today = DateTime.UtcNow;
        Assert.Contains(work, await Tickets($"?start_date={W3(today.AddHours(-1))}&end_date={W3(today.AddHours(1))}"));
        Assert.DoesNotContain(work, await Tickets($"?end_date={W3(today.AddDays(-1))}"));
        Assert.DoesNotContain(work, await Tickets($"?start_date={W3(today.AddHours(1))}"));

        var rejected = (await XmlAsync(phone, $"{V2}/requests.xml?service_request_id={address}")).Root!.Element("request")!;
        Assert.Equal("closed", rejected.Element("status")!.Value);
        Assert.Equal("Orang asing itu tinggal di alamat yang dilaporkan.", rejected.Element("status_notes")!.Value);
    }

    private static string W3(DateTime t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>A complete service request as a client sends it; each given field replaces or (when empty) removes one.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["service_code"] = "Overstay",
            ["lat"] = "-6.1781",
            ["long"] = "106.6300",
            ["address_string"] = "Jl. Merdeka No. 5",
            ["address_id"] = TangerangVillage,
            ["description"] = "Warga asing tinggal melebihi izin, sudah dua bulan.",
            ["device_id"] = Guid.NewGuid().ToString(),
            ["attribute[occurred_at]"] = DateTimeOffset.UtcNow.AddHours(-3).ToString("O", CultureInfo.InvariantCulture),
            ["attribute[person_name]"] = PersonName,
            ["attribute[workplace]"] = Workplace,
            ["attribute[person_nationality]"] = "CHN",
        };
        foreach (var (name, value) in changes)
            if (value.Length == 0) fields.Remove(name);
            else fields[name] = value;
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<XDocument> XmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body);
        return XDocument.Parse(body);
    }

    private static IEnumerable<string> Names(XElement e) => e.Elements().Select(c => c.Name.LocalName);

    private sealed record Error(int Code, string Description);

    private static async Task<List<Error>> ErrorsAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e =>
        {
            Assert.Equal(["code", "description"], e.EnumerateObject().Select(p => p.Name));
            return new Error(e.GetProperty("code").GetInt32(), e.GetProperty("description").GetString()!);
        }).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(status, e.Code));
        return errors;
    }

    private static async Task<List<Error>> XmlErrorsAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var doc = XDocument.Parse(body);
        Assert.Equal("errors", doc.Root!.Name.LocalName);
        var errors = doc.Root.Elements().Select(e =>
        {
            Assert.Equal("error", e.Name.LocalName);
            Assert.Equal(["code", "description"], Names(e));
            return new Error(int.Parse(e.Element("code")!.Value, CultureInfo.InvariantCulture), e.Element("description")!.Value);
        }).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(status, e.Code));
        return errors;
    }
}

/// <summary>One client address flooding the Open311 endpoint.</summary>
public sealed class Open311FloodApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Limits:PerAddressPerHour", "2"), new("Reports:Limits:PerClientPerHour", "3")];
}

public sealed class Open311FloodTests(Open311FloodApp app) : IClassFixture<Open311FloodApp>
{
    [Fact]
    public async Task Posts_without_a_trusted_key_are_limited_per_address_and_refused_in_the_standards_format()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/open311/v2/requests.xml", Open311Tests.Form())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/open311/v2/requests.xml", Open311Tests.Form())).StatusCode);
        var refused = await client.PostAsync("/open311/v2/requests.xml", Open311Tests.Form());
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        var doc = XDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("errors", doc.Root!.Name.LocalName);
        Assert.Equal("429", doc.Root.Element("error")!.Element("code")!.Value);
    }

    [Fact]
    public async Task A_trusted_application_is_limited_as_one_sender_of_its_own_not_per_address()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var issued = await (await admin.PostAsJsonAsync("/api/open311/keys", new { name = "Sistem Pengaduan Kota", trusted = true })).Content.ReadFromJsonAsync<JsonElement>();
        var key = issued.GetProperty("key").GetString()!;
        var client = app.CreateClient();
        // From one address (its server), past the address's limit of 2: its users are many.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/open311/v2/requests.xml", Open311Tests.Form(("api_key", key)))).StatusCode);
        var refused = await client.PostAsync("/open311/v2/requests.xml", Open311Tests.Form(("api_key", key)));
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Contains("application", XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("description")!.Value);
    }
}
