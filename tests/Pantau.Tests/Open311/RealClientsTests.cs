using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Open311;

/// <summary>
/// Open311 as three real clients send it, each request built the way that client's code builds it (read from their
/// source): FixMyStreet's <c>perllib/Open311.pm</c>, Code for America's <c>node-open311</c> (<c>open311.js</c>) and its
/// Ruby gem (<c>lib/open311/client</c>). None can send a kelurahan code or prove a phone; each must be able to file.
/// </summary>
public sealed class RealClientsTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string V2 = "/open311/v2";
    private const string Jurisdiction = "imigrasi-tangerang";

    private Task<string> KeyAsync(string name, bool trusted) => Open311ClientsTests.IssueKeyAsync(app, name, trusted);

    /// <summary>
    /// FixMyStreet (<c>_populate_service_request_params</c>, <c>_request</c>): description, service_code, first_name,
    /// last_name, email, lat/long cut to 6 decimals (it always sends the pin), its own extra fields as attribute[…],
    /// jurisdiction_id and api_key in the body; form-encoded, or multipart with photo1… when there are photos. XML.
    /// </summary>
    private static HttpContent FixMyStreetPost(string key, string description, byte[]? photo = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("description", description), new("service_code", "UnauthorisedWork"), new("first_name", "Siti"), new("last_name", "Rahma"),
            new("email", "siti@contoh.id"), new("lat", "-6.172880"), new("long", "106.631850"),
            new("attribute[title]", "WNA bekerja"),
            new("jurisdiction_id", Jurisdiction), new("api_key", key),
        };
        if (photo is null) return new FormUrlEncodedContent(fields);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
        multipart.Add(new ByteArrayContent(photo), "photo1", "report-1.png");
        return multipart;
    }

    [Fact]
    public async Task FixMyStreet_files_with_its_pin_and_a_photo_reads_the_id_and_follows_the_updates()
    {
        var key = await KeyAsync("FixMyStreet Tangerang", trusted: true);
        var client = app.CreateClient();
        var posted = await client.PostAsync($"{V2}/requests.xml", FixMyStreetPost(key, $"Orang asing bekerja di pabrik ({Guid.NewGuid():N}).", Png));
        var body = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.Created, body);
        // What send_service_request reads: $obj->{request}->[0]->{service_request_id}.
        var id = XDocument.Parse(body).Root!.Element("request")!.Element("service_request_id")!.Value;
        Assert.Matches("^LP-", id);

        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == id);
        var detail = await officer.GetJsonAsync($"/api/reports/{report.GetProperty("id").GetString()}");
        Assert.Equal((1, "36.71.01.1001"), (detail.GetProperty("photoCount").GetInt32(), detail.GetProperty("villageCode").GetString()));

        // get_service_request_updates: api_key, and start_date with end_date (both or neither).
        var start = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var end = DateTime.UtcNow.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var updates = XDocument.Parse(await client.GetStringAsync(
            $"{V2}/servicerequestupdates.xml?api_key={Uri.EscapeDataString(key)}&start_date={start}&end_date={end}&jurisdiction_id={Jurisdiction}"));
        // process_requests skips an update without update_id.
        Assert.Contains(updates.Root!.Elements("request_update"), u => u.Element("service_request_id")!.Value == id && u.Element("update_id")!.Value.Length > 0);
    }

    [Fact]
    public async Task FixMyStreet_without_a_trusted_key_polls_its_token_and_a_resend_is_the_same_report()
    {
        var key = await KeyAsync("FixMyStreet Warga", trusted: false);
        var client = app.CreateClient();
        var description = $"WNA menginap melebihi izin ({Guid.NewGuid():N}).";
        var first = XDocument.Parse(await (await client.PostAsync($"{V2}/requests.xml", FixMyStreetPost(key, description))).Content.ReadAsStringAsync());
        var token = first.Root!.Element("request")!.Element("token")!.Value;
        // get_service_request_id_from_token: no id yet, so it gives up after its tries ...
        Assert.Null(XDocument.Parse(await client.GetStringAsync($"{V2}/tokens/{token}.xml")).Root!.Element("request")!.Element("service_request_id"));
        // ... and sends the report again later: the same report, not a second one that never resolves.
        var again = await client.PostAsync($"{V2}/requests.xml", FixMyStreetPost(key, description));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(token, XDocument.Parse(await again.Content.ReadAsStringAsync()).Root!.Element("request")!.Element("token")!.Value);
    }

    [Fact]
    public async Task Node_open311_files_in_json_with_its_phone_and_exchanges_the_token()
    {
        var key = await KeyAsync("Aplikasi Node", trusted: false);
        var client = app.CreateClient();
        var phone = NewPhone();
        // submitRequest → _post: jurisdiction_id in the query string, the form (attributes flattened to attribute[…],
        // api_key added) in the body, format json.
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_code"] = "Overstay", ["lat"] = "-6.17288", ["long"] = "106.63185", ["address"] = "Tangerang",
            ["description"] = $"Turis tinggal lewat izin ({Guid.NewGuid():N})", ["attribute[kind]"] = "residence", ["phone"] = phone,
            ["api_key"] = key,
        });
        var posted = await client.PostAsync($"{V2}/requests.json?jurisdiction_id={Jurisdiction}", form);
        Assert.True((int)posted.StatusCode < 300, await posted.Content.ReadAsStringAsync());
        var answer = Assert.Single((await posted.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        var token = answer.GetProperty("token").GetString()!;
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("service_notice").GetString()));

        // The code texted to the phone proves it (here through the API, with the token); the token then has its id.
        var code = await LatestCodeAsync(client, phone);
        Assert.True((await client.PostAsJsonAsync("/api/reporters/verify", new { phone, code, token })).IsSuccessStatusCode);
        var exchanged = Assert.Single((await client.GetJsonAsync($"{V2}/tokens/{token}.json?jurisdiction_id={Jurisdiction}")).EnumerateArray());
        Assert.Matches("^LP-", exchanged.GetProperty("service_request_id").GetString());
    }

    [Fact]
    public async Task The_ruby_gem_files_as_multipart_xml_with_the_key_in_the_body()
    {
        var key = await KeyAsync("Aplikasi Ruby", trusted: true);
        var client = app.CreateClient();
        // post_service_request: merge_options!(options, api_key:) and the jurisdiction, as the body of a Faraday
        // connection using Request::Multipart; path "requests.xml".
        var body = new MultipartFormDataContent
        {
            { new StringContent("NotAtAddress"), "service_code" }, { new StringContent("-6.17288"), "lat" }, { new StringContent("106.63185"), "long" },
            { new StringContent($"Tidak tinggal di alamatnya ({Guid.NewGuid():N})"), "description" },
            { new StringContent(Jurisdiction), "jurisdiction_id" }, { new StringContent(key), "api_key" },
        };
        var posted = await client.PostAsync($"{V2}/requests.xml", body);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        // unpack_if_xml: response['service_requests']['request'].
        var doc = XDocument.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal("service_requests", doc.Root!.Name.LocalName);
        var id = doc.Root.Element("request")!.Element("service_request_id")!.Value;
        var read = XDocument.Parse(await client.GetStringAsync($"{V2}/requests/{id}.xml?jurisdiction_id={Jurisdiction}"));
        Assert.Equal("NotAtAddress", read.Root!.Element("request")!.Element("service_code")!.Value);
    }
}
