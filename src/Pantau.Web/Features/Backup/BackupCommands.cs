using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Sync;

namespace Pantau.Web.Features.Backup;

/// <summary>
/// <c>backup --to DIR</c>, <c>restore --from DIR [--replace]</c>, <c>verify [--from DIR | --against DIR]</c>: a
/// consistent copy of the office while it serves (database, audit checkpoints, uploaded snapshots, a manifest), put
/// back whole or not at all, and checked against the manifest, this app's schema and the audit chain's own verifier.
/// </summary>
public static class BackupCommands
{
    public static IEnumerable<Command> Create(CommandRunner run)
    {
        var to = new Option<string>("--to") { Description = "The backup's folder (new or empty); written beside it and renamed once whole.", Required = true };
        var backup = new Command("backup", "Copies the database (consistent while the app serves), the audit checkpoints and the uploaded snapshots, with a manifest.") { to };
        backup.SetAction(parsed => run(parsed, sp => Guarded("backup", () => BackupAsync(Office.Of(sp), parsed.GetRequiredValue(to)))));
        yield return backup;

        var from = new Option<string>("--from") { Description = "The backup's folder.", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Restores over a database or files that hold data; what was there is kept aside, renamed." };
        var restore = new Command("restore", "Puts a backup back into the configured database and file places (stop the app first); checks it before and after.") { from, replace };
        restore.SetAction(parsed => run(parsed, sp => Guarded("restore", () => RestoreAsync(Office.Of(sp), parsed.GetRequiredValue(from), parsed.GetValue(replace)))));
        yield return restore;

        var backupFolder = new Option<string>("--from") { Description = "Verifies this backup: its files' hashes, and its database against its manifest." };
        var against = new Option<string>("--against") { Description = "Also compares the configured database's counts and files with this backup's manifest (right after a restore)." };
        var verify = new Command("verify", "Checks the configured database (schema version, audit chain) or a backup (--from); exit code 1 on any finding.") { backupFolder, against };
        verify.Validators.Add(r =>
        {
            if (r.GetResult(backupFolder) is not null && r.GetResult(against) is not null) r.AddError("verify: either --from DIR or --against DIR.");
        });
        verify.SetAction(parsed => run(parsed, sp => Guarded("verify", () =>
        {
            var office = Office.Of(sp);
            return parsed.GetValue(backupFolder) is { } folder
                ? VerifyBackupAsync(office, folder)
                : VerifyOfficeAsync(office, parsed.GetValue(against) is { } a ? ManifestOf(office, a) : null);
        })));
        yield return verify;
    }

    private const string SqliteFile = "database.sqlite";
    private const string PostgresFile = "database.dump";

    /// <summary>The office as configured: its database, where its files live, this app's migrations and the chain's key.</summary>
    private sealed record Office(IServiceProvider Services, DatabaseProvider Provider, string ConnectionString, AuditCheckpointOptions Audit,
        SyncOptions Sync, IReadOnlyList<string> Migrations)
    {
        public string AppSchema => Migrations[^1];

        public byte[] ChainKey => Services.GetRequiredService<IOptions<AuditOptions>>().Value.Key;

        public static Office Of(IServiceProvider sp)
        {
            var cfg = sp.GetRequiredService<IConfiguration>();
            return new Office(sp, PantauDatabase.ProviderFrom(cfg), PantauDatabase.ConnectionStringFrom(cfg),
                sp.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value, sp.GetRequiredService<IOptions<SyncOptions>>().Value,
                sp.GetRequiredService<PantauDb>().Database.GetMigrations().ToList());
        }

        /// <summary>A context on another database of the same provider (a backup's copy, a restore's new database), as the system.</summary>
        public PantauDb Open(string connectionString)
        {
            var options = new DbContextOptionsBuilder<PantauDb>();
            PantauDatabase.Configure(options, new ConfigurationBuilder().AddInMemoryCollection(
            [
                new("Database:Provider", Provider.ToString()), new("ConnectionStrings:Pantau", connectionString),
            ]).Build());
            var db = new PantauDb(options.Options);
            var system = new CurrentStaff();
            system.ActAsSystem();
            db.Serve(system);
            return db;
        }
    }

    /// <summary>Each finding on its own line; any "FAIL" makes the exit code 1.</summary>
    private sealed class Findings
    {
        public int Failures { get; private set; }

        public void Ok(string line) => Console.WriteLine($"ok    {line}");

        public void Fail(string line)
        {
            Failures++;
            Console.WriteLine($"FAIL  {line}");
        }

        public int Fail(IEnumerable<string> lines)
        {
            var before = Failures;
            foreach (var line in lines) Fail(line);
            return Failures - before;
        }
    }

    private static async Task<int> Guarded(string command, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is BackupFailedException or OptionsValidationException or IOException or UnauthorizedAccessException
                                      or SqliteException or NpgsqlException or JsonException)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> BackupAsync(Office office, string to)
    {
        var folder = Path.GetFullPath(to);
        if (File.Exists(folder)) throw new ArgumentException($"--to {to} is a file; a backup is a folder.");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new ArgumentException($"--to {to} is not empty; each backup goes into a folder of its own.");
        var parent = Directory.CreateDirectory(Path.GetDirectoryName(folder)!).FullName;
        var work = Path.Combine(parent, $".{Path.GetFileName(folder)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var started = DateTime.UtcNow;
            var files = new List<BackupFile>();
            // The checkpoint files before the database: each checkpoint is written after its entries commit, so the
            // copy taken next holds every entry they name. Taken after it, one could name entries the copy lacks.
            foreach (var file in OfficeFiles.Checkpoints(office.Audit)) files.Add(await CopyInAsync(work, file, completeLinesOnly: true));
            var database = office.Provider == DatabaseProvider.Sqlite ? SqliteFile : PostgresFile;
            var state = office.Provider == DatabaseProvider.Sqlite
                ? await SqliteCopy.BackupAsync(office.ConnectionString, Path.Combine(work, database), CancellationToken.None)
                : await PostgresCopy.BackupAsync(office.ConnectionString, Path.Combine(work, database), CancellationToken.None);
            if (state.SchemaVersion is null || state.AuditHead is null)
                throw new BackupFailedException("the database has no migrations or no audit head: it is not a Pantau database, and nothing was backed up.");
            var found = await OfficeFiles.HashAsync(Path.Combine(work, database), CancellationToken.None);
            files.Insert(0, new BackupFile(database, BackupRoles.Database, found!.Bytes, found.Sha256));
            // The uploads after the database: an import the copy records names a file that was written before it.
            foreach (var file in OfficeFiles.Uploads(office.Sync)) files.Add(await CopyInAsync(work, file, completeLinesOnly: false));
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, started, DateTime.UtcNow, office.Provider.ToString(),
                state.SchemaVersion, state.Counts, state.AuditHead, files);
            await File.WriteAllTextAsync(Path.Combine(work, BackupManifest.FileName), JsonSerializer.Serialize(manifest, BackupManifest.Json));
            if (Directory.Exists(folder)) Directory.Delete(folder);
            Directory.Move(work, folder);
            Console.WriteLine($"backup: {folder}: {office.Provider} schema {manifest.SchemaVersion}, {manifest.Counts.Values.Sum():N0} rows in "
                + $"{manifest.Counts.Count} tables, audit chain to entry {manifest.AuditHead.Sequence}, {files.Count} files, "
                + $"{files.Sum(f => f.Bytes):N0} bytes.");
            return 0;
        }
        catch
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            throw;
        }
    }

    private static async Task<BackupFile> CopyInAsync(string work, OfficeFile file, bool completeLinesOnly)
    {
        var copied = await OfficeFiles.CopyAsync(file.Source, Path.Combine(work, Path.Combine(file.BackupPath.Split('/'))), completeLinesOnly, CancellationToken.None);
        return new BackupFile(file.BackupPath, file.Role, copied.Bytes, copied.Sha256);
    }

    private static BackupManifest ManifestOf(Office office, string from)
    {
        var manifest = BackupManifest.Read(Path.GetFullPath(from));
        if (manifest.Provider != office.Provider.ToString())
            throw new ArgumentException($"{from} is a backup of a {manifest.Provider} database; the configured database is {office.Provider} (Database:Provider).");
        return manifest;
    }

    private static void CheckFiles(string folder, IEnumerable<BackupFile> files, Findings findings)
    {
        var list = files.ToList();
        if (findings.Fail(BackupCheck.Files(list, f => OfficeFiles.Hash(Path.Combine(folder, Path.Combine(f.Path.Split('/')))))) == 0)
            findings.Ok($"{list.Count} files match the manifest's sizes and SHA-256.");
    }

    /// <summary>The signed checkpoints the backup carries (its own and other instances' files), read by the Audit feature's reader.</summary>
    private static List<AuditCheckpoint> CheckpointsIn(Office office, string folder, BackupManifest manifest)
    {
        string Place(BackupFile f) => Path.Combine(folder, Path.Combine(f.Path.Split('/')));
        var own = manifest.Files.FirstOrDefault(f => f.Role == BackupRoles.AuditCheckpoints);
        var options = new AuditCheckpointOptions
        {
            CheckpointPath = own is null ? Path.Combine(folder, "audit", "none.jsonl") : Place(own),
            VerifyCheckpointPaths = manifest.Files.Where(f => f.Role == BackupRoles.OtherAuditCheckpoints).Select(Place).ToArray(),
        };
        return new AuditCheckpoints(Options.Create(options), office.Services.GetRequiredService<ILogger<AuditCheckpoints>>()).ReadAll(office.ChainKey);
    }

    /// <summary>A database's state against this app's schema and the manifest, and its audit chain through <see cref="AuditVerifier"/>.</summary>
    private static async Task CheckDatabaseAsync(Office office, string connectionString, DatabaseState state, BackupManifest? manifest,
        IReadOnlyCollection<AuditCheckpoint> checkpoints, Findings findings, bool olderSchemaRestores)
    {
        var app = olderSchemaRestores && state.SchemaVersion is { } version && office.Migrations.Contains(version) ? version : office.AppSchema;
        if (findings.Fail(BackupCheck.Schema(state.SchemaVersion, app, manifest?.SchemaVersion)) == 0)
            findings.Ok(state.SchemaVersion == office.AppSchema ? $"schema version {state.SchemaVersion}, this app's."
                : $"schema version {state.SchemaVersion}: the app brings it to {office.AppSchema} as it starts.");
        if (manifest is not null)
        {
            if (findings.Fail(BackupCheck.Counts(manifest.Counts, state.Counts)) == 0)
                findings.Ok($"{state.Counts.Count} tables, {state.Counts.Values.Sum():N0} rows, as the manifest counts them.");
            if (findings.Fail(BackupCheck.Head(manifest.AuditHead, state.AuditHead)) == 0)
                findings.Ok($"the audit chain's head is the manifest's (entry {manifest.AuditHead.Sequence}).");
        }
        await using var db = office.Open(connectionString);
        var chain = await AuditVerifier.VerifyAsync(db, office.ChainKey, checkpoints, CancellationToken.None);
        if (chain.Valid) findings.Ok($"the audit chain verifies: {chain.Entries:N0} entries, {chain.Checkpoints} signed checkpoints compared.");
        else findings.Fail($"the audit chain is broken at entry {chain.FirstBrokenAt} ({chain.Reason}; {chain.Entries:N0} entries, {chain.Checkpoints} checkpoints).");
    }

    private static async Task<int> VerifyBackupAsync(Office office, string from)
    {
        var folder = Path.GetFullPath(from);
        var manifest = ManifestOf(office, folder);
        var findings = new Findings();
        Console.WriteLine($"verify: the backup {folder} of {manifest.StartedAt:u}");
        CheckFiles(folder, manifest.Files, findings);
        var copy = Path.Combine(folder, Path.Combine(manifest.Database.Path.Split('/')));
        if (File.Exists(copy))
        {
            var checkpoints = CheckpointsIn(office, folder, manifest);
            try
            {
                if (office.Provider == DatabaseProvider.Sqlite)
                    await CheckDatabaseAsync(office, SqliteCopy.ReadOnlyConnectionString(copy), await SqliteCopy.StateAsync(copy, CancellationToken.None),
                        manifest, checkpoints, findings, olderSchemaRestores: false);
                else
                {
                    // An archive is read by restoring it: into a database of its own on the configured server, dropped after.
                    var scratch = PostgresCopy.NameBeside(new NpgsqlConnectionStringBuilder(office.ConnectionString).Database!, $"_verify_{Guid.NewGuid():N}"[..16]);
                    try
                    {
                        var restored = await PostgresCopy.RestoreIntoNewAsync(office.ConnectionString, copy, scratch, CancellationToken.None);
                        await CheckDatabaseAsync(office, restored, await PostgresCopy.StateAsync(restored, CancellationToken.None), manifest, checkpoints,
                            findings, olderSchemaRestores: false);
                    }
                    finally
                    {
                        await PostgresCopy.DropAsync(office.ConnectionString, scratch, CancellationToken.None);
                    }
                }
            }
            catch (Exception e) when (e is SqliteException or BackupFailedException)
            {
                findings.Fail($"the database copy does not read: {e.Message}");
            }
        }
        return Done("verify", findings);
    }

    private static async Task<int> VerifyOfficeAsync(Office office, BackupManifest? manifest)
    {
        var findings = new Findings();
        Console.WriteLine($"verify: the configured {office.Provider} database" + (manifest is null ? "" : $", against the backup of {manifest.StartedAt:u}"));
        DatabaseState state;
        if (office.Provider == DatabaseProvider.Sqlite)
        {
            var file = SqliteCopy.FileOf(office.ConnectionString);
            if (!File.Exists(file)) throw new ArgumentException($"no SQLite database at {file}.");
            state = await SqliteCopy.StateAsync(file, CancellationToken.None);
        }
        else state = await PostgresCopy.StateAsync(office.ConnectionString, CancellationToken.None);
        await CheckDatabaseAsync(office, office.ConnectionString, state, manifest,
            office.Services.GetRequiredService<AuditCheckpoints>().ReadAll(office.ChainKey), findings, olderSchemaRestores: false);
        if (manifest is not null)
        {
            var files = manifest.Files.Where(f => f.Role != BackupRoles.Database).ToList();
            if (findings.Fail(BackupCheck.Files(files, f => OfficeFiles.Hash(OfficeFiles.PlaceOf(f, office.Audit, office.Sync)))) == 0)
                findings.Ok($"{files.Count} files in place as the manifest has them.");
        }
        return Done("verify", findings);
    }

    private static async Task<int> RestoreAsync(Office office, string from, bool replace)
    {
        var folder = Path.GetFullPath(from);
        var manifest = ManifestOf(office, folder);
        if (!office.Migrations.Contains(manifest.SchemaVersion))
            throw new ArgumentException($"the backup's schema version {manifest.SchemaVersion} is not one of this app's migrations: a newer version made it; restore it with that one.");
        var findings = new Findings();
        Console.WriteLine($"restore: the backup {folder} of {manifest.StartedAt:u}");
        CheckFiles(folder, manifest.Files, findings);
        if (findings.Failures > 0) return Refused(findings);

        var places = manifest.Files.Where(f => f.Role != BackupRoles.Database)
            .Select(f => (File: f, Place: OfficeFiles.PlaceOf(f, office.Audit, office.Sync))).ToList();
        var sqlite = office.Provider == DatabaseProvider.Sqlite;
        var target = sqlite ? SqliteCopy.FileOf(office.ConnectionString) : new NpgsqlConnectionStringBuilder(office.ConnectionString).Database!;
        var (exists, holdsData) = sqlite
            ? (File.Exists(target), await SqliteCopy.HoldsDataAsync(target, CancellationToken.None))
            : await PostgresCopy.InspectAsync(office.ConnectionString, CancellationToken.None);
        if (!replace)
        {
            var held = places.Where(p => File.Exists(p.Place) && new FileInfo(p.Place).Length > 0).Select(p => p.Place).ToList();
            if (holdsData) held.Insert(0, $"the database {target}");
            if (held.Count > 0)
                throw new ArgumentException($"the target holds data ({string.Join("; ", held)}): restore into an empty database, or add --replace (what is there is kept aside, renamed).");
        }

        var checkpoints = CheckpointsIn(office, folder, manifest);
        var copy = Path.Combine(folder, Path.Combine(manifest.Database.Path.Split('/')));
        string? keptDatabase;
        if (sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var incoming = $"{target}.restoring-{Guid.NewGuid():N}";
            try
            {
                await OfficeFiles.CopyAsync(copy, incoming, completeLinesOnly: false, CancellationToken.None);
                if (!await SqliteCopy.IntactAsync(incoming, CancellationToken.None)) findings.Fail("the database copy fails SQLite's quick_check.");
                else await CheckDatabaseAsync(office, SqliteCopy.ReadOnlyConnectionString(incoming), await SqliteCopy.StateAsync(incoming, CancellationToken.None),
                    manifest, checkpoints, findings, olderSchemaRestores: true);
                if (findings.Failures > 0) return Refused(findings);
                keptDatabase = SqliteCopy.Swap(incoming, target);
            }
            finally
            {
                File.Delete(incoming);
            }
        }
        else
        {
            // Into a new database first (a failed pg_restore leaves the target as it was), which takes the target's name once checked.
            var incoming = PostgresCopy.NameBeside(target, "_restoring");
            await PostgresCopy.DropAsync(office.ConnectionString, incoming, CancellationToken.None);
            var restored = await PostgresCopy.RestoreIntoNewAsync(office.ConnectionString, copy, incoming, CancellationToken.None);
            try
            {
                await CheckDatabaseAsync(office, restored, await PostgresCopy.StateAsync(restored, CancellationToken.None), manifest, checkpoints,
                    findings, olderSchemaRestores: true);
                if (findings.Failures > 0) return Refused(findings);
                keptDatabase = await PostgresCopy.SwapAsync(office.ConnectionString, incoming, exists, holdsData, CancellationToken.None);
            }
            catch
            {
                await PostgresCopy.DropAsync(office.ConnectionString, incoming, CancellationToken.None);
                throw;
            }
        }
        Console.WriteLine($"restore: the database {target} restored" + (keptDatabase is null ? "." : $"; the one there before is kept as {keptDatabase}."));
        foreach (var (file, place) in places)
        {
            var kept = await OfficeFiles.PlaceAsync(Path.Combine(folder, Path.Combine(file.Path.Split('/'))), place, CancellationToken.None);
            Console.WriteLine($"restore: {place}" + (kept is null ? "" : $" (the file there before is kept as {kept})"));
        }
        // The office as it now stands, as verify --against sees it.
        return await VerifyOfficeAsync(office, manifest);
    }

    private static int Refused(Findings findings)
    {
        Console.Error.WriteLine($"restore: refused ({findings.Failures} findings); nothing was changed.");
        return 1;
    }

    private static int Done(string command, Findings findings)
    {
        if (findings.Failures == 0)
        {
            Console.WriteLine($"{command}: everything holds.");
            return 0;
        }
        Console.Error.WriteLine($"{command}: {findings.Failures} findings.");
        return 1;
    }
}
