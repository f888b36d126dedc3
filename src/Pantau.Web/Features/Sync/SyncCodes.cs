namespace Pantau.Web.Features.Sync;

/// <summary>
/// The codes Sync' rules and API answer with (keys of <c>Resources/SyncTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class SyncCodes
{
    /// <summary>A page holds 1 to 1000 rows.</summary>
    public const string PageSize = "sync.pageSize";
    /// <summary>A batch holds 1 to {0} events.</summary>
    public const string BatchSize = "sync.batchSize";
    /// <summary>The batch needs a valid {0} made in the last 5 minutes.</summary>
    public const string Unsigned = "sync.unsigned";
    /// <summary>A batch is at most {0} MiB.</summary>
    public const string TooLarge = "sync.tooLarge";
}
