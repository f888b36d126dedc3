using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Audit;

/// <summary>
/// Where and how often the audit writer records signed checkpoints of the chain outside the database
/// (<c>Audit:CheckpointPath</c>, <c>Audit:CheckpointEveryEntries</c>, <c>Audit:CheckpointEverySeconds</c>), and the
/// other instances' checkpoint files that <c>/api/audit/verify</c> also compares against (<c>Audit:VerifyCheckpointPaths</c>).
/// </summary>
public sealed class AuditCheckpointOptions
{
    /// <summary>This instance's append-only file. Each instance writes its own (see docs/decisions/003-audit-chain.md).</summary>
    [Required]
    public string CheckpointPath { get; set; } = Path.Combine("data", "audit-checkpoints.jsonl");

    [Range(1, 10_000_000)]
    public int CheckpointEveryEntries { get; set; } = 1000;

    [Range(1, 86_400)]
    public int CheckpointEverySeconds { get; set; } = 60;

    /// <summary>Files written by other instances (read only), compared by verify as well as this instance's own.</summary>
    public string[] VerifyCheckpointPaths { get; set; } = [];
}

/// <summary>One line of a checkpoint file: the chain had this hash at this sequence at this time; the MAC says the key holder wrote it.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime Time, string Mac);

/// <summary>
/// Signed checkpoints of the chain, appended to a file outside the database. Someone who can write the database but
/// not this file (nor holds the key) cannot take back what a checkpoint saw: a trail shorter than a checkpoint, or
/// whose entry at a checkpoint's sequence has another hash, is broken.
/// </summary>
public sealed class AuditCheckpoints(IOptions<AuditCheckpointOptions> options, ILogger<AuditCheckpoints> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AuditCheckpointOptions _options = options.Value;

    public string OwnPath => Path.GetFullPath(_options.CheckpointPath);
    public int EveryEntries => _options.CheckpointEveryEntries;
    public TimeSpan Every => TimeSpan.FromSeconds(_options.CheckpointEverySeconds);

    public static string Mac(byte[] key, long sequence, string hash, DateTime time) => AuditMac.Of(key, "checkpoint",
        sequence.ToString(CultureInfo.InvariantCulture), hash, time.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));

    /// <summary>Appends a checkpoint and forces it to disk.</summary>
    public async Task AppendAsync(byte[] key, long sequence, string hash, DateTime time, CancellationToken ct)
    {
        time = new DateTime(time.Ticks - time.Ticks % 10, DateTimeKind.Utc);
        var line = JsonSerializer.Serialize(new AuditCheckpoint(sequence, hash, time, Mac(key, sequence, hash, time)), Json) + "\n";
        await using var file = new FileStream(OwnPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096);
        await file.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The last genuine checkpoint of this instance's own file, or null when it has none.</summary>
    public AuditCheckpoint? LastOwn(byte[] key)
    {
        AuditCheckpoint? last = null;
        foreach (var c in Read(OwnPath, key)) if (last is null || c.Sequence >= last.Sequence) last = c;
        return last;
    }

    /// <summary>The genuine checkpoints of this instance's file and of the other instances' files configured for verify.</summary>
    public List<AuditCheckpoint> ReadAll(byte[] key)
    {
        var all = new List<AuditCheckpoint>();
        foreach (var path in _options.VerifyCheckpointPaths.Select(Path.GetFullPath).Prepend(OwnPath).Distinct())
            all.AddRange(Read(path, key));
        return all;
    }

    /// <summary>
    /// The lines whose MAC holds. A line that does not parse (a write cut short by a crash) or whose MAC fails (not
    /// written with this key) is skipped and logged: it cannot make a tampered trail look whole, only fail to help.
    /// </summary>
    private IEnumerable<AuditCheckpoint> Read(string path, byte[] key)
    {
        if (!File.Exists(path)) yield break;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            AuditCheckpoint? c = null;
            try
            {
                c = JsonSerializer.Deserialize<AuditCheckpoint>(line, Json);
            }
            catch (JsonException)
            {
            }
            if (c is null || c.Hash is null || c.Mac is null
                || !AuditMac.Matches(Mac(key, c.Sequence, c.Hash, c.Time.ToUniversalTime()), c.Mac))
            {
                log.LogWarning("Audit checkpoint file {Path}, line {Line}: not a checkpoint signed with this chain key; ignored", path, number);
                continue;
            }
            yield return c;
        }
    }

    /// <summary>At start: the file's folder exists and the file can be appended to, or the app does not start.</summary>
    public sealed class Validator : IValidateOptions<AuditCheckpointOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuditCheckpointOptions o)
        {
            if (string.IsNullOrWhiteSpace(o.CheckpointPath)) return ValidateOptionsResult.Fail("Audit:CheckpointPath is required.");
            try
            {
                var path = Path.GetFullPath(o.CheckpointPath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var _ = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return ValidateOptionsResult.Fail($"Audit:CheckpointPath '{o.CheckpointPath}' cannot be appended to: {e.Message}");
            }
            return ValidateOptionsResult.Success;
        }
    }
}

/// <summary>MACs other than the entries' own hashes, each with its purpose as the first field so one can never pass for another.</summary>
public static class AuditMac
{
    public static string Of(byte[] key, string purpose, params string[] fields) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\u001f', fields.Prepend(purpose)))));

    public static bool Matches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
