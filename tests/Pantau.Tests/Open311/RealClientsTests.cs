using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Open311.RealClients;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Open311;

/// <summary>
/// FixMyStreet, node-open311 and the Ruby gem file reports with Pantau unchanged: each request is built as that client
/// builds it (<see cref="RealClients"/>), and each assertion is on what that client reads back.
/// </summary>
public sealed class RealClientsTests(PantauApp app) : IClassFixture<PantauApp>
{
    // Inside Kota Tangerang (Kanim Tangerang), where the other Open311 tests report.
    private const double Lat = -6.1781;
    private const double Long = 106.6300;
    private const string Tangerang = "Kantor Imigrasi Tangerang";
    // A kelurahan whose name no other village in Indonesia has: Cikokol, kecamatan Tangerang, Kota Tangerang.
    private const string Cikokol = "36.71.01.1005";
    // Two villages named Karet, one in each of two offices' areas: Setiabudi (Jakarta Selatan) and Sepatan (Kab. Tangerang).
    private const string KaretSetiabudi = "31.74.02.1004";
    private const string KaretSepatan = "36.03.16.2002";

    private static Problem NewProblem(string service = "Overstay", double lat = Lat, double lon = Long, string? postcode = null) =>
        new(service, "WNA tinggal melebihi izin", $"Sudah dua bulan di rumah kos. #{Guid.NewGuid():N}", lat, lon, postcode,
            ExtraFields: new Dictionary<string, string> { ["person_nationality"] = "CHN" });

    [Fact]
    public async Task FixMyStreet_with_a_trusted_key_gets_a_service_request_id_at_once_and_reads_the_position_back()
    {
        var key = (await KeyAsync(trusted: true)).Key;
        var fms = app.CreateClient();

        var posted = await fms.SendAsync(FixMyStreetPost(NewProblem(), key));
        var body = await XmlSuccessAsync(posted, HttpStatusCode.Created, HttpStatusCode.OK);
        var (id, token) = FixMyStreetReads(body);
        Assert.True(id is not null, $"a trusted client gets the service_request_id at once, not a token: {body}");
        Assert.Null(token);

        var request = await SingleRequestAsync(fms, $"{Endpoint}requests/{id}.xml?api_key={Uri.EscapeDataString(key)}");
        Assert.Equal(id, request.Element("service_request_id")!.Value);
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.Equal(Tangerang, request.Element("agency_responsible")!.Value);
        Assert.Equal(Lat, Degrees(request, "lat"), 6);
        Assert.Equal(Long, Degrees(request, "long"), 6);
    }

    [Fact]
    public async Task FixMyStreet_with_an_untrusted_key_or_none_gets_a_token_that_names_no_request_until_the_phone_is_proved()
    {
        var untrusted = (await KeyAsync(trusted: false)).Key;
        var fms = app.CreateClient();
        foreach (var key in new[] { untrusted, null })
        {
            var body = await XmlSuccessAsync(await fms.SendAsync(FixMyStreetPost(NewProblem(), key)), HttpStatusCode.Created, HttpStatusCode.OK);
            var (id, token) = FixMyStreetReads(body);
            Assert.True(id is null, $"no service_request_id before the reporter's phone is proved (key: {key is not null}): {body}");
            Assert.NotNull(token);

            // FixMyStreet polls tokens/{token}.xml (without its key) and finds no id yet.
            var polled = await fms.GetAsync(FixMyStreetGet($"tokens/{token}.xml"));
            var answer = await XmlSuccessAsync(polled, HttpStatusCode.OK);
            Assert.Equal((null, token), FixMyStreetReads(answer));
        }
    }

    [Fact]
    public async Task NodeOpen311_sending_a_phone_is_told_a_code_was_texted_and_its_token_gives_the_request_once_the_code_is_proved()
    {
        var key = (await KeyAsync(trusted: false)).Key;
        var node = app.CreateClient();
        var phone = NewPhone();
        var before = await OutboxAsync(node, phone);

        var response = await node.SendAsync(NodeOpen311Submit(
            [("service_code", "UnauthorisedWork"), ("lat", Lat), ("long", Long), ("address", "Jl. Merdeka No. 5"),
             ("description", $"Bekerja di pabrik tanpa izin kerja. #{Guid.NewGuid():N}"), ("phone", phone), ("first_name", "Siti"), ("last_name", "Rahma")],
            key, new Dictionary<string, string> { ["workplace"] = "PT Sinar Baja Abadi" }));
        var answer = (await JsonSuccessAsync(response))[0];
        Assert.False(answer.TryGetProperty("service_request_id", out var none) && none.ValueKind != JsonValueKind.Null, answer.ToString());
        var token = answer.GetProperty("token").GetString()!;
        Assert.True(answer.TryGetProperty("service_notice", out var notice) && notice.GetString() is { Length: > 0 },
            $"the answer tells the client a code was texted: {answer}");

        // The phone got a code, which the notice does not give away.
        var texted = (await OutboxAsync(node, phone)).Except(before).ToList();
        Assert.True(texted.Count > 0, $"no text message went to {phone}");
        var code = await LatestCodeAsync(node, phone);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.DoesNotContain(code, notice.GetString()!);

        // node-open311's token(): 200 and no id; once the reporter proves the phone with that code, the id.
        var pending = (await JsonSuccessAsync(await node.GetAsync(NodeOpen311Get($"tokens/{token}"))))[0];
        Assert.True(!pending.TryGetProperty("service_request_id", out var id) || id.ValueKind == JsonValueKind.Null, pending.ToString());
        var verified = await node.PostAsJsonAsync("/api/reporters/verify", new { phone, code, token });
        Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync());
        var exchanged = (await JsonSuccessAsync(await node.GetAsync(NodeOpen311Get($"tokens/{token}"))))[0];
        var ticket = exchanged.GetProperty("service_request_id").GetString();
        Assert.False(string.IsNullOrEmpty(ticket));
        var request = (await JsonSuccessAsync(await node.GetAsync(NodeOpen311Get($"requests/{ticket}"))))[0];
        Assert.Equal("UnauthorisedWork", request.GetProperty("service_code").GetString());
    }

    [Fact]
    public async Task A_kelurahan_name_alone_as_address_string_routes_the_report()
    {
        var key = (await KeyAsync(trusted: true)).Key;
        var fms = app.CreateClient();
        // FixMyStreet with always_send_latlong off, for a report not placed on the map: the search text, no position.
        var posted = await fms.SendAsync(FixMyStreetPost(NewProblem(postcode: "Cikokol"), key, alwaysSendLatLong: false));
        var body = await XmlSuccessAsync(posted, HttpStatusCode.Created, HttpStatusCode.OK);
        var (id, _) = FixMyStreetReads(body);
        Assert.True(id is not null, body);

        var request = await SingleRequestAsync(fms, $"{Endpoint}requests/{id}.xml?api_key={Uri.EscapeDataString(key)}");
        Assert.Equal(Cikokol, request.Element("address_id")?.Value);
        Assert.Equal(Tangerang, request.Element("agency_responsible")!.Value);
    }

    [Fact]
    public async Task An_ambiguous_address_string_is_refused_with_its_candidates()
    {
        var key = (await KeyAsync(trusted: true)).Key;
        var response = await app.CreateClient().SendAsync(FixMyStreetPost(NewProblem(postcode: "Karet"), key, alwaysSendLatLong: false));
        var errors = await XmlErrorsAsync(response, 400);
        var text = string.Join("\n", errors);
        Assert.Contains(errors, e => e.StartsWith("address_string", StringComparison.Ordinal));
        // Both Karets, by code or by kecamatan, so the client can ask which one.
        Assert.True(text.Contains(KaretSetiabudi) || text.Contains("Setiabudi"), text);
        Assert.True(text.Contains(KaretSepatan) || text.Contains("Sepatan"), text);
    }

    [Fact]
    public async Task A_position_outside_every_office_is_refused()
    {
        // Bandung: a kelurahan, but no demo office's area.
        var response = await app.CreateClient().SendAsync(FixMyStreetPost(NewProblem(lat: -6.9175, lon: 107.6191), null));
        var errors = await XmlErrorsAsync(response, 400);
        Assert.Contains(errors, e => e.StartsWith("lat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FixMyStreet_resending_a_report_with_a_trusted_key_gets_the_first_id_and_files_one_report()
    {
        var key = (await KeyAsync(trusted: true)).Key;
        var fms = app.CreateClient();
        var problem = NewProblem();

        var first = FixMyStreetReads(await XmlSuccessAsync(await fms.SendAsync(FixMyStreetPost(problem, key)), HttpStatusCode.Created, HttpStatusCode.OK));
        Assert.NotNull(first.ServiceRequestId);
        // FixMyStreet sends a report again when it did not read an id (a timeout, a failed parse): same key, same fields.
        var again = FixMyStreetReads(await XmlSuccessAsync(await fms.SendAsync(FixMyStreetPost(problem, key)), HttpStatusCode.Created, HttpStatusCode.OK));
        Assert.Equal(first, again);
        Assert.Equal(1, await ReportsHoldingAsync(problem.Detail));
    }

    [Fact]
    public async Task FixMyStreet_resending_a_report_without_a_proved_reporter_gets_the_first_token_and_files_one_report()
    {
        var key = (await KeyAsync(trusted: false)).Key;
        var fms = app.CreateClient();
        var problem = NewProblem("PublicDisorder");

        var first = FixMyStreetReads(await XmlSuccessAsync(await fms.SendAsync(FixMyStreetPost(problem, key)), HttpStatusCode.Created, HttpStatusCode.OK));
        Assert.NotNull(first.Token);
        var again = FixMyStreetReads(await XmlSuccessAsync(await fms.SendAsync(FixMyStreetPost(problem, key)), HttpStatusCode.Created, HttpStatusCode.OK));
        Assert.Equal(first, again);
        Assert.Equal(1, await ReportsHoldingAsync(problem.Detail));
    }

    [Fact]
    public async Task Services_tell_a_keyless_caller_to_read_the_definition_and_expect_a_token()
    {
        var client = app.CreateClient();
        // FixMyStreet's get_service_list (services.xml) and node-open311's serviceList (services.json).
        var xml = XDocument.Parse(await XmlSuccessAsync(await client.GetAsync(FixMyStreetGet("services.xml")), HttpStatusCode.OK));
        var services = xml.Root!.Elements("service").ToList();
        Assert.NotEmpty(services);
        Assert.All(services, s =>
        {
            Assert.Equal("true", s.Element("metadata")!.Value);
            Assert.Equal("batch", s.Element("type")!.Value);
        });
        var json = await JsonSuccessAsync(await client.GetAsync(NodeOpen311Get("services")));
        Assert.All(json.EnumerateArray(), s =>
        {
            Assert.Equal(JsonValueKind.True, s.GetProperty("metadata").ValueKind);
            Assert.Equal("batch", s.GetProperty("type").GetString());
        });
        // metadata true: the client reads the definition next, and it is there.
        var code = services[0].Element("service_code")!.Value;
        var definition = XDocument.Parse(await XmlSuccessAsync(await client.GetAsync(FixMyStreetGet($"services/{code}.xml")), HttpStatusCode.OK));
        Assert.Equal("service_definition", definition.Root!.Name.LocalName);
    }

    [Fact]
    public async Task Description_is_optional_and_may_run_to_4000_characters()
    {
        var key = (await KeyAsync(trusted: false)).Key;
        var ruby = app.CreateClient();
        (string, string)[] Options(params (string, string)[] more) =>
            [("service_code", "SuspiciousActivity"), ("lat", "-6.1781"), ("long", "106.63"), ("email", "warga@contoh.id"), .. more];

        var without = await ruby.SendAsync(RubyGemPost(Options(), key));
        Assert.NotEqual((null, null), FixMyStreetReads(await XmlSuccessAsync(without, HttpStatusCode.Created, HttpStatusCode.OK)));

        var marker = Guid.NewGuid().ToString("N");
        var longest = marker + new string('a', 4000 - marker.Length);
        var full = await ruby.SendAsync(RubyGemPost(Options(("description", longest)), key));
        Assert.NotEqual((null, null), FixMyStreetReads(await XmlSuccessAsync(full, HttpStatusCode.Created, HttpStatusCode.OK)));

        var tooLong = await ruby.SendAsync(RubyGemPost(Options(("description", longest + "a")), key));
        Assert.Contains(await XmlErrorsAsync(tooLong, 400), e => e.StartsWith("description", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_service_code_is_not_found()
    {
        var fms = app.CreateClient();
        var errors = await XmlErrorsAsync(await fms.SendAsync(FixMyStreetPost(NewProblem("Gossip"), null)), 404);
        Assert.Contains(errors, e => e.Contains("service_code", StringComparison.Ordinal));
        var key = (await KeyAsync(trusted: false)).Key;
        var node = await fms.SendAsync(NodeOpen311Submit([("service_code", "Gossip"), ("lat", Lat), ("long", Long), ("description", "x")], key));
        Assert.Equal(HttpStatusCode.NotFound, node.StatusCode);
    }

    [Fact]
    public async Task Each_client_may_send_its_jurisdiction_id()
    {
        var key = (await KeyAsync(trusted: false)).Key;
        var client = app.CreateClient();

        Assert.NotEqual((null, null), FixMyStreetReads(await XmlSuccessAsync(await client.SendAsync(FixMyStreetPost(NewProblem(), key)),
            HttpStatusCode.Created, HttpStatusCode.OK))); // in the body
        var node = await JsonSuccessAsync(await client.SendAsync(NodeOpen311Submit(
            [("service_code", "Overstay"), ("lat", Lat), ("long", Long), ("description", $"Visa habis. #{Guid.NewGuid():N}")], key))); // in the query
        Assert.Equal(JsonValueKind.String, node[0].GetProperty("token").ValueKind);
        var ruby = await client.SendAsync(RubyGemPost([("service_code", "Other"), ("lat", "-6.1781"), ("long", "106.63"),
            ("description", $"Lainnya. #{Guid.NewGuid():N}")], key)); // in the body
        Assert.NotEqual((null, null), FixMyStreetReads(await XmlSuccessAsync(ruby, HttpStatusCode.Created, HttpStatusCode.OK)));

        foreach (var path in new[] { FixMyStreetGet("services.xml"), FixMyStreetGet("discovery.xml"), FixMyStreetGet("requests.xml") })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task An_end_date_equal_to_a_requests_displayed_requested_datetime_finds_it()
    {
        var ticket = await VerifiedRequestAsync();
        var client = app.CreateClient();
        var shown = (await SingleRequestAsync(client, FixMyStreetGet($"requests/{ticket}.xml"))).Element("requested_datetime")!.Value;
        var at = DateTimeOffset.Parse(shown, CultureInfo.InvariantCulture);
        var start = at.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        // FixMyStreet's get_service_requests with start_date and end_date; the window ends at the request's own time.
        var list = XDocument.Parse(await XmlSuccessAsync(
            await client.GetAsync(FixMyStreetGet("requests.xml", ("start_date", start), ("end_date", shown))), HttpStatusCode.OK));
        Assert.Contains(ticket, list.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value));
        var json = await JsonSuccessAsync(await client.GetAsync($"{Endpoint}requests.json?end_date={Uri.EscapeDataString(shown)}"));
        Assert.Contains(ticket, json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
    }

    [Fact]
    public async Task Xml_and_json_answers_carry_the_same_content()
    {
        var ticket = await VerifiedRequestAsync();
        var key = (await KeyAsync(trusted: false)).Key;
        var client = app.CreateClient();
        var token = FixMyStreetReads(await XmlSuccessAsync(await client.SendAsync(FixMyStreetPost(NewProblem(), key)),
            HttpStatusCode.Created, HttpStatusCode.OK)).Token;
        Assert.NotNull(token);

        foreach (var path in new[] { "services", $"requests/{ticket}", $"requests", $"tokens/{token}" })
        {
            var xml = XDocument.Parse(await XmlSuccessAsync(await client.GetAsync($"{Endpoint}{path}.xml"), HttpStatusCode.OK)).Root!.Elements().ToList();
            var json = (await JsonSuccessAsync(await client.GetAsync($"{Endpoint}{path}.json"))).EnumerateArray().ToList();
            Assert.Equal(json.Count, xml.Count);
            for (var i = 0; i < json.Count; i++)
            {
                var fromJson = json[i].EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
                    .Select(p => (p.Name, Value: Scalar(p.Value))).ToList();
                var fromXml = xml[i].Elements().Where(e => e.Value.Length > 0).Select(e => (Name: e.Name.LocalName, Value: Scalar(e.Value))).ToList();
                Assert.True(fromJson.SequenceEqual(fromXml), $"{path}[{i}]:\njson {string.Join(", ", fromJson)}\nxml  {string.Join(", ", fromXml)}");
            }
        }
    }

    [Fact]
    public async Task A_revoked_trusted_key_is_refused_with_the_error_list()
    {
        var (id, key) = await KeyAsync(trusted: true);
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/open311/keys/{id}/revoke", null)).StatusCode);

        var client = app.CreateClient();
        var errors = await XmlErrorsAsync(await client.SendAsync(FixMyStreetPost(NewProblem(), key)), 403);
        Assert.Contains(errors, e => e.Contains("api_key", StringComparison.Ordinal));
        var node = await client.SendAsync(NodeOpen311Submit([("service_code", "Overstay"), ("lat", Lat), ("long", Long)], key));
        Assert.Equal(HttpStatusCode.Forbidden, node.StatusCode);
        var list = JsonDocument.Parse(await node.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(403, list[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task FixMyStreet_uploading_a_photo_as_multipart_form_data_is_accepted()
    {
        var fms = app.CreateClient();
        var problem = NewProblem();
        var posted = await fms.SendAsync(FixMyStreetPost(problem, null, photo: ("1.0.full.jpeg", Png)));
        Assert.NotEqual((null, null), FixMyStreetReads(await XmlSuccessAsync(posted, HttpStatusCode.Created, HttpStatusCode.OK)));
        // photo1 became the report's photo, cleaned like the form's.
        Assert.Equal(1, await app.WithDbAsync(db => db.ReportPhotos.CountAsync(ph =>
            db.Reports.Any(r => r.Id == ph.ReportId && r.Description.Contains(problem.Detail)))));
    }

    // --- helpers ---

    /// <summary>A key the national admin issues (nationally), trusted or not.</summary>
    private async Task<(string Id, string Key)> KeyAsync(bool trusted)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var issued = await admin.PostAsJsonAsync("/api/open311/keys",
            new { name = $"FixMyStreet Tangerang {Guid.NewGuid():N}"[..40], officeId = (int?)null, trusted });
        var json = await issued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(issued.StatusCode == HttpStatusCode.Created, json.ToString());
        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
    }

    /// <summary>A public request: sent by a resident whose phone is proved (Pantau's own reporter token), so only the
    /// reading is under test.</summary>
    private async Task<string> VerifiedRequestAsync()
    {
        var phone = app.CreateClient();
        var reporter = await VerifyPhoneAsync(phone, NewPhone());
        var posted = await phone.PostAsync($"{Endpoint}requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_code"] = "Overstay", ["lat"] = "-6.1781", ["long"] = "106.63", ["reporter_token"] = reporter,
            ["description"] = $"Visa habis. #{Guid.NewGuid():N}",
        }));
        var json = await JsonSuccessAsync(posted);
        return json[0].GetProperty("service_request_id").GetString()!;
    }

    private Task<int> ReportsHoldingAsync(string text) =>
        app.WithDbAsync(db => db.Reports.CountAsync(r => r.Description != null && r.Description.Contains(text)));

    private static async Task<List<long>> OutboxAsync(HttpClient client, string phone) =>
        (await client.GetJsonAsync($"/api/dev/outbox?recipient={Uri.EscapeDataString(phone)}")).EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();

    /// <summary>The body of a 2xx XML answer (FixMyStreet: is_success, then XML::Simple).</summary>
    private static async Task<string> XmlSuccessAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode), $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>node-open311's reading: a status under 300 (200 exactly for a GET), then JSON.parse.</summary>
    private static async Task<JsonElement> JsonSuccessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var ok = response.RequestMessage!.Method == HttpMethod.Get ? response.StatusCode == HttpStatusCode.OK : (int)response.StatusCode < 300;
        Assert.True(ok, $"{response.RequestMessage.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<XElement> SingleRequestAsync(HttpClient client, string url)
    {
        var doc = XDocument.Parse(await XmlSuccessAsync(await client.GetAsync(url), HttpStatusCode.OK));
        Assert.Equal("service_requests", doc.Root!.Name.LocalName);
        return Assert.Single(doc.Root.Elements("request"));
    }

    /// <summary>The descriptions of the standard's error list, after checking its status and codes (FixMyStreet's _process_error).</summary>
    private static async Task<List<string>> XmlErrorsAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("errors", root.Name.LocalName);
        var errors = root.Elements("error").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(status.ToString(CultureInfo.InvariantCulture), e.Element("code")!.Value));
        return errors.Select(e => e.Element("description")!.Value).ToList();
    }

    private static double Degrees(XElement request, string name)
    {
        var e = request.Element(name);
        Assert.True(e is not null && e.Value.Length > 0, $"<{name}> is missing: {request}");
        return double.Parse(e.Value, CultureInfo.InvariantCulture);
    }

    // A value as both formats can show it: numbers by their value, anything else as text.
    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => Scalar(value.GetRawText()),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string Scalar(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
            ? double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)
            : text;
}
