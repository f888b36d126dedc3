using System.Security.Cryptography;
using System.Text;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// The reporter's key to a report's thread (status with messages, replies): a secret of 160 random bits, given only to
/// the reporter (the receipt, the link in a text message) and kept only as a hash. The ticket is the report's public
/// id and opens nothing. A report may have several keys (each text message with a link carries a new one), all valid.
/// </summary>
public sealed class ReportKey
{
    /// <summary>27 characters of base64url: 160 bits.</summary>
    public const int Length = 27;

    /// <summary>Hex SHA-256 of the key: random keys need no slow hash.</summary>
    public required string Hash { get; init; }
    public Guid ReportId { get; init; }
    public DateTime IssuedAt { get; init; }

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(20)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether a path segment is a key (a ticket is "LP-" and 7 characters, so the two never meet).</summary>
    public static bool IsKey(string value) =>
        value.Length == Length && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
