using System.Text;
using Pantau.Web.Features.Sync;

namespace Pantau.UnitTests.Sync;

/// <summary>The central feed's signature header: HMAC-SHA256 of "t.body", fresh for five minutes either way.</summary>
public sealed class FeedSignatureTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a-shared-key-of-the-central-database");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"events":[]}""");
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signed_body_is_valid_with_the_key_for_five_minutes_either_side()
    {
        var header = FeedSignature.Sign(Body, Key, Now);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.True(FeedSignature.IsValid(header, Body, Key, Now));
        Assert.True(FeedSignature.IsValid(header, Body, Key, Now + FeedSignature.MaxAge));
        Assert.True(FeedSignature.IsValid(header, Body, Key, Now - FeedSignature.MaxAge));
        Assert.False(FeedSignature.IsValid(header, Body, Key, Now + FeedSignature.MaxAge + TimeSpan.FromSeconds(1)));
        Assert.False(FeedSignature.IsValid(header, Body, Key, Now - FeedSignature.MaxAge - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Another_body_key_or_time_does_not_match()
    {
        var header = FeedSignature.Sign(Body, Key, Now);
        Assert.False(FeedSignature.IsValid(header, Encoding.UTF8.GetBytes("""{"events":[{}]}"""), Key, Now));
        Assert.False(FeedSignature.IsValid(header, Body, Encoding.UTF8.GetBytes("another-key"), Now));
        Assert.False(FeedSignature.IsValid(header, Body, [], Now));
        // The time is inside the MAC: a fresh t with the old v1 is refused.
        var mac = header[header.IndexOf("v1=", StringComparison.Ordinal)..];
        Assert.False(FeedSignature.IsValid($"t={Now.AddSeconds(1).ToUnixTimeSeconds()},{mac}", Body, Key, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=1,v1=00")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795334400,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_header_is_not_read(string? header) => Assert.Null(FeedSignature.TryRead(header, Key, Now));

    [Fact]
    public void An_overlong_header_is_not_read()
    {
        var header = FeedSignature.Sign(Body, Key, Now) + "," + new string('x', 512);
        Assert.Null(FeedSignature.TryRead(header, Key, Now));
    }
}
