using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Sync;
using Pantau.Web.Infrastructure;

namespace Pantau.Tests.Sync;

/// <summary>Snapshot imports: the reconciliation figures, and an import killed half-way in a real process.</summary>
public sealed class SnapshotImportTests
{
    private static string NewFile(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "snapshots")).FullName, $"{name}-{Guid.NewGuid():N}.csv");

    private static async Task<string> WriteSnapshotAsync(SyncApp app, SnapshotPlan plan, int seed)
    {
        var path = NewFile("snapshot");
        var simulator = new CentralSimulator(await app.VillagesAsync(), SyncApp.Today, seed);
        await using (var writer = new StreamWriter(path, false, CentralSimulator.Utf8)) simulator.WriteSnapshot(writer, plan);
        return path;
    }

    private static Task<SnapshotImport> ImportAsync(SyncApp app, string path, int batchSize = 100, IProgress<SnapshotProgress>? progress = null) =>
        app.WithDbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
            var importer = scope.ServiceProvider.GetRequiredService<SnapshotImporter>();
            var import = await importer.BeginAsync(path, Path.GetFileName(path), "test", default);
            return await importer.RunAsync(import, progress, batchSize);
        });

    private static Task<List<string>> MissingIndexesAsync(PantauApp app) =>
        app.WithDbAsync(async db => (await FirstLoad.MissingAsync(db, default)).Select(d => d.Name).ToList());

    /// <summary>The indexes (with their columns) and foreign keys, as the database's catalogue describes them.</summary>
    private static Task<List<string>> IndexesAndKeysAsync(PantauApp app) => app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(db.Database.IsNpgsql()
            ? """SELECT indexdef AS "Value" FROM pg_indexes WHERE schemaname = current_schema() UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'"""
            : """SELECT m.name || ' ' || m.tbl_name || ' ' || i.seqno || ' ' || i.name AS "Value" FROM sqlite_master m, pragma_index_info(m.name) i WHERE m.type = 'index'""")
        .OrderBy(v => v).ToListAsync());

    /// <summary>Every progress report, as it is made.</summary>
    private sealed class Reports : IProgress<SnapshotProgress>
    {
        public List<SnapshotProgress> All { get; } = [];
        public void Report(SnapshotProgress value) => All.Add(value);
    }

    [Fact]
    public async Task An_import_reconciles_created_updated_unchanged_missing_and_rejected()
    {
        using var app = new SyncApp();
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        await officer.RegisterAsync(People.Registration()); // registered here, never in the central snapshot

        // The first load goes in without the search indexes (and foreign keys) and puts them back at the end, saying so;
        // the next keeps them.
        var schema = await IndexesAndKeysAsync(app);
        var firstProgress = new Reports();
        var first = await ImportAsync(app, await WriteSnapshotAsync(app, new SnapshotPlan(300, Bad: 5), seed: 11), progress: firstProgress);
        Assert.Equal((300L, 0L, 0L, 1L, 5L), (first.Created, first.Updated, first.Unchanged, first.Missing, first.Rejected));
        var deferrable = await app.WithDbAsync(db => Task.FromResult(FirstLoad.Deferrable(db).Count));
        Assert.True(deferrable >= 5, $"{deferrable} set aside");
        Assert.Equal(Enumerable.Range(0, deferrable), firstProgress.All.Where(p => p.ToRebuild == deferrable).Select(p => p.Rebuilt));
        Assert.Empty(await MissingIndexesAsync(app));
        Assert.Equal(schema, await IndexesAndKeysAsync(app));

        var plan = new SnapshotPlan(300, Changed: 20, Dropped: 10, Added: 15, Bad: 3);
        var secondProgress = new Reports();
        var second = await ImportAsync(app, await WriteSnapshotAsync(app, plan, seed: 11), batchSize: 64, secondProgress);
        Assert.NotEmpty(secondProgress.All);
        Assert.All(secondProgress.All, p => Assert.Equal(0, p.ToRebuild));
        var expected = plan.Expected;
        Assert.Equal((expected.Created, expected.Updated, expected.Unchanged, expected.Missing + 1, expected.Rejected),
            ((int)second.Created, (int)second.Updated, (int)second.Unchanged, (int)second.Missing, (int)second.Rejected));
        Assert.Equal(SnapshotImportStatus.Completed, second.Status);

        // The report through the API: figures, and each rejected row with its line and reason.
        var admin = await app.LoginAsync("admin@pantau.test");
        var report = await admin.GetJsonAsync($"/api/sync/snapshots/{second.Id}");
        Assert.Equal(20, report.GetProperty("updated").GetInt32());
        Assert.Equal(11, report.GetProperty("missingSample").GetArrayLength());
        var rejected = (await admin.GetJsonAsync($"/api/sync/snapshots/{second.Id}/rejections")).EnumerateArray().ToList();
        Assert.Equal(3, rejected.Count);
        Assert.All(rejected, r => Assert.True(r.GetProperty("line").GetInt64() > 1));
        Assert.Contains(rejected, r => r.GetProperty("reason").GetString()!.Contains("passport"));

        // Counts kept right by the bulk path and the EF path alike; the audit chain intact.
        var (counted, active) = await app.WithDbAsync(async db => (await db.ResidentCounts.SumAsync(c => c.Count),
            await db.Foreigners.IgnoreQueryFilters().CountAsync(f => f.Status == Web.Features.Registry.ResidentStatus.Active)));
        Assert.Equal(active, counted);
        Assert.True((await admin.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean());

        // A changed person: moved and permit extended, as the snapshot says.
        var changed = (await app.PersonAsync(CentralSimulator.PersonId(1)))!;
        Assert.Equal(2, changed.Addresses.Count);
        Assert.Equal(1, changed.Version);
    }

    [Fact]
    public async Task A_person_registered_here_is_linked_to_the_central_record_with_the_same_passport()
    {
        using var app = new SyncApp();
        var path = await WriteSnapshotAsync(app, new SnapshotPlan(5), seed: 12);
        var row = File.ReadLines(path).Skip(1).First().Split(',');
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var local = await officer.RegisterAsync(People.Registration(passport: row[7], nationality: row[8]));

        var import = await ImportAsync(app, path);

        Assert.Equal((4L, 1L, 0L), (import.Created, import.Updated, import.Missing));
        Assert.Equal(local.GetProperty("id").GetGuid(), (await app.PersonAsync(row[0]))!.Id);
    }

    [Fact]
    public async Task An_import_killed_half_way_resumes_to_the_same_state_as_an_uninterrupted_one()
    {
        using var killed = new SyncApp();
        using var whole = new SyncApp();
        var plan = new SnapshotPlan(3000, Bad: 7);
        var path = await WriteSnapshotAsync(killed, plan, seed: 13);
        var lines = File.ReadLines(path).Count();

        // Uninterrupted, in a process of its own.
        Assert.Equal(0, await StartImport(whole, path).WaitForExitAsync(TimeSpan.FromMinutes(5)));

        // Killed once a few batches are committed, then run again. Small batches: on a fast machine 30 batches of 100
        // could all be committed between two looks at the checkpoint, and the kill would find nothing left to resume.
        using (var process = StartImport(killed, path, batchSize: 5))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (await CheckpointAsync(killed) is null or <= 1 && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var interrupted = await killed.WithDbAsync(db => db.SnapshotImports.AsNoTracking().SingleAsync());
        Assert.Equal(SnapshotImportStatus.Running, interrupted.Status);
        Assert.InRange(interrupted.LastCommittedLine, 2, lines - 1);
        // A first load: killed without its search indexes (and foreign keys), which the resumed run puts back.
        Assert.NotEmpty(await MissingIndexesAsync(killed));
        Assert.Equal(0, await StartImport(killed, path).WaitForExitAsync(TimeSpan.FromMinutes(5)));
        Assert.Empty(await MissingIndexesAsync(killed));
        Assert.Empty(await MissingIndexesAsync(whole));

        var resumed = await killed.WithDbAsync(db => db.SnapshotImports.AsNoTracking().SingleAsync());
        var reference = await whole.WithDbAsync(db => db.SnapshotImports.AsNoTracking().SingleAsync());
        Assert.Equal(interrupted.Id, resumed.Id);
        Assert.Equal((3000L, 0L, 0L, 7L, SnapshotImportStatus.Completed), (resumed.Created, resumed.Updated, resumed.Missing, resumed.Rejected, resumed.Status));
        Assert.Equal((reference.Created, reference.Unchanged, reference.Rejected, reference.LastCommittedLine),
            (resumed.Created, resumed.Unchanged, resumed.Rejected, resumed.LastCommittedLine));
        Assert.Equal(await DumpAsync(whole), await DumpAsync(killed));
        Assert.Equal(7, await killed.WithDbAsync(db => db.SnapshotRejections.CountAsync()));
    }

    [Fact]
    public async Task A_file_that_is_not_a_snapshot_fails_with_its_reason_and_puts_back_what_it_set_aside()
    {
        using var app = new SyncApp();
        var schema = await IndexesAndKeysAsync(app);
        var path = NewFile("not-a-snapshot");
        await File.WriteAllTextAsync(path, "name,passport\nLei Zhou,E1234567\n");

        var error = await Assert.ThrowsAsync<SnapshotFileRefused>(() => ImportAsync(app, path));
        Assert.Contains("personId", error.Message);
        var import = await app.WithDbAsync(db => db.SnapshotImports.AsNoTracking().SingleAsync());
        Assert.Equal(SnapshotImportStatus.Failed, import.Status);
        // Kept as a code, so that the page says it in its reader's language.
        Assert.StartsWith("file: berkas snapshot tidak mempunyai kolom personId, sequence", SyncReason.Text(import.Error, TextCatalog.Indonesian));
        Assert.Equal(SyncCodes.ReasonFileColumns, SyncReason.CodeOf(import.Error)?.Code);
        Assert.Empty(await MissingIndexesAsync(app));
        Assert.Equal(schema, await IndexesAndKeysAsync(app));
    }

    [Fact]
    public async Task The_app_puts_back_what_a_first_load_set_aside_when_no_import_is_unfinished()
    {
        using var app = new SyncApp();
        await app.WithDbAsync(async db =>
        {
            await FirstLoad.SetAsideAsync(db, default);
            db.SnapshotImports.Add(new SnapshotImport
            {
                FileName = "central.csv", FilePath = "/nowhere/central.csv", FileHash = "h", StartedBy = "test", LastCommittedLine = 10,
                Status = SnapshotImportStatus.Running,
            });
            return await db.SaveChangesAsync();
        });
        var dropped = await MissingIndexesAsync(app);
        Assert.Equal(await app.WithDbAsync(db => Task.FromResult(FirstLoad.Deferrable(db).Count)), dropped.Count);

        // An unfinished import will build them when it ends: an app starting meanwhile leaves them to it.
        using (var meanwhile = new SecondInstance(app.ConnectionString))
        {
            meanwhile.CreateClient();
            Assert.Equal(dropped, await MissingIndexesAsync(meanwhile));
            await meanwhile.WithDbAsync(db => db.SnapshotImports.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, SnapshotImportStatus.Failed)));
        }
        using var next = new SecondInstance(app.ConnectionString);
        next.CreateClient();
        Assert.Empty(await MissingIndexesAsync(next));
    }

    private static Task<long?> CheckpointAsync(SyncApp app) =>
        app.WithDbAsync(db => db.SnapshotImports.AsNoTracking().Select(i => (long?)i.LastCommittedLine).FirstOrDefaultAsync());

    /// <summary><c>dotnet Pantau.Web.dll import-snapshot FILE</c> against the app's database, as an operator runs it.</summary>
    private static Process StartImport(SyncApp app, string path, int batchSize = 100)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Pantau.Web.dll"), "import-snapshot", path, "--batch-size", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     $"--Database:Provider={app.Provider}", $"--ConnectionStrings:Pantau={app.ConnectionString}", "--Logging:LogLevel:Default=Warning",
                     // The audit checkpoints of the app on this database, never another test's.
                     $"--Audit:CheckpointPath={app.CheckpointPath}",
                     $"--DataProtection:Certificate:Path={TestSecrets.Certificate}", $"--DataProtection:Certificate:Password={TestSecrets.CertificatePassword}",
                 })
            start.ArgumentList.Add(a);
        // The same environment as the in-process app: its development chain key (a production one would be refused as such).
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        // Drain the output, so a full pipe never blocks the import.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The registry as content, by central id: what both imports must agree on (ids and times differ).</summary>
    private static Task<string> DumpAsync(SyncApp app) => app.WithDbAsync(async db =>
    {
        var people = await db.CentralPeople.AsNoTracking().Join(db.Foreigners.IgnoreQueryFilters().AsNoTracking(), c => c.ForeignerId, f => f.Id,
                (c, f) => new { c.CentralId, c.LastSequence, c.RecordHash, f.FullName, f.NameKey, f.Sex, f.DateOfBirth, f.Nationality, f.Status,
                    f.VillageCode, f.Rw, f.Rt, f.Version })
            .ToListAsync();
        var documents = await db.CentralPeople.AsNoTracking().Join(db.Passports.IgnoreQueryFilters().AsNoTracking(), c => c.ForeignerId,
            p => p.ForeignerId, (c, p) => c.CentralId + "|" + p.Number + "|" + p.ExpiryDate).ToListAsync();
        documents.AddRange(await db.CentralPeople.AsNoTracking().Join(db.StayPermits.IgnoreQueryFilters().AsNoTracking(), c => c.ForeignerId,
            p => p.ForeignerId, (c, p) => c.CentralId + "|" + p.Number + "|" + p.Type + "|" + p.ExpiryDate + "|" + p.Sponsor).ToListAsync());
        var counts = await db.ResidentCounts.AsNoTracking().Select(c => c.VillageCode + "|" + c.Rw + "|" + c.Rt + "|" + c.Count).ToListAsync();
        counts.AddRange(await db.NationalityCounts.AsNoTracking().Select(c => c.DistrictCode + "|" + c.Nationality + "|" + c.Count).ToListAsync());
        var tokens = await db.NameTokens.IgnoreQueryFilters().CountAsync();
        var rejections = await db.SnapshotRejections.AsNoTracking().Select(r => r.Line + "|" + r.Reason).ToListAsync();
        var text = new StringBuilder();
        foreach (var line in people.Select(p => p.ToString()).Concat(documents).Concat(counts).Concat(rejections).Order(StringComparer.Ordinal))
            text.AppendLine(line);
        return text.Append("tokens ").Append(tokens).ToString();
    });
}

internal static class ProcessExtensions
{
    public static async Task<int> WaitForExitAsync(this Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }
}
