using System.Security.Cryptography;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Sync;

namespace Pantau.Web.Features.Backup;

/// <summary>A file of the office outside the database: where it is, where it goes in a backup, and what it is.</summary>
public sealed record OfficeFile(string Source, string BackupPath, string Role);

/// <summary>
/// The files an office needs besides its database (the audit checkpoints, the uploaded snapshots), where each is
/// configured, and how a backup's file finds its place again on restore. Secrets (the chain key, the key-protection
/// certificate and its password, the shared keys) are configuration, not files of the office: never in a backup.
/// </summary>
public static class OfficeFiles
{
    private const string OwnCheckpoints = "audit/checkpoints.jsonl";
    private const string OtherCheckpoints = "audit/other/";
    private const string Snapshots = "snapshots/";

    public static IEnumerable<OfficeFile> Checkpoints(AuditCheckpointOptions audit)
    {
        var own = Path.GetFullPath(audit.CheckpointPath);
        if (File.Exists(own)) yield return new OfficeFile(own, OwnCheckpoints, BackupRoles.AuditCheckpoints);
        var i = 0;
        foreach (var other in audit.VerifyCheckpointPaths.Select(Path.GetFullPath).Where(p => p != own).Distinct())
        {
            i++;
            if (File.Exists(other)) yield return new OfficeFile(other, $"{OtherCheckpoints}{i}/{Path.GetFileName(other)}", BackupRoles.OtherAuditCheckpoints);
        }
    }

    public static IEnumerable<OfficeFile> Uploads(SyncOptions sync)
    {
        var folder = Path.GetFullPath(sync.UploadPath);
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return new OfficeFile(file, Snapshots + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), BackupRoles.SnapshotUpload);
    }

    /// <summary>Where a backed-up file goes in the office configured now (its own settings, not the backed-up office's).</summary>
    public static string PlaceOf(BackupFile file, AuditCheckpointOptions audit, SyncOptions sync) => file.Role switch
    {
        BackupRoles.AuditCheckpoints => Path.GetFullPath(audit.CheckpointPath),
        // Another instance's file goes where this office's verify reads a file of that name, else beside its own.
        BackupRoles.OtherAuditCheckpoints => audit.VerifyCheckpointPaths.Select(Path.GetFullPath)
            .FirstOrDefault(p => Path.GetFileName(p) == Path.GetFileName(file.Path))
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(audit.CheckpointPath))!, Path.GetFileName(file.Path)),
        BackupRoles.SnapshotUpload when file.Path.StartsWith(Snapshots, StringComparison.Ordinal) =>
            Path.Combine(Path.GetFullPath(sync.UploadPath), Path.Combine(file.Path[Snapshots.Length..].Split('/'))),
        _ => throw new ArgumentException($"the manifest names {file.Path} as '{file.Role}', which is no file this version restores."),
    };

    /// <summary>
    /// Copies <paramref name="source"/> while hashing it. A checkpoint file is cut after its last complete line: the
    /// writer may be halfway through a line, and a restored file must end where the next line can begin.
    /// </summary>
    public static async Task<FoundFile> CopyAsync(string source, string destination, bool completeLinesOnly, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true))
        await using (var to = new FileStream(destination, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
        {
            await from.CopyToAsync(to, ct);
            if (completeLinesOnly) to.SetLength(CompleteLinesLength(to));
            to.Flush(flushToDisk: true);
        }
        return await HashAsync(destination, ct) ?? throw new FileNotFoundException(destination);
    }

    private static long CompleteLinesLength(FileStream file)
    {
        var buffer = new byte[1];
        for (var at = file.Length - 1; at >= 0; at--)
        {
            file.Position = at;
            if (file.Read(buffer, 0, 1) == 1 && buffer[0] == (byte)'\n') return at + 1;
        }
        return 0;
    }

    public static FoundFile? Hash(string path)
    {
        if (!File.Exists(path)) return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        return new FoundFile(stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    public static async Task<FoundFile?> HashAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) return null;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return new FoundFile(stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Puts a restored file in place by a rename; a file already there (not empty) is kept aside, never overwritten.</summary>
    public static async Task<string?> PlaceAsync(string backupFile, string target, CancellationToken ct)
    {
        var incoming = $"{target}.restoring-{Guid.NewGuid():N}";
        await CopyAsync(backupFile, incoming, completeLinesOnly: false, ct);
        string? kept = null;
        if (File.Exists(target) && new FileInfo(target).Length == 0) File.Delete(target);
        if (File.Exists(target))
        {
            kept = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            File.Move(target, kept);
        }
        File.Move(incoming, target);
        return kept;
    }
}
