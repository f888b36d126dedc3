using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// A member of the public who proved a phone number. Seen by immigration staff only. Their history of confirmed and
/// false reports gives the credibility that orders the queue; repeated false reports block them.
/// </summary>
public sealed class Reporter
{
    public const int FalseReportsToBlock = 3;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Phone { get; init; }
    public DateTime CreatedAt { get; init; }
    public int ConfirmedReports { get; private set; }
    public int FalseReports { get; private set; }
    public DateTime? BlockedAt { get; private set; }

    public bool IsBlocked => BlockedAt is not null;

    /// <summary>0..1, starting at ½ for someone new (Laplace's rule of succession).</summary>
    public double Credibility => (ConfirmedReports + 1.0) / (ConfirmedReports + FalseReports + 2.0);

    public void Confirmed() => ConfirmedReports++;

    public void ReportedFalsely(DateTime now)
    {
        FalseReports++;
        if (FalseReports >= FalseReportsToBlock && FalseReports > ConfirmedReports) BlockedAt ??= now;
    }
}

/// <summary>A one-time code sent to a phone. Only its keyed hash is kept (<see cref="PhoneCodes"/>).</summary>
public sealed class ReporterCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;
    public const int MaxCodesPerHour = 3;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Phone { get; init; }
    public required string CodeHash { get; init; }
    public DateTime SentAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    /// <summary>Guesses taken at the code, counted by a conditional UPDATE so that a parallel burst gets no more than <see cref="MaxAttempts"/>.</summary>
    public int Attempts { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// Phone codes are stored as HMAC-SHA256 under <c>Reports:CodeKey</c>: six digits are a million guesses, so a plain
/// hash read from a copy of the database would give every code back at once; without the key it gives nothing.
/// </summary>
public sealed class PhoneCodes(Microsoft.Extensions.Options.IOptions<ReportsOptions> options)
{
    private readonly byte[] _key = options.Value.CodeKeyBytes;

    public string Hash(string phone, string code) => HashWith(_key, phone, code);

    public static string HashWith(byte[] key, string phone, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{phone}:{code}")));

    public bool Matches(string phone, string code, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(phone, code)), Encoding.ASCII.GetBytes(stored));
}

/// <summary>What a verified reporter's device holds (as a hash here): proof of the phone for later reports.</summary>
public sealed class ReporterSession
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public required string TokenHash { get; init; }
    public Guid ReporterId { get; init; }
    public DateTime ExpiresAt { get; init; }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Short ticket codes without look-alike characters (no 0/O, 1/I/L).</summary>
public static class Tickets
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => "LP-" + string.Concat(Enumerable.Range(0, 7).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
}
