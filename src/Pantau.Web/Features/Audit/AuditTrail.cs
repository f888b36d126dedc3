using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Audit;

/// <summary>What happened to which records, as a handler knows it; who and from where is filled in by <see cref="Auditor"/>.</summary>
public sealed record AuditRecord(string Action, string RecordType, IReadOnlyCollection<Guid> RecordIds,
    IReadOnlyCollection<string> RegencyCodes, string Purpose);

public static class AuditActions
{
    public const string Search = "search";
    public const string Read = "read";
    public const string Create = "create";
    public const string Update = "update";
    public const string FieldCheck = "field-check";
    public const string AccessRequest = "access-request";
    public const string AccessApproved = "access-approved";
    public const string AccessDenied = "access-denied";
}

/// <summary>
/// Appends entries to the hash chain. Appends are serialised (in process by a semaphore, across instances by a
/// PostgreSQL advisory lock held to commit). Reads are group-committed: concurrent requests wait for one
/// transaction that writes all their entries, so a read is never answered before its entry is stored.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, IConfiguration cfg, ILogger<AuditTrail> log) : BackgroundService
{
    private const long AdvisoryLockKey = 0x50414E544155; // "PANTAU"
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });

    private sealed record Pending(AuditEntry Draft, object? Alongside, TaskCompletionSource Done);

    public byte[] Key { get; } = Encoding.UTF8.GetBytes(cfg["Audit:ChainKey"] is { Length: >= 16 } k
        ? k : "pantau-development-audit-chain-key");

    /// <summary>
    /// Records a read, and saves <paramref name="alongside"/> (a new row that records the same act, such as a field
    /// check) in the same transaction; completes once both are committed.
    /// </summary>
    public async Task AppendAsync(AuditEntry draft, CancellationToken ct, object? alongside = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _pending.Writer.WriteAsync(new Pending(draft, alongside, done), ct);
        await done.Task.WaitAsync(ct);
    }

    /// <summary>Saves <paramref name="db"/>'s changes and the entry in one transaction: both or neither.</summary>
    public Task SaveWithEntryAsync(PantauDb db, AuditEntry draft, CancellationToken ct) => SaveWithEntriesAsync(db, [draft], ct);

    /// <summary>
    /// Saves <paramref name="db"/>'s changes and the entries in one transaction, after <paramref name="alsoInTransaction"/>
    /// (writes past the change tracker, such as a bulk load) has run in it: all or nothing.
    /// </summary>
    public async Task SaveWithEntriesAsync(PantauDb db, IReadOnlyList<AuditEntry> drafts, CancellationToken ct,
        Func<CancellationToken, Task>? alsoInTransaction = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await _gate.WaitAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await LockAcrossInstancesAsync(db, ct);
                if (alsoInTransaction is not null) await alsoInTransaction(ct);
                await db.SaveChangesAsync(ct);
                await ChainAsync(db, drafts, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var batch = new List<Pending>();
        while (await _pending.Reader.WaitToReadAsync(stop))
        {
            batch.Clear();
            while (batch.Count < 1000 && _pending.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await _gate.WaitAsync(stop);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
                    var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
                    await using var tx = await db.Database.BeginTransactionAsync(stop);
                    await LockAcrossInstancesAsync(db, stop);
                    foreach (var b in batch) if (b.Alongside is { } row) db.Add(row);
                    await ChainAsync(db, batch.Select(b => b.Draft).ToList(), stop);
                    await db.SaveChangesAsync(stop);
                    await tx.CommitAsync(stop);
                }
                finally
                {
                    _gate.Release();
                }
                foreach (var b in batch) b.Done.TrySetResult();
            }
            catch (Exception e)
            {
                // Fail closed: a read whose entry could not be stored is not answered.
                log.LogError(e, "Could not append {Count} audit entries", batch.Count);
                foreach (var b in batch) b.Done.TrySetException(e);
            }
        }
    }

    private static async Task LockAcrossInstancesAsync(PantauDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
    }

    private async Task ChainAsync(PantauDb db, IReadOnlyList<AuditEntry> drafts, CancellationToken ct)
    {
        var head = await db.AuditHeads.SingleAsync(h => h.Id == 1, ct);
        foreach (var draft in drafts)
        {
            var entry = new AuditEntry
            {
                Sequence = head.Sequence + 1,
                At = draft.At,
                ActorId = draft.ActorId,
                Actor = draft.Actor,
                ActorOfficeId = draft.ActorOfficeId,
                Action = draft.Action,
                RecordType = draft.RecordType,
                RecordIds = draft.RecordIds,
                RecordOffices = draft.RecordOffices,
                Purpose = draft.Purpose,
                ClientAddress = draft.ClientAddress,
                PreviousHash = head.Hash,
            };
            entry.Hash = entry.ComputeHash(Key);
            db.AuditEntries.Add(entry);
            head.Sequence = entry.Sequence;
            head.Hash = entry.Hash;
        }
    }
}

/// <summary>The request's side of the audit trail: fills in who, from where and which offices hold the records.</summary>
public sealed class Auditor(AuditTrail trail, CurrentStaff current, IHttpContextAccessor http, JurisdictionMap offices, TimeProvider time)
{
    public async Task RecordReadAsync(PantauDb db, AuditRecord record, CancellationToken ct = default, object? alongside = null) =>
        await trail.AppendAsync(await DraftAsync(db, record), ct, alongside);

    public async Task SaveAsync(PantauDb db, AuditRecord record, CancellationToken ct = default) =>
        await trail.SaveWithEntryAsync(db, await DraftAsync(db, record), ct);

    /// <summary>
    /// Saves changes made on behalf of another system (the central immigration database), one entry per record, all in
    /// one transaction with <paramref name="alsoInTransaction"/>; <paramref name="actor"/> names that system.
    /// </summary>
    public async Task SaveAsync(PantauDb db, IReadOnlyList<AuditRecord> records, string actor, CancellationToken ct,
        Func<CancellationToken, Task>? alsoInTransaction = null)
    {
        var drafts = new List<AuditEntry>(records.Count);
        foreach (var r in records) drafts.Add(await DraftAsync(db, r, actor));
        await trail.SaveWithEntriesAsync(db, drafts, ct, alsoInTransaction);
    }

    private async Task<AuditEntry> DraftAsync(PantauDb db, AuditRecord r, string? actor = null)
    {
        var map = await offices.GetAsync(db);
        var officeIds = r.RegencyCodes.Select(c => map.TryGetValue(c, out var id) ? id : (int?)null).OfType<int>().Distinct().Order();
        var now = time.GetUtcNow().UtcDateTime;
        return new AuditEntry
        {
            // Microseconds: what PostgreSQL keeps, so the hash computed now is the hash verified later.
            At = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc),
            ActorId = current.UserId,
            Actor = actor ?? current.User?.Email ?? (current.IsSystem ? "system" : "anonymous"),
            ActorOfficeId = current.OfficeId,
            Action = r.Action,
            RecordType = r.RecordType,
            RecordIds = string.Join(',', r.RecordIds),
            RecordOffices = "," + string.Join(',', officeIds) + ",",
            Purpose = r.Purpose.Length > 300 ? r.Purpose[..300] : r.Purpose,
            ClientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            PreviousHash = "",
        };
    }
}

public static class AuditSetup
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<JurisdictionMap>();
        services.AddScoped<Auditor>();
        services.AddHttpContextAccessor();
        return services;
    }
}
