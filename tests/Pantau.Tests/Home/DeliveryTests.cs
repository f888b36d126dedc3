using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Statistics;

namespace Pantau.Tests.Home;

/// <summary>
/// How answers travel: errors as pages for browsers and as problem details for the API, pages and JSON compressed,
/// event streams not, and fingerprinted static files cached for good.
/// </summary>
public sealed partial class DeliveryTests(DeliveryTests.CachingApp app) : IClassFixture<DeliveryTests.CachingApp>
{
    /// <summary>
    /// The tests' app runs as Development, where MapStaticAssets answers every file with no-cache (files edited under
    /// <c>dotnet watch</c> keep their fingerprint) unless told otherwise; this one keeps the headers production sends.
    /// </summary>
    public sealed class CachingApp : PantauApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("EnableStaticAssetsDevelopmentCaching", "true")];
    }

    private static HttpRequestMessage Get(string url, string accept, string? encoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        return request;
    }

    private const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/api/reports/not-a-report/unknown")]
    public async Task An_unknown_api_address_is_a_problem_document_even_for_a_browser(string url)
    {
        var response = await app.CreateClient().SendAsync(Get(url, Browser));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unknown_page_is_html_for_a_browser_and_a_problem_document_for_a_program()
    {
        var page = await app.CreateClient().SendAsync(Get("/tidak-ada", Browser));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"error-page\"", await page.Content.ReadAsStringAsync());
        Assert.True(page.Headers.Contains("Content-Security-Policy"));

        var program = await app.CreateClient().SendAsync(Get("/tidak-ada", "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, program.StatusCode);
        Assert.Equal("application/problem+json", program.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_and_json_leave_compressed_when_asked(string encoding)
    {
        var client = app.CreateClient();
        foreach (var (url, accept) in new[] { ("/lapor", Browser), ("/api/public/stats", "application/json"), ("/tidak-ada", Browser) })
        {
            var plain = await (await client.SendAsync(Get(url, accept))).Content.ReadAsByteArrayAsync();
            var response = await client.SendAsync(Get(url, accept, encoding));
            Assert.True(response.Content.Headers.ContentEncoding.SequenceEqual([encoding]), $"{url}: {response.Content.Headers} {response.Headers}");
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var packed = await response.Content.ReadAsByteArrayAsync();
            Assert.True(packed.Length < plain.Length * 3 / 4, $"{url} as {encoding}: {packed.Length} bytes of {plain.Length}");
            Assert.Equal(Normalised(plain), Normalised(Unpacked(packed, encoding)));
        }
    }

    [Fact]
    public async Task An_event_stream_is_not_compressed_and_its_first_event_arrives_at_once()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var request = Get("/api/events", "text/event-stream", "br, gzip");
        using var response = await officer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Content.Headers.ContentEncoding.All(e => e == "identity"), $"{response.Content.Headers}");
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);
    }

    [Fact]
    public async Task A_fingerprinted_static_file_is_cached_for_good_and_its_plain_name_is_checked_each_time()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/statistik");
        // The page names the fingerprinted files: its own stylesheet and an npm library copied into wwwroot/lib.
        foreach (var plain in new[] { "/css/site.css", "/lib/chart.js/chart.umd.min.js", "/js/statistics.js" })
        {
            var dot = plain.LastIndexOf('.');
            var named = Regex.Match(html, $"\"({Regex.Escape(plain[..dot])}\\.[a-z0-9]{{10}}{Regex.Escape(plain[dot..])})\"");
            Assert.True(named.Success, $"{plain} is not linked by its fingerprinted name");
            var fingerprinted = await client.GetAsync(named.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, fingerprinted.StatusCode);
            Assert.Contains("immutable", fingerprinted.Headers.CacheControl?.ToString());
            Assert.True(fingerprinted.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
            var unversioned = await client.GetAsync(plain);
            Assert.Equal(HttpStatusCode.OK, unversioned.StatusCode);
            Assert.True(unversioned.Headers.CacheControl?.NoCache, $"{plain}: {unversioned.Headers.CacheControl}");
            Assert.NotNull(unversioned.Headers.ETag);
            Assert.Equal(await fingerprinted.Content.ReadAsByteArrayAsync(), await unversioned.Content.ReadAsByteArrayAsync());
        }
        // The installable app's manifest, linked from every page.
        Assert.Contains("<link rel=\"manifest\" href=\"/pantau.webmanifest\">", html);
        var manifest = await client.GetAsync("/pantau.webmanifest");
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        var m = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/", m.GetProperty("start_url").GetString());
        Assert.Equal("standalone", m.GetProperty("display").GetString());
        foreach (var icon in m.GetProperty("icons").EnumerateArray())
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(icon.GetProperty("src").GetString())).StatusCode);
    }

    [Fact]
    public async Task The_modules_a_page_imports_come_by_their_fingerprinted_names_through_an_import_map_the_policy_allows()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync("/lapor");
        var html = await page.Content.ReadAsStringAsync();
        var map = Regex.Match(html, "<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(map.Success, "the page has no import map");
        // The policy allows this map and no other inline script.
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(map.Groups[1].Value)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", string.Join(" ", page.Headers.GetValues("Content-Security-Policy")));

        var imports = JsonDocument.Parse(map.Groups[1].Value).RootElement.GetProperty("imports").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        // Every module some script imports (./pantau.js from /js/…) is in the map, and its file is cached for good.
        var scripts = Path.Combine(PantauApp.RepositoryRoot, "src", "Pantau.Web", "wwwroot", "js");
        var imported = Directory.GetFiles(scripts, "*.js").SelectMany(f => Regex.Matches(File.ReadAllText(f), "from \"\\./([a-z-]+\\.js)\"").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.Contains("pantau.js", imported);
        foreach (var module in imported)
        {
            Assert.True(imports.TryGetValue($"/js/{module}", out var url), $"/js/{module} is not in the import map");
            Assert.Matches($"^/js/{Regex.Escape(module[..^3])}\\.[a-z0-9]{{10}}\\.js$", url);
            var file = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Contains("immutable", file.Headers.CacheControl?.ToString());
        }
    }

    private static byte[] Unpacked(byte[] packed, string encoding)
    {
        using var input = new MemoryStream(packed);
        using Stream reader = encoding == "br" ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }

    // Two renderings of a page differ in their antiforgery tokens and nonces only where a value is random.
    private static string Normalised(byte[] body) => RandomValue().Replace(System.Text.Encoding.UTF8.GetString(body), "");

    [GeneratedRegex("(value|content)=\"CfDJ8[^\"]*\"")]
    private static partial Regex RandomValue();
}

/// <summary>The app with its published counts' table gone: the front door fails, as a page with nothing of the failure in it.</summary>
public sealed class FailingPageTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_failure_is_a_page_without_the_exception_for_a_browser()
    {
        var table = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(NationalityCount))!.GetTableName()!));
        var drop = "DROP TABLE \"" + table + "\""; // the model's own name, not input
#pragma warning disable EF1002, EF1003
        await app.WithDbAsync(async db => await db.Database.ExecuteSqlRawAsync(drop));
#pragma warning restore EF1002, EF1003

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"500\"", html);
        foreach (var leak in new[] { table, "Exception", "   at ", "SQL" })
            Assert.DoesNotContain(leak, html, StringComparison.OrdinalIgnoreCase);
    }
}
