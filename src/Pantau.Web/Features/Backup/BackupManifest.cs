using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pantau.Web.Features.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup folder: when the copy began, of which database and schema, what the database held
/// (rows per table, the audit chain's head) and every file with its SHA-256. The copy is consistent as of one moment
/// between <see cref="StartedAt"/> and <see cref="FinishedAt"/>.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTime StartedAt,
    DateTime FinishedAt,
    string Provider,
    string SchemaVersion,
    IReadOnlyDictionary<string, long> Counts,
    AuditHeadState AuditHead,
    IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public BackupFile Database => Files.Single(f => f.Role == BackupRoles.Database);

    public static BackupManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new ArgumentException($"{folder} is not a backup: it has no {FileName}.");
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path} does not read as a manifest: {e.Message}");
        }
        if (manifest is null || manifest.Format != CurrentFormat || manifest.Files is null || manifest.Counts is null || manifest.AuditHead is null)
            throw new ArgumentException($"{path} is not a manifest of format {CurrentFormat}.");
        if (manifest.Files.Count(f => f.Role == BackupRoles.Database) != 1)
            throw new ArgumentException($"{path} names no database file, or more than one.");
        if (manifest.Files.FirstOrDefault(f => !BackupCheck.IsSafePath(f.Path)) is { } outside)
            throw new ArgumentException($"{path} names a file outside the backup folder: {outside.Path}.");
        return manifest;
    }
}

/// <summary>The chain's last link as the head row held it.</summary>
public sealed record AuditHeadState(long Sequence, string Hash);

/// <param name="Path">Relative to the backup folder, with '/' separators.</param>
/// <param name="Role">What the file is to the office (<see cref="BackupRoles"/>); a restore puts it back by its role.</param>
public sealed record BackupFile(string Path, string Role, long Bytes, string Sha256);

/// <summary>What a backed-up file is to the office.</summary>
public static class BackupRoles
{
    /// <summary>The database: SQLite's file, or PostgreSQL's <c>pg_dump -Fc</c> archive.</summary>
    public const string Database = "database";

    /// <summary>This instance's audit checkpoint file (<c>Audit:CheckpointPath</c>).</summary>
    public const string AuditCheckpoints = "audit-checkpoints";

    /// <summary>Another instance's checkpoint file that verify reads (<c>Audit:VerifyCheckpointPaths</c>).</summary>
    public const string OtherAuditCheckpoints = "audit-checkpoints-other";

    /// <summary>An uploaded central snapshot (<c>Sync:UploadPath</c>).</summary>
    public const string SnapshotUpload = "snapshot-upload";
}

/// <summary>What a database held, read from one consistent view of it.</summary>
public sealed record DatabaseState(string? SchemaVersion, IReadOnlyDictionary<string, long> Counts, AuditHeadState? AuditHead);

/// <summary>A file as found now: its size and SHA-256, or null when it is missing.</summary>
public sealed record FoundFile(long Bytes, string Sha256);

/// <summary>
/// The comparisons of verify, as plain rules: each answers the findings (one sentence each) that make a backup or a
/// restored database differ from its manifest or from this app. No finding: it holds.
/// </summary>
public static class BackupCheck
{
    /// <summary>A manifest's path stays inside the backup folder: relative, no "..", no rooted or drive path.</summary>
    public static bool IsSafePath(string? path) =>
        !string.IsNullOrWhiteSpace(path) && !path.StartsWith('/') && !path.Contains('\\') && !path.Contains(':')
        && path.Split('/').All(part => part is not ("" or "." or ".."));

    public static IEnumerable<string> Schema(string? found, string app, string? manifest = null)
    {
        if (found is null) yield return "the database has no applied migration: it is not a Pantau database.";
        else if (found != app) yield return $"schema version {found}, but this app's last migration is {app}.";
        if (manifest is not null && found is not null && found != manifest)
            yield return $"schema version {found}, but the manifest says {manifest}.";
    }

    /// <summary>Every table of the manifest with the same number of rows, and no table the manifest does not name.</summary>
    public static IEnumerable<string> Counts(IReadOnlyDictionary<string, long> manifest, IReadOnlyDictionary<string, long> found)
    {
        foreach (var (table, expected) in manifest.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!found.TryGetValue(table, out var actual)) yield return $"table {table} is missing (the manifest counts {expected} rows).";
            else if (actual != expected) yield return $"table {table} has {actual} rows, the manifest says {expected}.";
        }
        foreach (var table in found.Keys.Except(manifest.Keys).Order(StringComparer.Ordinal))
            yield return $"table {table} is not in the manifest.";
    }

    public static IEnumerable<string> Head(AuditHeadState manifest, AuditHeadState? found)
    {
        if (found is null) yield return "the audit chain has no head row.";
        else if (found.Sequence != manifest.Sequence || found.Hash != manifest.Hash)
            yield return $"the audit chain ends at entry {found.Sequence} ({Short(found.Hash)}), the manifest at {manifest.Sequence} ({Short(manifest.Hash)}).";
    }

    /// <summary>Each file of the manifest present with its size and SHA-256.</summary>
    public static IEnumerable<string> Files(IEnumerable<BackupFile> manifest, Func<BackupFile, FoundFile?> find)
    {
        foreach (var file in manifest)
        {
            var found = find(file);
            if (found is null) yield return $"file {file.Path} ({file.Role}) is missing.";
            else if (found.Bytes != file.Bytes || !string.Equals(found.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
                yield return $"file {file.Path} ({file.Role}) differs from the manifest: {found.Bytes} bytes, SHA-256 {Short(found.Sha256)}; the manifest says {file.Bytes} bytes, {Short(file.Sha256)}.";
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
