namespace Pantau.Web.Features.Sync;

/// <summary>
/// A person as the central immigration database knows them: its id for the person, which registry record that is,
/// and how far the feed and the snapshots have brought that record.
/// </summary>
public sealed class CentralPerson
{
    public const int MaxIdLength = 40;

    /// <summary>The central database's id for the person.</summary>
    public required string CentralId { get; init; }
    public Guid ForeignerId { get; init; }

    /// <summary>The sequence number of the last event applied (or parked, or reached by a full record) for this person.</summary>
    public long LastSequence { get; set; }

    /// <summary>Hash of the last central record applied, and the registry version it left: equal both, and a snapshot row is unchanged.</summary>
    public string? RecordHash { get; set; }
    public int RecordVersion { get; set; }

    /// <summary>The last snapshot import that listed this person; the others are "missing from the snapshot".</summary>
    public Guid? LastSnapshotId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
