using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>How far an import is: rows while it reads the file, then what of <see cref="FirstLoad"/> it has put back.</summary>
public sealed record SnapshotProgress(long Line, long Created, long Updated, long Unchanged, long Rejected, long BytesRead, long FileSize,
    int Rebuilt = 0, int ToRebuild = 0);

/// <summary>
/// Imports a central snapshot CSV: streamed row by row (never the whole file in memory), in batches, each batch one
/// transaction with its checkpoint (the last line committed), its rejected rows and its audit entries, so an import
/// killed half-way resumes after the last committed line and ends where an uninterrupted one would. New people go in
/// with the bulk writer (COPY on PostgreSQL); people already known are compared and updated through EF, whose
/// interceptor keeps the resident counts; the counts of the new ones are added in the same transaction. At the end
/// the people the snapshot does not list are counted as missing (and left as they are: an officer decides).
/// </summary>
public sealed class SnapshotImporter(PantauDb db, Auditor audit, RegionNames regionNames, TimeProvider time, ILogger<SnapshotImporter> log)
{
    public const int DefaultBatchSize = 5_000;
    public const int MissingSampleSize = 100;

    /// <summary>The import of this file: the unfinished one to resume, or a new one (also when it was imported before).</summary>
    public async Task<SnapshotImport> BeginAsync(string path, string fileName, string startedBy, CancellationToken ct)
    {
        var (hash, size) = await IdentifyAsync(path, ct);
        var running = await db.SnapshotImports.Where(i => i.FileHash == hash && i.Status == SnapshotImportStatus.Running)
            .OrderByDescending(i => i.StartedAt).FirstOrDefaultAsync(ct);
        if (running is not null)
        {
            running.FilePath = path;
            await db.SaveChangesAsync(ct);
            return running;
        }
        var import = new SnapshotImport
        {
            FileName = fileName, FilePath = path, FileHash = hash, FileSize = size, Status = SnapshotImportStatus.Running,
            StartedBy = startedBy, StartedAt = time.GetUtcNow().UtcDateTime, LastCommittedLine = 1,
        };
        db.SnapshotImports.Add(import);
        await db.SaveChangesAsync(ct);
        return import;
    }

    public static async Task<(string Hash, long Size)> IdentifyAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        return (hash, file.Length);
    }

    /// <summary>Runs (or resumes) <paramref name="import"/> to the end and stores its reconciliation figures.</summary>
    public async Task<SnapshotImport> RunAsync(SnapshotImport import, IProgress<SnapshotProgress>? progress = null,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = db.Database.IsSqlite();
        // A large page cache while loading (a million people's indexes do not fit in SQLite's default 2 MB); 64 MB
        // imported as fast as 128 MB and keeps the command's peak memory under 512 MiB with its managed heap.
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", ct);
        // In WAL mode NORMAL still survives a killed process; a power cut may lose the last batches, and with them
        // their checkpoint, so the import resumes before them: no fsync per batch is needed for a correct resume.
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL", ct);
        // A checkpoint every 16,384 pages (64 MB of log) instead of 1,000: otherwise every commit also copies its whole
        // batch into the database file, and a page changed by several batches is copied once per batch.
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 16384", ct);
        // A first load (no one linked to the central database yet), or the resumption of one, goes in without the
        // search indexes and foreign keys, which are put back once at the end.
        if ((await FirstLoad.MissingAsync(db, ct)).Count > 0 || !await db.CentralPeople.AnyAsync(ct))
            await FirstLoad.SetAsideAsync(db, ct);
        try
        {
            await ImportRowsAsync(import, progress, batchSize, ct);
            // The batches are gone: their memory goes back before the database's sorter takes its own for the indexes.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            await PutBackAsync(import, progress, ct);
            await CompleteAsync(import, ct);
            return import;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A file that is not a snapshot fails; anything else leaves the import Running, for the next run to resume
            // after the last committed batch (with what a first load set aside put back). The error is kept for the page.
            log.LogError(e, "Snapshot import {Id} stopped at line {Line}", import.Id, import.LastCommittedLine);
            try
            {
                await FirstLoad.PutBackAsync(db, null, CancellationToken.None);
            }
            catch (Exception again)
            {
                log.LogError(again, "The search indexes and foreign keys could not be put back after import {Id}", import.Id);
            }
            db.ChangeTracker.Clear();
            import.Status = e is SnapshotFileRefused ? SnapshotImportStatus.Failed : SnapshotImportStatus.Running;
            import.Error = e is SnapshotFileRefused refused ? refused.Reason.Stored : Truncate(e.Message, 1000);
            await db.SnapshotImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Error, import.Error).SetProperty(i => i.Status, import.Status), CancellationToken.None);
            throw;
        }
        finally
        {
            if (sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000",
                    CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ImportRowsAsync(SnapshotImport import, IProgress<SnapshotProgress>? progress, int batchSize, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await using var file = new FileStream(import.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var badRow = false;
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = _ => badRow = true,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        });
        if (!await csv.ReadAsync() || !csv.ReadHeader()) throw new SnapshotFileRefused(new("file", SyncCodes.ReasonFileEmpty));
        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToList();
        var missing = SnapshotRow.Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) throw new SnapshotFileRefused(new("file", SyncCodes.ReasonFileColumns, string.Join(", ", missing)));
        var index = SnapshotRow.Columns.Select(c => header.IndexOf(c)).ToArray();

        // The file is read and checked on another thread while the previous batch is written; one batch waits at
        // most, since the writing thread is the slower one and every batch in flight holds 10,000 people in memory.
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                var rows = new List<SnapshotRow>(batchSize);
                var drafts = new List<Foreigner>(batchSize);
                var rejected = new List<SnapshotRejection>();
                var fields = new string[index.Length];
                long line = 1;
                while (true)
                {
                    var more = await csv.ReadAsync();
                    if (more)
                    {
                        line = csv.Parser.Row;
                        if (line <= import.LastCommittedLine) { badRow = false; continue; } // committed before a crash
                        if (badRow)
                            rejected.Add(Rejection(import, line, null, new("line", SyncCodes.ReasonStrayQuote)));
                        else if (csv.Parser.Count != header.Count)
                            rejected.Add(Rejection(import, line, null, new("line", SyncCodes.ReasonFieldCount, csv.Parser.Count, header.Count)));
                        else
                        {
                            for (var i = 0; i < index.Length; i++) fields[i] = csv.Parser[index[i]] ?? "";
                            var (row, reason) = SnapshotRow.Read(line, fields, today);
                            if (row is not null)
                            {
                                rows.Add(row);
                                // The person the row makes if it is new (most rows of a first import) is built here, on
                                // the reading thread, which has time to spare: the writing thread is the bottleneck.
                                drafts.Add(row.NewPerson(time.GetUtcNow().UtcDateTime));
                            }
                            else rejected.Add(Rejection(import, line, Truncate(fields[0].Trim(), CentralPerson.MaxIdLength), reason!));
                        }
                        badRow = false;
                    }
                    if (rows.Count + rejected.Count >= batchSize || (!more && line > import.LastCommittedLine))
                    {
                        await batches.Writer.WriteAsync(new Batch(rows, drafts, rejected, line, file.Position), stopReading.Token);
                        rows = new List<SnapshotRow>(batchSize);
                        drafts = new List<Foreigner>(batchSize);
                        rejected = [];
                    }
                    if (!more) break;
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, stopReading.Token);

        try
        {
            await foreach (var b in batches.Reader.ReadAllAsync(ct))
            {
                await CommitBatchAsync(import, b.Rows, b.Drafts, b.Rejected, b.LastLine, ct);
                progress?.Report(new(b.LastLine, import.Created, import.Updated, import.Unchanged, import.Rejected, b.BytesRead, import.FileSize));
            }
        }
        catch
        {
            await stopReading.CancelAsync();
            throw;
        }
        await reading;
    }

    private async Task PutBackAsync(SnapshotImport import, IProgress<SnapshotProgress>? progress, CancellationToken ct)
    {
        var npgsql = db.Database.IsNpgsql();
        // Sorting a million keys at once: PostgreSQL's default 64 MB of sort memory would spill to disk.
        if (npgsql) await db.Database.ExecuteSqlRawAsync("SET maintenance_work_mem = '256MB'", ct);
        await FirstLoad.PutBackAsync(db, (done, of) => progress?.Report(new(import.LastCommittedLine, import.Created, import.Updated,
            import.Unchanged, import.Rejected, import.FileSize, import.FileSize, done, of)), ct);
        if (npgsql) await db.Database.ExecuteSqlRawAsync("RESET maintenance_work_mem", ct);
    }

    private sealed record Batch(List<SnapshotRow> Rows, List<Foreigner> Drafts, List<SnapshotRejection> Rejected, long LastLine, long BytesRead);

    private static SnapshotRejection Rejection(SnapshotImport import, long line, string? id, SyncReason reason) =>
        new() { ImportId = import.Id, Line = line, CentralId = string.IsNullOrEmpty(id) ? null : id, Reason = reason.Stored };

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;

    private async Task CommitBatchAsync(SnapshotImport import, List<SnapshotRow> batch, List<Foreigner> drafts, List<SnapshotRejection> rejected,
        long lastLine, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.ChangeTracker.Clear();
        db.SnapshotImports.Attach(import);

        var ids = batch.Select(r => r.CentralId).Distinct().ToList();
        var links = await db.CentralPeople.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.CentralId)).ToDictionaryAsync(c => c.CentralId, ct);
        var passports = batch.Select(r => r.Passport).Distinct().ToList();
        var passportHolders = (await db.Passports.Nationally("a snapshot import compares the whole registry").Where(p => EF.Parameter(passports).Contains(p.Number))
                .Select(p => new { p.Number, p.IssuingState, p.ForeignerId }).ToListAsync(ct))
            .ToDictionary(p => (p.Number, p.IssuingState), p => p.ForeignerId);
        var permits = batch.Select(r => r.Permit).OfType<string>().Distinct().ToList();
        var permitHolders = (await db.StayPermits.Nationally("a snapshot import compares the whole registry").Where(p => EF.Parameter(permits).Contains(p.Number))
            .Select(p => new { p.Number, p.ForeignerId }).ToListAsync(ct)).ToDictionary(p => p.Number, p => p.ForeignerId);
        var villageCodes = batch.Select(r => r.Person.Address!.VillageCode!).Distinct().ToList();
        var villages = (await regionNames.NamesOfAsync(db, villageCodes, ct)).Keys.ToHashSet(); // rows check that the code is a village's
        var linkedIds = links.Values.Select(l => l.ForeignerId).ToList();
        var holderIds = passportHolders.Values.Distinct().ToList();
        var linkedHolders = (await db.CentralPeople.AsNoTracking().Where(c => EF.Parameter(holderIds).Contains(c.ForeignerId)).Select(c => c.ForeignerId)
            .ToListAsync(ct)).ToHashSet();
        var versions = await db.Foreigners.Nationally("a snapshot import compares the whole registry").Where(f => EF.Parameter(linkedIds).Contains(f.Id))
            .Select(f => new { f.Id, f.Version }).ToDictionaryAsync(f => f.Id, f => f.Version, ct);
        var seenThisImport = links.Values.Where(l => l.LastSnapshotId == import.Id).Select(l => l.CentralId).ToHashSet();

        // Decide each row: new, unchanged by its hash, or to be compared with the person.
        var created = new List<(SnapshotRow Row, Foreigner Person)>();
        var toCompare = new List<(SnapshotRow Row, Guid ForeignerId, CentralPerson? Link)>();
        var unchanged = new List<string>();
        var inBatch = new HashSet<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            SyncReason? reason = null;
            links.TryGetValue(row.CentralId, out var link);
            var self = link?.ForeignerId;
            if (!inBatch.Add(row.CentralId) || seenThisImport.Contains(row.CentralId)) reason = new("personId", SyncCodes.ReasonListedTwice);
            else if (!villages.Contains(row.Person.Address!.VillageCode!)) reason = new("villageCode", SyncCodes.ReasonNoVillage);
            else if (link is null && passportHolders.TryGetValue((row.Passport, row.PassportState), out var holder) && !linkedHolders.Contains(holder))
            {
                // Registered here before the central database listed them: link, then compare like any known person.
                linkedHolders.Add(holder);
                self = holder;
            }
            if (reason is null && passportHolders.TryGetValue((row.Passport, row.PassportState), out var owner) && owner != self)
                reason = new("passportNumber", SyncCodes.ReasonTaken);
            if (reason is null && row.Permit is { } permit && permitHolders.TryGetValue(permit, out var permitOwner) && permitOwner != self)
                reason = new("permitNumber", SyncCodes.ReasonTaken);
            if (reason is not null)
            {
                rejected.Add(Rejection(import, row.Line, row.CentralId, reason));
                continue;
            }
            if (self is null)
            {
                var f = drafts[i];
                created.Add((row, f));
                passportHolders[(row.Passport, row.PassportState)] = f.Id;
                if (row.Permit is { } n) permitHolders[n] = f.Id;
            }
            // The feed is further on for this person than the snapshot: the newer state stays.
            else if (link is not null && (link.LastSequence > row.Sequence
                || (link.RecordHash == row.Hash && versions.GetValueOrDefault(link.ForeignerId, -1) == link.RecordVersion)))
                unchanged.Add(row.CentralId);
            else
            {
                toCompare.Add((row, self.Value, link));
                passportHolders[(row.Passport, row.PassportState)] = self.Value;
                if (row.Permit is { } n) permitHolders[n] = self.Value;
            }
        }

        // Known people whose row differs from what was last applied: read them and change what differs, through EF.
        var compareIds = toCompare.Select(c => c.ForeignerId).ToList();
        var people = await db.Foreigners.Nationally("a snapshot import compares the whole registry").Where(f => EF.Parameter(compareIds).Contains(f.Id))
            .Include(f => f.Passports).Include(f => f.Permits).Include(f => f.Addresses).Include(f => f.NameTokens)
            .AsSplitQuery().ToDictionaryAsync(f => f.Id, ct);
        var updated = new List<Foreigner>();
        var regencies = new HashSet<string>();
        foreach (var (row, foreignerId, link) in toCompare)
        {
            var f = people[foreignerId];
            var changed = !row.Matches(f);
            if (changed)
            {
                regencies.Add(f.RegencyCode);
                row.ApplyTo(f, now);
                f.NextVersion();
                updated.Add(f);
                regencies.Add(f.RegencyCode);
            }
            else unchanged.Add(row.CentralId);
            if (link is null)
                db.CentralPeople.Add(new CentralPerson
                {
                    CentralId = row.CentralId, ForeignerId = f.Id, LastSequence = row.Sequence, RecordHash = row.Hash, RecordVersion = f.Version,
                    LastSnapshotId = import.Id, UpdatedAt = now,
                });
            else
            {
                var tracked = db.CentralPeople.Attach(link).Entity;
                tracked.RecordHash = row.Hash;
                tracked.RecordVersion = f.Version;
                tracked.LastSequence = Math.Max(link.LastSequence, row.Sequence);
                tracked.LastSnapshotId = import.Id;
                tracked.UpdatedAt = now;
            }
        }

        foreach (var r in rejected) db.SnapshotRejections.Add(r);
        import.Created += created.Count;
        import.Updated += updated.Count;
        import.Unchanged += unchanged.Count;
        import.Rejected += rejected.Count;
        import.LastCommittedLine = lastLine;
        import.Error = null;

        var records = new List<AuditRecord>();
        var range = $"up to line {lastLine}";
        if (created.Count > 0)
            records.Add(new AuditRecord("central-create", RegistryQueries.RecordType, created.Select(c => c.Person.Id).ToList(),
                created.Select(c => c.Person.RegencyCode).Distinct().ToList(), $"central snapshot {import.FileName}, {range}: {created.Count} created"));
        if (updated.Count > 0)
            records.Add(new AuditRecord("central-update", RegistryQueries.RecordType, updated.Select(f => f.Id).ToList(), regencies,
                $"central snapshot {import.FileName}, {range}: {updated.Count} updated"));

        await audit.SaveAsync(db, records, CentralFeed.Actor, ct, async tx =>
        {
            if (created.Count > 0)
            {
                var newPeople = created.Select(c => c.Person).ToList();
                await RegistryBulkWriter.WriteBatchAsync(db, newPeople, tx);
                await new RegistryChanges(db).WriteAsync(db, [], [], newPeople, tx);
                await SyncRows.WriteLinksAsync(db, created.Select(c => new CentralPerson
                {
                    CentralId = c.Row.CentralId, ForeignerId = c.Person.Id, LastSequence = c.Row.Sequence, RecordHash = c.Row.Hash,
                    RecordVersion = c.Person.Version, LastSnapshotId = import.Id, UpdatedAt = now,
                }).ToList(), tx);
            }
            if (unchanged.Count > 0)
                await db.CentralPeople.Where(c => EF.Parameter(unchanged).Contains(c.CentralId))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSnapshotId, import.Id), tx);
        });
    }

    /// <summary>Counts (and samples) the people the snapshot did not list, and closes the import.</summary>
    private async Task CompleteAsync(SnapshotImport import, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var id = import.Id;
        var missing = db.Foreigners.Nationally("a snapshot import compares the whole registry").Where(f => !db.CentralPeople.Any(c => c.ForeignerId == f.Id && c.LastSnapshotId == id));
        import.Missing = await missing.LongCountAsync(ct);
        import.MissingSample = string.Join(',', await missing.OrderBy(f => f.Id).Select(f => f.Id).Take(MissingSampleSize).ToListAsync(ct));
        import.Status = SnapshotImportStatus.Completed;
        import.FinishedAt = time.GetUtcNow().UtcDateTime;
        import.Error = null;
        db.SnapshotImports.Update(import);
        await db.SaveChangesAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync(
                """ANALYZE "Foreigners", "Passports", "StayPermits", "ResidenceAddresses", "NameTokens", "CentralPeople" """, ct);
    }
}
