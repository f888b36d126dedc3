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
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, byte[] key, DateTimeOffset now)
    {
        if (key.Length == 0 || string.IsNullOrEmpty(header)) return false;
        string? t = null, v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) t = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) v1 = part[3..];
        }
        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (seconds < 0 || seconds > 253402300799) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxAge) return false;
        byte[] given;
        try { given = Convert.FromHexString(v1); }
        catch (FormatException) { return false; }
        // Constant time: how much of a forged MAC matched must not show in the answer's timing.
        return CryptographicOperations.FixedTimeEquals(Mac(t, body, key), given);
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
