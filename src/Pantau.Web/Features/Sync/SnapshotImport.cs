namespace Pantau.Web.Features.Sync;

public enum SnapshotImportStatus { Running, Completed, Failed }

/// <summary>
/// One import of a central snapshot file: its checkpoint (the last line committed, saved in each batch's
/// transaction, so a crashed import resumes there) and, when done, its reconciliation figures.
/// </summary>
public sealed class SnapshotImport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string FileName { get; init; }

    /// <summary>Where the file is, for resuming an upload after a restart.</summary>
    public required string FilePath { get; set; }

    /// <summary>SHA-256 of the file: the same file resumes its import, a different one starts a new import.</summary>
    public required string FileHash { get; init; }
    public long FileSize { get; init; }
    public SnapshotImportStatus Status { get; set; }
    public required string StartedBy { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The last line (1-based, the header is line 1) whose batch is committed.</summary>
    public long LastCommittedLine { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }

    /// <summary>People in the registry the snapshot does not list (counted when the import completes).</summary>
    public long Missing { get; set; }

    /// <summary>The first of those people's registry ids, comma-separated.</summary>
    public string? MissingSample { get; set; }
    public string? Error { get; set; }

    public long Rows => Created + Updated + Unchanged + Rejected;
}

/// <summary>A snapshot row that was not imported, with its line number and why.</summary>
public sealed class SnapshotRejection
{
    public Guid ImportId { get; init; }
    public long Line { get; init; }
    public string? CentralId { get; init; }
    public required string Reason { get; init; }
}
