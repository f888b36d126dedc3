using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pantau.Web.Features.Audit;

/// <summary>
/// One look at or change of a person's identifying data. Entries form a chain: each carries the hash of the one
/// before it and a keyed hash of its own content, so a row changed, removed or inserted in the database shows.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3, … without gaps: a gap is a removed entry.</summary>
    public long Sequence { get; init; }
    public DateTime At { get; init; }
    public Guid? ActorId { get; init; }
    public required string Actor { get; init; }
    public int? ActorOfficeId { get; init; }
    public required string Action { get; init; }
    public required string RecordType { get; init; }

    /// <summary>Ids of the records read or written, comma-separated.</summary>
    public required string RecordIds { get; init; }

    /// <summary>Offices holding those records, as ",1,3," so an office head's filter is one LIKE.</summary>
    public required string RecordOffices { get; init; }
    public required string Purpose { get; init; }
    public string? ClientAddress { get; init; }
    public required string PreviousHash { get; init; }
    public string Hash { get; set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash(byte[] key)
    {
        var content = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ActorId?.ToString() ?? "", Actor, ActorOfficeId?.ToString(CultureInfo.InvariantCulture) ?? "",
            Action, RecordType, RecordIds, RecordOffices, Purpose, ClientAddress ?? "", PreviousHash);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
    }
}

/// <summary>
/// The last link of the chain, updated with every append, so that removing the newest entries shows too. Keyed:
/// <see cref="Mac"/> binds sequence and hash, so moving the head back needs the chain key (replaying an older head row
/// is caught by the checkpoints kept outside the database). Empty only as the migrations made it, before the first append.
/// </summary>
public sealed class AuditHead
{
    public int Id { get; init; } = 1;
    public long Sequence { get; set; }
    public string Hash { get; set; } = AuditEntry.GenesisHash;
    public string Mac { get; set; } = "";

    public static string MacOf(byte[] key, long sequence, string hash) =>
        AuditMac.Of(key, "head", sequence.ToString(CultureInfo.InvariantCulture), hash);
}
