using Pantau.Web.Kernel;
using Pantau.Web.Features.Places;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Open311;

/// <summary>
/// The public Open311 list says what was reported, where to the kecamatan and how it stands, not what the reporter wrote
/// about a person nor where exactly: unless the office publishes that, only the client application that sent a report
/// sees it in full.
/// </summary>
public sealed class Open311PublicListTests(PantauApp app) : IClassFixture<PantauApp>
{
    public const string Description = "WNA bernama Zhang Wei tinggal di kamar 12, bekerja tanpa izin.";
    public const string Street = "Jl. Kenanga Raya No. 17";

    [Fact]
    public async Task The_public_list_carries_no_description_street_or_position_by_default()
    {
        var ticket = await PostAsync(app, null);
        var client = app.CreateClient();
        var request = Assert.Single(await JsonAsync(client, $"/open311/v2/requests/{ticket}.json"));
        Assert.Equal(JsonValueKind.Null, request.GetProperty("description").ValueKind);
        Assert.Equal("36.71.01", request.GetProperty("address_id").GetString()); // the kecamatan
        // A position for clients that skip a request without one (FixMyStreet): the kecamatan's centre, not the report's.
        var centre = app.Services.GetRequiredService<PlaceFinder>().Shapes.CentreOfDistrict("36.71.01")!.Value;
        Assert.Equal((centre.Latitude, centre.Longitude), (request.GetProperty("lat").GetDouble(), request.GetProperty("long").GetDouble()));
        Assert.True(Distance.Metres(centre.Latitude, centre.Longitude, -6.1781, 106.63) > 300, "the kecamatan's centre is not the report's place");
        Assert.Equal("UnauthorisedWork", request.GetProperty("service_code").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        foreach (var url in new[] { $"/open311/v2/requests/{ticket}.json", $"/open311/v2/requests/{ticket}.xml", "/open311/v2/requests.json",
                     "/open311/v2/requests.xml", $"/open311/v2/requests.json?service_request_id={ticket}" })
        {
            var body = await client.GetStringAsync(url);
            Assert.Contains(ticket, body);
            foreach (var secret in new[] { "Zhang Wei", "kamar 12", "Kenanga", "-6.1781", "106.63,", "106.63<", "106.63}", "36.71.01.1001" })
                Assert.DoesNotContain(secret, body);
        }
        var xml = XDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{ticket}.xml")).Root!.Element("request")!;
        Assert.Null(xml.Element("description"));
        Assert.Equal(centre.Latitude.ToString("R", CultureInfo.InvariantCulture), xml.Element("lat")!.Value);
    }

    [Fact]
    public async Task A_client_application_sees_its_own_reports_in_full_and_no_one_elses()
    {
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        async Task<string> IssueAsync(string name) =>
            (await (await head.PostAsJsonAsync("/api/open311/keys", new { name })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var own = await IssueAsync("Aplikasi Lapor Kota");
        var other = await IssueAsync("Aplikasi Lain");
        var ticket = await PostAsync(app, own);

        var client = app.CreateClient();
        var full = Assert.Single(await JsonAsync(client, $"/open311/v2/requests/{ticket}.json?api_key={Uri.EscapeDataString(own)}"));
        Assert.Equal(Description, full.GetProperty("description").GetString());
        Assert.StartsWith(Street, full.GetProperty("address").GetString());
        Assert.Equal(-6.1781, full.GetProperty("lat").GetDouble());
        Assert.Equal("36.71.01.1001", full.GetProperty("address_id").GetString());
        Assert.Contains(await JsonAsync(client, $"/open311/v2/requests.json?api_key={Uri.EscapeDataString(own)}"),
            r => r.GetProperty("service_request_id").GetString() == ticket && r.GetProperty("description").GetString() == Description);

        var theirs = Assert.Single(await JsonAsync(client, $"/open311/v2/requests/{ticket}.json?api_key={Uri.EscapeDataString(other)}"));
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("description").ValueKind);
        Assert.DoesNotContain("Kenanga", await client.GetStringAsync($"/open311/v2/requests.xml?api_key={Uri.EscapeDataString(other)}"));
    }

    /// <summary>A verified Open311 request about a person, sent with <paramref name="apiKey"/> if given; its ticket.</summary>
    public static async Task<string> PostAsync(PantauApp app, string? apiKey)
    {
        var phone = app.CreateClient();
        var reporter = await VerifyPhoneAsync(phone, NewPhone());
        var fields = new Dictionary<string, string>
        {
            ["service_code"] = "UnauthorisedWork", ["lat"] = "-6.1781", ["long"] = "106.6300", ["address_string"] = Street,
            ["address_id"] = "36.71.01.1001", ["description"] = Description, ["reporter_token"] = reporter,
            ["attribute[occurred_at]"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
        };
        if (apiKey is not null) fields["api_key"] = apiKey;
        var posted = await phone.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(fields));
        var answer = Assert.Single((await posted.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(27, answer.GetProperty("reporter_key").GetString()!.Length);
        return answer.GetProperty("service_request_id").GetString()!;
    }

    public static async Task<List<JsonElement>> JsonAsync(HttpClient client, string url) =>
        (await client.GetJsonAsync(url)).EnumerateArray().ToList();
}

/// <summary>The app with every demo office publishing its reports' details in the public list.</summary>
public sealed class PublishingOfficesApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Open311:PublishDetailsOf:0", "1"), new("Open311:PublishDetailsOf:1", "2"), new("Open311:PublishDetailsOf:2", "3")];
}

public sealed class Open311PublishingOfficeTests(PublishingOfficesApp app) : IClassFixture<PublishingOfficesApp>
{
    [Fact]
    public async Task An_office_that_chooses_to_publish_details_shows_them_to_everyone()
    {
        var ticket = await Open311PublicListTests.PostAsync(app, null);
        var request = Assert.Single(await Open311PublicListTests.JsonAsync(app.CreateClient(), $"/open311/v2/requests/{ticket}.json"));
        Assert.Equal(Open311PublicListTests.Description, request.GetProperty("description").GetString());
        Assert.Equal(106.63, request.GetProperty("long").GetDouble());
    }
}
