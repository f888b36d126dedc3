using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Audit;

/// <summary>
/// What happened to which records, as a handler knows it; who and from where is filled in by <see cref="Auditor"/>.
/// The offices holding the records are those of <paramref name="RegencyCodes"/> plus <paramref name="OfficeIds"/>
/// (records held by an office rather than by a place, such as a report and its reporter).
/// </summary>
public sealed record AuditRecord(string Action, string RecordType, IReadOnlyCollection<Guid> RecordIds,
    IReadOnlyCollection<string> RegencyCodes, string Purpose, IReadOnlyCollection<int>? OfficeIds = null);

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

    /// <summary>A registration or update named a passport or permit already registered to someone else: that someone was looked up.</summary>
    public const string NumberTaken = "number-taken";
    public const string LodgingFlagResolved = "lodging-flag-resolved";
}

/// <summary>
/// Appends entries to the hash chain. Appends are serialised (in process by a semaphore, across instances by a
/// PostgreSQL advisory lock held to commit). Reads are group-committed: concurrent requests wait for one
/// transaction that writes all their entries, so a read is never answered before its entry is stored. The head row is
/// keyed, and every <see cref="AuditCheckpoints.EveryEntries"/> entries or <see cref="AuditCheckpoints.Every"/> (and
/// at shutdown) the head is written, signed, to this instance's checkpoint file outside the database.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, IOptions<AuditOptions> options, AuditCheckpoints checkpoints, TimeProvider time,
    ILogger<AuditTrail> log, PantauMetrics metrics) : BackgroundService
{
    private const long AdvisoryLockKey = 0x50414E544155; // "PANTAU"
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });

    private sealed record Pending(AuditEntry Draft, object? Alongside, TaskCompletionSource Done);

    /// <summary>The chain's last link.</summary>
    private sealed record Link(long Sequence, string Hash);

    // The head as this process last committed it, so that an append need not read it first; null until read, and
    // after any failed append. Only touched while holding _gate.
    private Link? _head;

    // This instance's checkpoints (under _gate): the last one written (read from the file once), entries appended
    // since, when it was written, and whether the next commit must write one at once (it sealed an unkeyed head).
    private bool _checkpointRead;
    private AuditCheckpoint? _lastCheckpoint;
    private long _sinceCheckpoint;
    private DateTimeOffset _lastCheckpointAt = time.GetUtcNow();
    private bool _checkpointNow;

    // Validated at start: no chain is ever written with a missing or published key.
    public byte[] Key { get; } = options.Value.Key;

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
                var head = await ChainAsync(db, drafts, ct);
                await tx.CommitAsync(ct);
                _head = head;
                await AppendedAsync(head, drafts.Count, ct);
            }
            catch
            {
                _head = null;
                throw;
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    protected override Task ExecuteAsync(CancellationToken stop) => Task.WhenAll(WriteAsync(stop), CheckpointEveryAsync(stop));

    private async Task WriteAsync(CancellationToken stop)
    {
        await SealAsync(stop);
        var batch = new List<Pending>();
        var drafts = new List<AuditEntry>();
        while (await _pending.Reader.WaitToReadAsync(stop))
        {
            batch.Clear();
            while (batch.Count < 1000 && _pending.Reader.TryRead(out var item)) batch.Add(item);
            drafts.Clear();
            foreach (var b in batch) drafts.Add(b.Draft);
            try
            {
                await _gate.WaitAsync(stop);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<IActingStaff>().ActAsSystem();
                    var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
                    await using var tx = await db.Database.BeginTransactionAsync(stop);
                    await LockAcrossInstancesAsync(db, stop);
                    var alongside = false;
                    foreach (var b in batch) if (b.Alongside is { } row) { db.Add(row); alongside = true; }
                    if (alongside) await db.SaveChangesAsync(stop);
                    var head = await ChainAsync(db, drafts, stop);
                    await tx.CommitAsync(stop);
                    _head = head;
                    await AppendedAsync(head, drafts.Count, stop);
                }
                catch
                {
                    _head = null;
                    throw;
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

    /// <summary>
    /// At start: checks the head (its MAC, and that it is not behind this instance's last checkpoint), keys it if the
    /// migrations left it unkeyed, and writes a first checkpoint if this instance has none.
    /// </summary>
    private async Task SealAsync(CancellationToken stop)
    {
        try
        {
            await _gate.WaitAsync(stop);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<IActingStaff>().ActAsSystem();
                var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
                await using var tx = await db.Database.BeginTransactionAsync(stop);
                await LockAcrossInstancesAsync(db, stop);
                var head = await ReadHeadAsync(db, stop);
                if (_checkpointNow)
                    await db.Database.ExecuteSqlAsync($"""
                        UPDATE "AuditHeads" SET "Mac" = {AuditHead.MacOf(Key, head.Sequence, head.Hash)}
                        WHERE "Id" = 1 AND "Mac" = '' AND "Sequence" = {head.Sequence} AND "Hash" = {head.Hash}
                        """, stop);
                await tx.CommitAsync(stop);
                _head = head;
                if (_lastCheckpoint is null) await CheckpointAsync(head, stop);
            }
            catch
            {
                _head = null;
                throw;
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Every append will fail on the same check, so reads are refused (fail closed) until someone looks.
            log.LogCritical(e, "The audit trail's head failed its check at start");
        }
    }

    /// <summary>Writes a checkpoint when entries were appended and none was written for a while.</summary>
    private async Task CheckpointEveryAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(checkpoints.Every, time);
        while (await timer.WaitForNextTickAsync(stop)) await CheckpointIfMovedAsync(stop);
    }

    private async Task CheckpointIfMovedAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_head is { } head && (_lastCheckpoint is null || _lastCheckpoint.Sequence != head.Sequence)) await CheckpointAsync(head, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>At shutdown, the last head this instance wrote goes to its checkpoint file.</summary>
    // The host's token may have run out already (a request that never ends holds the shutdown up): the checkpoint gets
    // a few seconds of its own, and a stop never fails on it (the periodic checkpoints stand).
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        using var own = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await CheckpointIfMovedAsync(own.Token);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("The audit checkpoint at shutdown was not written in time; the last periodic one stands");
        }
    }

    /// <summary>After a commit (holding _gate): a checkpoint every so many entries or so much time.</summary>
    private async Task AppendedAsync(Link head, int count, CancellationToken ct)
    {
        _sinceCheckpoint += count;
        metrics.AuditAppends.Add(count);
        if (_checkpointNow || _sinceCheckpoint >= checkpoints.EveryEntries || time.GetUtcNow() - _lastCheckpointAt >= checkpoints.Every)
            await CheckpointAsync(head, ct);
    }

    private async Task CheckpointAsync(Link head, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            // Not cancelled halfway: a shutdown's last checkpoint is written whole.
            await checkpoints.AppendAsync(Key, head.Sequence, head.Hash, now.UtcDateTime, CancellationToken.None);
            _lastCheckpoint = new AuditCheckpoint(head.Sequence, head.Hash, now.UtcDateTime, "");
            _checkpointRead = true;
            _checkpointNow = false;
            _sinceCheckpoint = 0;
            _lastCheckpointAt = now;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The entries are committed; the checkpoint is tried again with the next append or tick.
            log.LogError(e, "Could not write the audit checkpoint at {Sequence} to {Path}", head.Sequence, checkpoints.OwnPath);
        }
    }

    private static async Task LockAcrossInstancesAsync(PantauDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
    }

    /// <summary>
    /// Links the drafts to the head and writes them, in the caller's transaction (which holds the append lock), and
    /// returns the new head for after the commit.
    /// </summary>
    private async Task<Link> ChainAsync(PantauDb db, IReadOnlyList<AuditEntry> drafts, CancellationToken ct)
    {
        var head = _head ?? await ReadHeadAsync(db, ct);
        if (drafts.Count == 0) return head;
        var entries = Chain(head, drafts);
        // The head moves only from where this process left it. Anyone else who appended since (another instance on
        // the same PostgreSQL database, a command run against the same file, a hand edit) makes this match nothing;
        // the head is then read again, under the lock now held, and the entries chained from there.
        if (await MoveHeadAsync(db, head, entries[^1], ct) == 0)
        {
            head = await ReadHeadAsync(db, ct);
            entries = Chain(head, drafts);
            if (await MoveHeadAsync(db, head, entries[^1], ct) == 0)
                throw new InvalidOperationException("The audit head changed while the append lock was held.");
        }
        await InsertAsync(db, entries, ct);
        return new Link(entries[^1].Sequence, entries[^1].Hash);
    }

    /// <summary>
    /// The head as the database holds it, refused when its MAC is wrong (moved without the key) or it is behind this
    /// instance's last checkpoint (an older head row put back): chaining on from there would paper over the removal.
    /// </summary>
    private async Task<Link> ReadHeadAsync(PantauDb db, CancellationToken ct)
    {
        var row = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => new { h.Sequence, h.Hash, h.Mac }).SingleAsync(ct);
        if (!_checkpointRead)
        {
            _lastCheckpoint = checkpoints.LastOwn(Key);
            _checkpointRead = true;
        }
        if (row.Mac.Length == 0)
        {
            // As the migrations left it (a new or upgraded database): accepted only while this instance has written no
            // checkpoint, and keyed by the next append, which is checkpointed at once. Later, an empty MAC is an erased one.
            if (_lastCheckpoint is not null)
                throw new AuditTamperedException($"The audit head at {row.Sequence} has no MAC, but checkpoints were written since it was keyed.");
            _checkpointNow = true;
        }
        else if (!AuditMac.Matches(AuditHead.MacOf(Key, row.Sequence, row.Hash), row.Mac))
            throw new AuditTamperedException($"The audit head at {row.Sequence} does not carry its MAC: it was changed without the chain key.");
        if (_lastCheckpoint is { } last && row.Sequence < last.Sequence)
            throw new AuditTamperedException($"The audit head at {row.Sequence} is behind the checkpoint at {last.Sequence}: the newest entries were removed.");
        return new Link(row.Sequence, row.Hash);
    }

    private List<AuditEntry> Chain(Link head, IReadOnlyList<AuditEntry> drafts)
    {
        var entries = new List<AuditEntry>(drafts.Count);
        var (sequence, previous) = (head.Sequence, head.Hash);
        foreach (var draft in drafts)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
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
                PreviousHash = previous,
            };
            entry.Hash = entry.ComputeHash(Key);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    private Task<int> MoveHeadAsync(PantauDb db, Link from, AuditEntry to, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "AuditHeads" SET "Sequence" = {to.Sequence}, "Hash" = {to.Hash}, "Mac" = {AuditHead.MacOf(Key, to.Sequence, to.Hash)}
            WHERE "Id" = 1 AND "Sequence" = {from.Sequence} AND "Hash" = {from.Hash}
            """, ct);

    private static readonly string[] Columns =
    [
        nameof(AuditEntry.Sequence), nameof(AuditEntry.At), nameof(AuditEntry.ActorId), nameof(AuditEntry.Actor),
        nameof(AuditEntry.ActorOfficeId), nameof(AuditEntry.Action), nameof(AuditEntry.RecordType), nameof(AuditEntry.RecordIds),
        nameof(AuditEntry.RecordOffices), nameof(AuditEntry.Purpose), nameof(AuditEntry.ClientAddress), nameof(AuditEntry.PreviousHash),
        nameof(AuditEntry.Hash),
    ];

    /// <summary>
    /// The entries as multi-row INSERTs (a few hundred rows each) rather than one EF insert per entry. Parameters are
    /// made by the model's own type mappings, so each value is stored exactly as EF stores it and reads back to the
    /// same hash.
    /// </summary>
    private static async Task InsertAsync(PantauDb db, List<AuditEntry> entries, CancellationToken ct)
    {
        const int RowsPerStatement = 500;
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var properties = Columns.Select(c => type.FindProperty(c)!).ToArray();
        var connection = db.Database.GetDbConnection();
        for (var start = 0; start < entries.Count; start += RowsPerStatement)
        {
            var rows = entries.Skip(start).Take(RowsPerStatement).ToList();
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var sql = new StringBuilder("INSERT INTO \"AuditEntries\" (")
                .AppendJoin(", ", Columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
            for (var r = 0; r < rows.Count; r++)
            {
                var e = rows[r];
                object?[] values = [e.Sequence, e.At, e.ActorId, e.Actor, e.ActorOfficeId, e.Action, e.RecordType, e.RecordIds,
                    e.RecordOffices, e.Purpose, e.ClientAddress, e.PreviousHash, e.Hash];
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < values.Length; c++)
                {
                    var name = $"@p{r * Columns.Length + c}";
                    cmd.Parameters.Add(properties[c].GetRelationalTypeMapping().CreateParameter(cmd, name, values[c], properties[c].IsNullable));
                    sql.Append(c == 0 ? name : ", " + name);
                }
                sql.Append(')');
            }
            cmd.CommandText = sql.ToString();
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>The request's side of the audit trail: fills in who, from where and which offices hold the records.</summary>
public sealed class Auditor(AuditTrail trail, IActingStaff current, IHttpContextAccessor http, JurisdictionMap offices, TimeProvider time)
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
        var officeIds = r.RegencyCodes.Select(c => map.TryGetValue(c, out var id) ? id : (int?)null).OfType<int>()
            .Concat(r.OfficeIds ?? []).Distinct().Order();
        var now = time.GetUtcNow().UtcDateTime;
        return new AuditEntry
        {
            // Microseconds: what PostgreSQL keeps, so the hash computed now is the hash verified later.
            At = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc),
            ActorId = current.UserId,
            Actor = actor ?? current.Email ?? (current.IsSystem ? "system" : "anonymous"),
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

/// <summary>The head or the chain was changed by someone without the chain key; nothing is appended after it.</summary>
public sealed class AuditTamperedException(string message) : InvalidOperationException(message);

public static class AuditSetup
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<AuditOptions>().Bind(cfg.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptions.Validation>();
        services.AddOptions<AuditCheckpointOptions>().Bind(cfg.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditCheckpointOptions>, AuditCheckpoints.Validator>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        services.AddScoped<Auditor>();
        services.AddHttpContextAccessor();
        return services;
    }
}
