using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Audit;

public sealed record AuditEntryResponse(long Sequence, DateTime At, Guid? ActorId, string Actor, int? ActorOfficeId, string Action,
    string RecordType, IReadOnlyList<string> RecordIds, string Purpose, string? ClientAddress, string Hash);
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, int Total);
/// <param name="Reason">Where the break was found: <c>entry</c> (an entry does not follow from the one before, or is
/// missing), <c>head</c> (the head row does not match the end of the chain or its MAC), <c>checkpoint</c> (the trail
/// disagrees with, or is shorter than, a signed checkpoint kept outside the database).</param>
/// <param name="Checkpoints">How many signed checkpoints the trail was compared against.</param>
public sealed record AuditVerification(bool Valid, long Entries, long? FirstBrokenAt, string? Reason = null, int Checkpoints = 0);

/// <summary>The trail itself: office heads read their office's part, the national admin all of it.</summary>
public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditFeature.ReadPolicy);
        g.MapGet("/", List);
        g.MapGet("/verify", Verify);
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(PantauDb db, string? record, Guid? actor, DateTime? from,
        DateTime? to, int page = 1, int pageSize = 50)
    {
        if (page < 1) return Validation.Single("page", SharedCodes.PagesStart1);
        if (pageSize is < 1 or > 500) return Validation.Single("pageSize", AuditCodes.PageSize);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(record)) q = q.Where(e => e.RecordIds.Contains(record.Trim()));
        if (actor is { } a) q = q.Where(e => e.ActorId == a);
        if (from is { } f) q = q.Where(e => e.At >= f.ToUniversalTime());
        if (to is { } t) q = q.Where(e => e.At < t.ToUniversalTime());
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(e => e.Sequence).Skip(InputRules.Skip(page, pageSize)!.Value).Take(pageSize).ToListAsync();
        return TypedResults.Ok(new AuditPage(items.Select(e => new AuditEntryResponse(e.Sequence, e.At,
            e.ActorId, e.Actor, e.ActorOfficeId, e.Action, e.RecordType,
            e.RecordIds.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Purpose, e.ClientAddress, e.Hash)).ToList(),
            page, pageSize, total));
    }

    private static async Task<Ok<AuditVerification>> Verify(PantauDb db, AuditTrail trail, AuditCheckpoints checkpoints, PantauMetrics metrics, CancellationToken ct)
    {
        var result = await AuditVerifier.VerifyAsync(db, trail.Key, checkpoints.ReadAll(trail.Key), ct);
        metrics.AuditVerifications.Add(1, new KeyValuePair<string, object?>("result", result.Valid ? "intact" : "broken"));
        return TypedResults.Ok(result);
    }
}

/// <summary>
/// Walks the whole chain in order and names the first entry that does not follow from the one before, that disagrees
/// with a signed checkpoint, or where the chain ends short of its keyed head or of a checkpoint.
/// </summary>
public static class AuditVerifier
{
    /// <param name="checkpoints">Read before the entries: each was written after its entries were committed, so a
    /// trail being appended to meanwhile is never shorter than them.</param>
    public static async Task<AuditVerification> VerifyAsync(PantauDb db, byte[] key, IReadOnlyCollection<AuditCheckpoint> checkpoints,
        CancellationToken ct)
    {
        var seen = checkpoints.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.Select(c => c.Hash).Distinct().ToList());
        var furthest = checkpoints.Count == 0 ? 0 : checkpoints.Max(c => c.Sequence);
        long expected = 1, count = 0;
        var previous = AuditEntry.GenesisHash;
        long? broken = null;
        string? reason = null;
        // Stream in order without tracking: the chain may hold millions of entries.
        await foreach (var e in db.AuditEntries.WholeTrail("the verification walks the whole chain").AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (broken is null)
            {
                // A gap means an entry was removed: the first entry after it is where the chain breaks.
                if (e.Sequence != expected || e.PreviousHash != previous || e.ComputeHash(key) != e.Hash)
                    (broken, reason) = (e.Sequence, "entry");
                // Re-chained from here on (with the key, after the checkpoint was written), or rewritten from a replayed head.
                else if (seen.TryGetValue(e.Sequence, out var hashes) && (hashes.Count != 1 || hashes[0] != e.Hash))
                    (broken, reason) = (e.Sequence, "checkpoint");
            }
            expected = e.Sequence + 1;
            previous = e.Hash;
        }
        if (broken is null)
        {
            var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
            // The newest entries removed, or one added after them: the chain no longer ends where the head says. The
            // head itself moved without the key: its MAC fails (empty only as the migrations made it, before any entry).
            if (head is null || head.Sequence != expected - 1 || head.Hash != previous
                || (head.Mac.Length == 0 ? head.Sequence != 0 : !AuditMac.Matches(AuditHead.MacOf(key, head.Sequence, head.Hash), head.Mac)))
                (broken, reason) = (expected, "head");
            // The newest entries removed and an older head row put back: a checkpoint saw the trail longer.
            else if (furthest > expected - 1)
                (broken, reason) = (expected, "checkpoint");
        }
        return new AuditVerification(broken is null, count, broken, reason, checkpoints.Count);
    }
}
