using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Audit;

public sealed record AuditEntryResponse(long Sequence, DateTime At, Guid? ActorId, string Actor, int? ActorOfficeId, string Action,
    string RecordType, IReadOnlyList<string> RecordIds, string Purpose, string? ClientAddress, string Hash);
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, int Total);
public sealed record AuditVerification(bool Valid, long Entries, long? FirstBrokenAt);

/// <summary>The trail itself: office heads read their office's part, the national admin all of it.</summary>
public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        g.MapGet("/", List);
        g.MapGet("/verify", Verify);
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(PantauDb db, string? record, Guid? actor, DateTime? from,
        DateTime? to, int page = 1, int pageSize = 50)
    {
        if (page < 1) return Validation.Single("page", "Pages start at 1.");
        if (pageSize is < 1 or > 500) return Validation.Single("pageSize", "A page holds 1 to 500 entries.");
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(record)) q = q.Where(e => e.RecordIds.Contains(record.Trim()));
        if (actor is { } a) q = q.Where(e => e.ActorId == a);
        if (from is { } f) q = q.Where(e => e.At >= f.ToUniversalTime());
        if (to is { } t) q = q.Where(e => e.At < t.ToUniversalTime());
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(e => e.Sequence).Skip(InputRules.Skip(page, pageSize)!.Value).Take(pageSize).ToListAsync();
        return TypedResults.Ok(new AuditPage(items.Select(e => new AuditEntryResponse(e.Sequence, DateTime.SpecifyKind(e.At, DateTimeKind.Utc),
            e.ActorId, e.Actor, e.ActorOfficeId, e.Action, e.RecordType,
            e.RecordIds.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Purpose, e.ClientAddress, e.Hash)).ToList(),
            page, pageSize, total));
    }

    private static async Task<Ok<AuditVerification>> Verify(PantauDb db, AuditTrail trail, CancellationToken ct) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db, trail.Key, ct));
}

/// <summary>Walks the whole chain in order and names the first entry that does not follow from the one before.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(PantauDb db, byte[] key, CancellationToken ct)
    {
        long expected = 1, count = 0;
        var previous = AuditEntry.GenesisHash;
        long? broken = null;
        // Stream in order without tracking: the chain may hold millions of entries.
        await foreach (var e in db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (broken is not null) continue;
            // A gap means an entry was removed: the first entry after it is where the chain breaks.
            if (e.Sequence != expected || e.PreviousHash != previous || e.ComputeHash(key) != e.Hash)
                broken = e.Sequence;
            expected = e.Sequence + 1;
            previous = e.Hash;
        }
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        // The newest entries removed, or one added after them: the chain no longer ends where the head says.
        if (broken is null && (head is null || head.Sequence != expected - 1 || head.Hash != previous))
            broken = expected;
        return new AuditVerification(broken is null, count, broken);
    }
}
