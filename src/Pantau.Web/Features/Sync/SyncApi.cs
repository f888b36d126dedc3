using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// The central immigration database's side: it pushes signed batches of change events (authenticated by the
/// signature alone), and the national admin reads the sync state and the snapshot imports.
/// </summary>
public static class SyncApi
{
    public static void MapSync(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/sync").WithTags("Sync");
        g.MapPost("/events", Push).AllowAnonymous().Accepts<CentralEventBatch>("application/json");
        g.MapGet("/state", State).RequireAuthorization(SyncSetup.ManageSync);
        g.MapGet("/snapshots", Snapshots).RequireAuthorization(SyncSetup.ManageSync);
        g.MapGet("/snapshots/{id:guid}", Snapshot).RequireAuthorization(SyncSetup.ManageSync);
        g.MapGet("/snapshots/{id:guid}/rejections", Rejections).RequireAuthorization(SyncSetup.ManageSync);
    }

    /// <summary>Batches larger than this are refused (413) without being read.</summary>
    public const long MaxBodyBytes = 64L << 20;

    private static async Task<Results<Ok<BatchResult>, ProblemHttpResult, ValidationProblem>> Push(HttpRequest request, CentralFeed feed,
        CurrentStaff current, IOptions<SyncOptions> options, TimeProvider time, CancellationToken ct)
    {
        // Before a byte of the body is read: an unsigned or stale push, or one announcing too much, is answered at once.
        var signature = FeedSignature.TryRead(request.Headers[FeedSignature.Header], options.Value.Key, time.GetUtcNow());
        if (signature is null) return Unsigned();
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        // A body without a length is cut off at the cap, by the server as well as here.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return TooLarge();
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        // Before anything is parsed: a wrongly signed batch changes nothing and learns nothing.
        if (!signature.Matches(body.Span, options.Value.Key)) return Unsigned();

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Validation.Single("events", "The body is a JSON object {\"events\": [...]}.");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("events", out var events)
                || events.ValueKind != JsonValueKind.Array)
                return Validation.Single("events", "The body is a JSON object {\"events\": [...]}.");
            var list = events.EnumerateArray().ToList();
            if (list.Count is 0 or > CentralFeed.MaxEventsPerBatch)
                return Validation.Single("events", SyncCodes.BatchSize, CentralFeed.MaxEventsPerBatch);
            current.ActAsSystem();
            return TypedResults.Ok(await feed.ApplyAsync(list, ct));
        }
    }

    private static ProblemHttpResult Unsigned() => Problems.Refusal(StatusCodes.Status401Unauthorized, SyncCodes.Unsigned, FeedSignature.Header);

    private static ProblemHttpResult TooLarge() => Problems.Refusal(StatusCodes.Status413PayloadTooLarge, SyncCodes.TooLarge, MaxBodyBytes >> 20);

    private static async Task<Ok<SyncState>> State(PantauDb db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await SyncStateQuery.ReadAsync(db, ct));

    private static async Task<Ok<List<SnapshotSummary>>> Snapshots(PantauDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.SnapshotImports.AsNoTracking().OrderByDescending(i => i.StartedAt).Take(50).ToListAsync(ct))
            .Select(i => i.Summary()).ToList());

    private static async Task<Results<Ok<SnapshotSummary>, NotFound>> Snapshot(Guid id, PantauDb db, CancellationToken ct) =>
        await db.SnapshotImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } i
            ? TypedResults.Ok(i.Summary())
            : TypedResults.NotFound();

    private static async Task<Results<Ok<List<SnapshotRejectionResponse>>, ValidationProblem>> Rejections(Guid id, PantauDb db,
        CancellationToken ct, int page = 1, int pageSize = 100)
    {
        if (page < 1) return Validation.Single("page", SharedCodes.PagesStart1);
        if (pageSize is < 1 or > 1000) return Validation.Single("pageSize", SyncCodes.PageSize);
        var rows = await db.SnapshotRejections.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Line)
            .Skip(InputRules.Skip(page, pageSize)!.Value).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r =>
        {
            var (reason, code) = SyncReason.ForApi(r.Reason);
            return new SnapshotRejectionResponse(r.Line, r.CentralId, reason!, code);
        }).ToList());
    }
}

/// <summary>The sync state as the national admin's API and page show it.</summary>
public static class SyncStateQuery
{
    public const int ListSize = 100;

    public static async Task<SyncState> ReadAsync(PantauDb db, CancellationToken ct)
    {
        var events = db.CentralEvents.AsNoTracking();
        var counts = await events.GroupBy(e => e.State).Select(g => new { State = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        long Count(CentralEventState s) => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0;
        var last = await events.Where(e => e.AppliedAt != null).OrderByDescending(e => e.AppliedAt).ThenByDescending(e => e.OccurredAt)
            .FirstOrDefaultAsync(ct);
        var lastReceived = await events.OrderByDescending(e => e.ReceivedAt).Select(e => (DateTime?)e.ReceivedAt).FirstOrDefaultAsync(ct);
        var waiting = await events.Where(e => e.State == CentralEventState.Waiting).OrderBy(e => e.ReceivedAt).Take(ListSize).ToListAsync(ct);
        var parked = await events.Where(e => e.State == CentralEventState.Parked).OrderByDescending(e => e.ReceivedAt).Take(ListSize).ToListAsync(ct);
        var snapshot = await db.SnapshotImports.AsNoTracking().OrderByDescending(i => i.StartedAt).FirstOrDefaultAsync(ct);
        return new SyncState(Count(CentralEventState.Applied), Count(CentralEventState.Waiting), Count(CentralEventState.Parked),
            Count(CentralEventState.Superseded), last?.Summary(),
            // Lag: how long after the central database made its last applied change it reached this registry.
            last is { AppliedAt: { } at } ? Math.Max(0, (at - last.OccurredAt).TotalSeconds) : null,
            lastReceived,
            waiting.Select(e => e.Summary()).ToList(), parked.Select(e => e.Summary()).ToList(), snapshot?.Summary());
    }
}
