using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// <c>X-Pantau-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c> with the shared key.
/// The timestamp is inside the signed text, so an old batch cannot be replayed with a fresh one.
/// </summary>
public static class FeedSignature
{
    public const string Header = "X-Pantau-Signature";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Sign(ReadOnlySpan<byte> body, byte[] key, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(t, body, key))}";
    }

    /// <summary>True when the header is well formed, at most <see cref="MaxAge"/> away from now, and its MAC matches.</summary>
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, byte[] key, DateTimeOffset now) =>
        TryRead(header, key, now) is { } signature && signature.Matches(body, key);

    /// <summary>
    /// The header's time and MAC when it is well formed and fresh (and a key is set): checked before a byte of the body
    /// is read, so an unsigned or stale push costs the server nothing.
    /// </summary>
    public static Signature? TryRead(string? header, byte[] key, DateTimeOffset now)
    {
        if (key.Length == 0 || string.IsNullOrEmpty(header) || header.Length > 512) return null;
        string? t = null, v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) t = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) v1 = part[3..];
        }
        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        if (seconds < 0 || seconds > 253402300799) return null;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxAge) return null;
        if (v1.Length != 64) return null;
        byte[] given;
        try { given = Convert.FromHexString(v1); }
        catch (FormatException) { return null; }
        return new Signature(t, given);
    }

    public sealed record Signature(string Time, byte[] Mac)
    {
        // Constant time: how much of a forged MAC matched must not show in the answer's timing.
        public bool Matches(ReadOnlySpan<byte> body, byte[] key) => CryptographicOperations.FixedTimeEquals(FeedSignature.Mac(Time, body, key), Mac);
    }

    private static byte[] Mac(string t, ReadOnlySpan<byte> body, byte[] key)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, signed);
    }
}
