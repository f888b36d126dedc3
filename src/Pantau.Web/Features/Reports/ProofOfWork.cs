using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports;

/// <summary>An ALTCHA challenge (its first, "v1" format, which the widget of npm <c>altcha</c> solves).</summary>
public sealed record AltchaChallenge(string Algorithm, string Challenge, int Maxnumber, string Salt, string Signature);

/// <summary>
/// A proof of work that needs no outside service, asked of a client address that asks for many phone codes: the
/// server picks a secret number up to <c>maxnumber</c> and sends SHA-256(salt + number) with its HMAC signature; the
/// phone finds the number by trying (the <c>altcha</c> widget, a fraction of a second for a person, a real cost for a
/// flood) and sends it back with the challenge. Checked here: the signature (so the challenge is ours), the hash, the
/// expiry written into the signed salt, and that the challenge was not used before (a counter row per challenge).
/// </summary>
public sealed class ProofOfWork(IOptions<ReportsOptions> options, TimeProvider time)
{
    private readonly byte[] _key = options.Value.ChallengeKeyBytes;
    private readonly ChallengeOptions _settings = options.Value.Challenge;

    public AltchaChallenge NewChallenge()
    {
        var expires = time.GetUtcNow().Add(_settings.Lifetime).ToUnixTimeSeconds();
        var salt = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}?expires={expires.ToString(CultureInfo.InvariantCulture)}";
        var number = RandomNumberGenerator.GetInt32(0, _settings.MaxNumber + 1);
        var challenge = Sha256Hex(salt + number.ToString(CultureInfo.InvariantCulture));
        return new AltchaChallenge("SHA-256", challenge, _settings.MaxNumber, salt, Sign(challenge));
    }

    /// <summary>Whether <paramref name="payload"/> (the widget's base64 JSON) solves a challenge of ours, unexpired and not used before.</summary>
    public async Task<bool> VerifyAsync(PantauDb db, string? payload, CancellationToken ct)
    {
        if (payload is not { Length: > 0 and <= 2000 }) return false;
        Solution? s;
        try
        {
            s = JsonSerializer.Deserialize<Solution>(Convert.FromBase64String(payload), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
        if (s is not { Algorithm: "SHA-256", Challenge: { Length: 64 } challenge, Salt: { Length: <= 200 } salt, Signature: { } signature, Number: >= 0 }) return false;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(challenge)), Encoding.ASCII.GetBytes(signature))) return false;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sha256Hex(salt + s.Number.ToString(CultureInfo.InvariantCulture))),
                Encoding.ASCII.GetBytes(challenge.ToLowerInvariant())))
            return false;
        var now = time.GetUtcNow();
        if (ExpiresOf(salt) is not { } expires || expires <= now) return false;
        // Once: the counter of this challenge, kept in the hour it expires, can be taken one time.
        return await HourlyCount.TryTakeAsync(db, "challenge:" + challenge, expires.UtcDateTime, 1, ct);
    }

    private static DateTimeOffset? ExpiresOf(string salt)
    {
        var query = salt.IndexOf('?');
        if (query < 0) return null;
        foreach (var part in salt[(query + 1)..].Split('&'))
            if (part.StartsWith("expires=", StringComparison.Ordinal) && long.TryParse(part[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
                && unix < 253_402_300_799)
                return DateTimeOffset.FromUnixTimeSeconds(unix);
        return null;
    }

    private string Sign(string challenge) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(challenge)));

    private static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private sealed record Solution(string? Algorithm, string? Challenge, long Number, string? Salt, string? Signature);
}
