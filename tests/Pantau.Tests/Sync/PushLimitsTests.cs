using System.Net;
using System.Net.Http.Headers;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Sync;

namespace Pantau.Tests.Sync;

/// <summary>
/// Issue 12, point 9: a push is judged by its signature header and its size before its body is read, so unsigned or
/// oversized posts cost the server no memory.
/// </summary>
public sealed class PushLimitsTests(PushLimitsTests.KestrelSyncApp app) : IClassFixture<PushLimitsTests.KestrelSyncApp>
{
    /// <summary>On a real port, where a client can ask "Expect: 100-continue" and get the answer before sending a body.</summary>
    public sealed class KestrelSyncApp : PantauApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Sync:SharedKey", SyncApp.SharedKey)];
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=1,v1=00")]
    [InlineData("garbage")]
    public async Task An_unsigned_push_is_refused_before_its_body_is_read(string? signature)
    {
        // A body that sends 1 MiB and then never ends: only an answer given without reading it can arrive.
        using var body = new EndlessContent(length: null);
        var response = await SendAsync(body, signature);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_signature_is_refused_before_the_body_is_read()
    {
        using var body = new EndlessContent(length: null);
        var stale = FeedSignature.Sign([], SyncApp.Key, DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(body, stale)).StatusCode);
    }

    [Fact]
    public async Task A_signed_push_announcing_more_than_the_cap_is_413_before_its_body_is_read()
    {
        using var body = new EndlessContent(length: SyncApi.MaxBodyBytes + 1);
        var response = await SendAsync(body, FeedSignature.Sign([], SyncApp.Key, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>
    /// Sends the headers with "Expect: 100-continue" and the body only once the server asks for it (Kestrel does when
    /// the endpoint starts reading): an answer to a body that never ends proves the body was not read.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpContent body, string? signature)
    {
        var address = app.StartOnRealPort();
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync/events") { Content = body };
        request.Headers.ExpectContinue = true;
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null) request.Headers.TryAddWithoutValidation(FeedSignature.Header, signature);
        // Not a timing assertion: without an answer that does not wait for the body, the test would hang instead of fail.
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hang.Token);
    }

    /// <summary>Writes 1 MiB of a JSON array and then waits forever (until disposed).</summary>
    private sealed class EndlessContent(long? length) : HttpContent
    {
        private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"events\":["u8.ToArray());
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            await stream.WriteAsync(spaces);
            await stream.FlushAsync();
            await _never.Task;
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length ?? 0;
            return length is not null;
        }

        protected override void Dispose(bool disposing)
        {
            _never.TrySetCanceled();
            base.Dispose(disposing);
        }
    }
}

/// <summary>A push without a length, larger than the cap: reading stops at the cap (in-memory server).</summary>
public sealed class OversizedPushTests(SyncApp app) : IClassFixture<SyncApp>
{
    [Fact]
    public async Task A_signed_push_without_a_length_is_cut_off_at_the_cap_with_413()
    {
        // Chunked: the size shows only while reading; reading stops at the cap, before the signature is computed.
        using var body = new FiniteContent(SyncApi.MaxBodyBytes + 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync/events") { Content = body };
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(FeedSignature.Header, FeedSignature.Sign([], SyncApp.Key, DateTimeOffset.UtcNow));
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await app.EventRowsAsync());
    }

    /// <summary>A body of <paramref name="size"/> spaces, sent in chunks without a Content-Length.</summary>
    private sealed class FiniteContent(long size) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            try
            {
                for (long sent = 0; sent < size; sent += chunk.Length) await stream.WriteAsync(chunk);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server stopped reading at the cap and answered.
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
