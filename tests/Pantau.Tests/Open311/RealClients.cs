using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Pantau.Tests.Open311;

/// <summary>
/// The requests three real, unmodified Open311 clients send, built as their code builds them, and what they read back.
/// FixMyStreet: mysociety/fixmystreet perllib/Open311.pm (commit 84d7c80c). node-open311 (npm <c>open311</c>):
/// codeforamerica/node-open311 open311.js (commit 0529f664). The Ruby gem <c>open311</c>: codeforamerica/open311
/// lib/open311/client/{service,request}.rb (commit 44afdb93).
/// </summary>
public static class RealClients
{
    public const string Endpoint = "/open311/v2/";

    /// <summary>The jurisdiction a client is configured with; every client sends it when set.</summary>
    public const string Jurisdiction = "imigrasi.go.id";

    /// <summary>A FixMyStreet problem, in the words of its Problem row (title, detail, the reporter's name and email).</summary>
    public sealed record Problem(string ServiceCode, string Title, string Detail, double Latitude, double Longitude, string? Postcode = null,
        string Name = "Siti Rahma", string Email = "siti@contoh.id", string Url = "https://lapor.contoh.id/report/1",
        IReadOnlyDictionary<string, string>? ExtraFields = null);

    /// <summary>
    /// FixMyStreet's <c>send_service_request</c> (Open311.pm lines 91-102, 142-225, 604-663): a POST to
    /// <c>requests.xml</c>, form-encoded (multipart only when it uploads photos, lines 633-659), with description =
    /// title, detail and the report's URL (<c>_generate_service_request_description</c>, lines 309-313, outside the
    /// UK), first_name/last_name split from the name (lines 579-587), email, lat/long truncated to 6 decimals
    /// (<c>always_send_latlong</c> defaults to 1, lines 179-184; Utils::truncate_coordinate) or, for a report not placed
    /// on the map with always_send_latlong off, address_string = what the user searched for (line 193); never
    /// address_id here. Extra fields as attribute[name] (lines 208-217). <c>api_key</c> and <c>jurisdiction_id</c> go
    /// in the body of a POST (lines 613-616). No Idempotency-Key, no device id.
    /// </summary>
    public static HttpRequestMessage FixMyStreetPost(Problem p, string? apiKey, bool alwaysSendLatLong = true, string? jurisdiction = Jurisdiction,
        (string FileName, byte[] Content)? photo = null)
    {
        var (first, last) = SplitName(p.Name);
        var fields = new Dictionary<string, string>
        {
            ["description"] = $"{p.Title}\n\n{p.Detail}\n\n{p.Url}\n",
            ["service_code"] = p.ServiceCode,
            ["first_name"] = first,
            ["last_name"] = last,
            ["email"] = p.Email,
        };
        if (alwaysSendLatLong || p.Postcode is null)
        {
            fields["lat"] = TruncateCoordinate(p.Latitude);
            fields["long"] = TruncateCoordinate(p.Longitude);
        }
        else fields["address_string"] = p.Postcode;
        foreach (var (name, value) in p.ExtraFields ?? new Dictionary<string, string>()) fields[$"attribute[{name}]"] = value;
        if (jurisdiction is not null) fields["jurisdiction_id"] = jurisdiction;
        if (apiKey is not null) fields["api_key"] = apiKey;

        HttpContent content;
        if (photo is { } file)
        {
            // HTTP::Request::Common's form-data, the photo as "photo1" (lines 265-277).
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
            var bytes = new ByteArrayContent(file.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            multipart.Add(bytes, "photo1", file.FileName);
            content = multipart;
        }
        else content = new FormUrlEncodedContent(fields); // application/x-www-form-urlencoded, as HTTP::Request::Common's POST
        return new HttpRequestMessage(HttpMethod.Post, $"{Endpoint}requests.xml") { Content = content };
    }

    /// <summary>
    /// FixMyStreet's GETs (<c>_get</c>, lines 604-631): the path with jurisdiction_id in the query and no api_key
    /// (only <c>get_service_request_updates</c> adds one, lines 359-361). Tokens: <c>tokens/{token}.xml</c> (line 343).
    /// </summary>
    public static string FixMyStreetGet(string path, params (string Name, string Value)[] query) =>
        Url($"{Endpoint}{path}", [.. query, ("jurisdiction_id", Jurisdiction)]);

    /// <summary>
    /// What FixMyStreet takes from a POST's or a token's XML answer (lines 104-111, 339-351): XML::Simple with
    /// SuppressEmpty => undef, so an empty element is no value, and an element with attributes is a hash FixMyStreet
    /// cannot use as an id (line 109, "unless ref"). Null when the answer holds none.
    /// </summary>
    public static (string? ServiceRequestId, string? Token) FixMyStreetReads(string xml)
    {
        var request = XDocument.Parse(xml).Root!.Elements("request").FirstOrDefault();
        string? Value(string name)
        {
            var e = request?.Element(name);
            if (e is null || e.Value.Length == 0) return null;
            Assert.False(e.HasAttributes, $"FixMyStreet reads <{name}> with attributes as a hash, not a value: {e}");
            return e.Value;
        }
        return (Value("service_request_id"), Value("token"));
    }

    /// <summary>
    /// node-open311's <c>submitRequest</c> (open311.js lines 194-237, <c>_post</c> lines 396-421): the format is json
    /// unless set (lines 42-44); an api key is required and goes in the form (lines 205-210); <c>attributes</c> become
    /// attribute[code] (lines 212-217); jurisdiction_id goes in the QUERY string; the body is the request library's
    /// <c>form:</c> (querystring.stringify, application/x-www-form-urlencoded; charset=utf-8). Any status of 300 or more
    /// is an error (line 415); the answer is read as an array, <c>data[0].token</c> or <c>data[0].service_request_id</c>.
    /// </summary>
    public static HttpRequestMessage NodeOpen311Submit(IReadOnlyList<(string Name, object Value)> data, string apiKey,
        IReadOnlyDictionary<string, string>? attributes = null, string format = "json", string? jurisdiction = Jurisdiction)
    {
        var form = data.Select(d => (d.Name, Value: JsText(d.Value))).ToList();
        form.Add(("api_key", apiKey));
        foreach (var (code, value) in attributes ?? new Dictionary<string, string>()) form.Add(($"attribute[{code}]", value));
        var body = string.Join("&", form.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        var url = jurisdiction is null ? $"{Endpoint}requests.{format}" : Url($"{Endpoint}requests.{format}", [("jurisdiction_id", jurisdiction)]);
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    /// <summary>
    /// node-open311's GETs (<c>_get</c>, lines 363-387): path + '.' + format, jurisdiction_id in the query, no api key;
    /// anything but 200 is an error (line 381). <c>token(token)</c> is <c>tokens/{token}</c> (line 255).
    /// </summary>
    public static string NodeOpen311Get(string path, string format = "json") => Url($"{Endpoint}{path}.{format}", [("jurisdiction_id", Jurisdiction)]);

    /// <summary>
    /// The Ruby gem's <c>post_service_request(options)</c> (service.rb lines 58-64, request.rb lines 22-36): format xml by
    /// default (configuration.rb line 22), so <c>requests.xml</c>; jurisdiction_id and api_key merged into the options
    /// (lines 98-101), and the options are the request's body, a form. It reads
    /// <c>response['service_requests']['request']</c>.
    /// </summary>
    public static HttpRequestMessage RubyGemPost(IReadOnlyList<(string Name, string Value)> options, string? apiKey, string? jurisdiction = Jurisdiction)
    {
        var fields = options.ToList();
        if (jurisdiction is not null) fields.Add(("jurisdiction_id", jurisdiction));
        fields.Add(("api_key", apiKey ?? "")); // merge_options!(options, api_key: api_key): sent even when nil
        return new HttpRequestMessage(HttpMethod.Post, $"{Endpoint}requests.xml")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
    }

    /// <summary>FixMyStreet's split_name (lines 579-587): the first word, then the rest.</summary>
    private static (string First, string Last) SplitName(string name)
    {
        var parts = name.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        return (parts.ElementAtOrDefault(0) ?? "", parts.ElementAtOrDefault(1)?.Trim() ?? "");
    }

    /// <summary>Utils::truncate_coordinate: sprintf('%0.6f'), then trailing zeros (and a bare point) dropped.</summary>
    public static string TruncateCoordinate(double value)
    {
        var text = value.ToString("F6", CultureInfo.InvariantCulture);
        return text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    // JavaScript's String(value): 39.2833 stays 39.2833.
    private static string JsText(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Url(string path, IEnumerable<(string Name, string Value)> query) =>
        path + "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
}
