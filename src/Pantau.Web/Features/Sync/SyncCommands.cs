using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Spectre.Console;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// <c>import-snapshot FILE [--batch-size N] [--again]</c>: imports (or resumes) a central snapshot with a progress bar.
/// <c>simulate-central snapshot --rows N [--changed K] [--dropped D] [--added A] [--bad B] --out FILE</c> and
/// <c>simulate-central feed --people N --events M [--existing] [--first-person K] [--disorder P] [--poison P] [--batch B]
/// (--out FILE.jsonl | --url URL [--key KEY])</c>: the central database's snapshots and signed feed, for demos, tests and
/// benchmarks (<c>--seed</c>, <c>--today</c> make them repeatable).
/// </summary>
public static class SyncCommands
{
    /// <summary>Where the simulated people live: the provinces with most foreign residents (Jakarta, Banten, West Java, Bali, Riau Islands).</summary>
    private static readonly string[] Provinces = ["31", "36", "32", "51", "21"];

    /// <summary>The managed heap's cap during <c>import-snapshot</c>: a few batches of 10,000 rows in flight need well under it.</summary>
    public const long ImportHeapLimit = 192L << 20;

    public static IEnumerable<Command> Create(CommandRunner run)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The snapshot (CSV) to import." };
        file.AcceptExistingOnly();
        var batchSize = CommandOptions.Count("--batch-size", "Rows per committed batch.", SnapshotImporter.DefaultBatchSize, minimum: 1);
        var again = new Option<bool>("--again") { Description = "Imports a file that was imported already once more." };
        var import = new Command("import-snapshot", "Imports (or resumes) a central snapshot, with a progress bar.") { file, batchSize, again };
        import.SetAction(parsed => run(parsed, sp => StartAsync(sp, db =>
            ImportAsync(sp, db, parsed.GetRequiredValue(file), parsed.GetValue(batchSize), parsed.GetValue(again)))));
        yield return import;

        var seed = CommandOptions.Count("--seed", "The random seed (the same seed, the same output).", 2026);
        var today = new Option<DateOnly?>("--today")
        {
            Description = "The day the data is as of (yyyy-MM-dd); today by default.",
            CustomParser = r =>
            {
                if (DateOnly.TryParseExact(r.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
                r.AddError("--today: a date as yyyy-MM-dd.");
                return null;
            },
        };
        var snapshotOut = new Option<string>("--out") { Description = "The CSV file to write.", Required = true };
        var rows = CommandOptions.Count("--rows", "People in the snapshot.", 10_000);
        var changed = CommandOptions.Count("--changed", "Of them, changed since the first snapshot.", 0);
        var dropped = CommandOptions.Count("--dropped", "Left out (missing from the snapshot).", 0);
        var added = CommandOptions.Count("--added", "New people.", 0);
        var bad = CommandOptions.Count("--bad", "Rows the import must reject.", 0);
        var snapshot = new Command("snapshot", "Writes a central snapshot (CSV).") { rows, changed, dropped, added, bad, snapshotOut, seed, today };
        snapshot.SetAction(parsed => run(parsed, sp => StartAsync(sp, db => SimulateSnapshotAsync(db, Simulator(parsed, seed, today),
            new SnapshotPlan(parsed.GetValue(rows), parsed.GetValue(changed), parsed.GetValue(dropped), parsed.GetValue(added), parsed.GetValue(bad)),
            parsed.GetRequiredValue(snapshotOut)))));

        var people = CommandOptions.Count("--people", "People the events are about.", 1000);
        var events = CommandOptions.Count("--events", "Events in the feed.", 10_000);
        var firstPerson = CommandOptions.Count("--first-person", "The first person's number.", 1);
        var existing = new Option<bool>("--existing") { Description = "The people exist already (no full record first)." };
        var disorder = CommandOptions.Share("--disorder", "Share of events sent out of order.");
        var poison = CommandOptions.Share("--poison", "Share of bad events.");
        var batch = CommandOptions.Count("--batch", "Events per batch (a request body).", 500, minimum: 1);
        var feedOut = new Option<string>("--out") { Description = "The file to write, one batch per line (JSON lines)." };
        var url = new Option<Uri>("--url") { Description = "The app to push the batches to, e.g. http://localhost:5080." };
        var key = new Option<string>("--key") { Description = "The shared key that signs the batches (default: Sync:SharedKey)." };
        var feed = new Command("feed", "Writes or pushes the central database's signed change feed.")
            { people, events, firstPerson, existing, disorder, poison, batch, feedOut, url, key, seed, today };
        feed.Validators.Add(r =>
        {
            if ((r.GetResult(feedOut) is null) == (r.GetResult(url) is null)) r.AddError("feed: either --out FILE.jsonl or --url URL.");
        });
        feed.SetAction(parsed => run(parsed, sp => StartAsync(sp, db => SimulateFeedAsync(sp, Simulator(parsed, seed, today),
            new FeedPlan(parsed.GetValue(people), parsed.GetValue(events), parsed.GetValue(firstPerson), parsed.GetValue(existing),
                parsed.GetValue(disorder), parsed.GetValue(poison), parsed.GetValue(batch)),
            parsed.GetValue(feedOut), parsed.GetValue(url), parsed.GetValue(key)))));

        yield return new Command("simulate-central", "The central database's snapshots and signed feed, for demos, tests and benchmarks.") { snapshot, feed };
    }

    /// <summary>Every sync command works on a migrated database with its regions (the simulator's villages).</summary>
    private static async Task<int> StartAsync(IServiceProvider sp, Func<PantauDb, Task> work)
    {
        var db = sp.GetRequiredService<PantauDb>();
        await PantauDatabase.MigrateAsync(db);
        await sp.GetRequiredService<RegionImporter>().ImportIfEmptyAsync(db);
        await work(db);
        return 0;
    }

    private static Func<PantauDb, Task<CentralSimulator>> Simulator(ParseResult parsed, Option<int> seed, Option<DateOnly?> today) => async db =>
    {
        var villages = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && Provinces.Contains(r.Code.Substring(0, 2)))
            .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
        return new CentralSimulator(villages, parsed.GetValue(today) ?? DateOnly.FromDateTime(DateTime.UtcNow), parsed.GetValue(seed));
    };

    private static async Task ImportAsync(IServiceProvider sp, PantauDb db, FileInfo file, int batchSize, bool again)
    {
        var path = file.FullName;
        // The web app's server collector lets its heaps grow while memory is plentiful; the import streams and needs
        // far less, so the command caps the managed heap (SQLite's page cache is outside it) to keep its peak memory down.
        AppContext.SetData("GCHeapHardLimit", (ulong)ImportHeapLimit);
        GC.RefreshMemoryLimit();
        var importer = sp.GetRequiredService<SnapshotImporter>();
        var (hash, _) = await SnapshotImporter.IdentifyAsync(path, CancellationToken.None);
        if (!again && await db.SnapshotImports.AsNoTracking()
                .Where(i => i.FileHash == hash && i.Status == SnapshotImportStatus.Completed).OrderByDescending(i => i.StartedAt)
                .FirstOrDefaultAsync() is { } done)
        {
            AnsiConsole.MarkupLine($"This file was imported on {done.StartedAt:u}; [bold]--again[/] imports it again.");
            Report(done);
            return;
        }
        var import = await importer.BeginAsync(path, Path.GetFileName(path), $"command line ({Environment.UserName}@{Environment.MachineName})",
            CancellationToken.None);
        if (import.LastCommittedLine > 1) AnsiConsole.MarkupLine($"Resuming after line {import.LastCommittedLine:N0}.");
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Importing {Markup.Escape(import.FileName)}", maxValue: Math.Max(1, import.FileSize));
                await importer.RunAsync(import, new Progress<SnapshotProgress>(p =>
                {
                    task.Value = p.BytesRead;
                    task.Description = p.ToRebuild > 0 ? $"building the search indexes and key checks: {p.Rebuilt} of {p.ToRebuild} done"
                        : $"line {p.Line:N0}: {p.Created:N0} created, {p.Updated:N0} updated, {p.Unchanged:N0} unchanged, {p.Rejected:N0} rejected";
                }), batchSize);
                task.Value = task.MaxValue;
            });
        Report(import);
    }

    private static void Report(SnapshotImport i)
    {
        var table = new Table().AddColumns("reconciliation", "people");
        table.AddRow("created", i.Created.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("updated", i.Updated.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("unchanged", i.Unchanged.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("missing from the snapshot", i.Missing.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("rejected rows", i.Rejected.ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Import {i.Id}: {i.Status}{(i.FinishedAt is { } f ? $" in {(f - i.StartedAt).TotalSeconds:N1} s" : "")}. " +
            "Rejected rows: GET /api/sync/snapshots/{id}/rejections or the page /sync.".Replace("{id}", i.Id.ToString()));
    }

    private static async Task SimulateSnapshotAsync(PantauDb db, Func<PantauDb, Task<CentralSimulator>> simulator, SnapshotPlan plan, string output)
    {
        var central = await simulator(db);
        await using (var writer = new StreamWriter(output, false, CentralSimulator.Utf8, 1 << 16)) central.WriteSnapshot(writer, plan);
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(output)} ({new FileInfo(output).Length / 1048576.0:N1} MiB): {plan}; " +
            $"imported over the first {plan.Rows:N0} it reconciles as {plan.Expected}.");
    }

    private static async Task SimulateFeedAsync(IServiceProvider sp, Func<PantauDb, Task<CentralSimulator>> simulator, FeedPlan feed,
        string? output, Uri? url, string? key)
    {
        var batches = (await simulator(sp.GetRequiredService<PantauDb>())).Feed(feed, DateTimeOffset.UtcNow);
        if (url is not null)
        {
            key ??= sp.GetRequiredService<IOptions<SyncOptions>>().Value.SharedKey
                ?? throw new ArgumentException("--key KEY (or Sync:SharedKey) signs the batches.");
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
            var (total, elapsed) = await CentralSimulator.PushAsync(http, System.Text.Encoding.UTF8.GetBytes(key), batches.ToList());
            AnsiConsole.MarkupLine($"Pushed {total.Received:N0} events in {elapsed.TotalSeconds:N2} s = [bold]{total.Received / elapsed.TotalSeconds:N0} events/s[/]: " +
                $"{total.Applied:N0} applied, {total.Duplicates:N0} duplicates, {total.Waiting:N0} waiting, {total.Parked:N0} parked, {total.Superseded:N0} superseded");
            return;
        }
        await using var lines = new StreamWriter(output!, false, CentralSimulator.Utf8);
        var count = 0;
        foreach (var batch in batches)
        {
            await lines.WriteLineAsync(CentralSimulator.Utf8.GetString(CentralSimulator.Body(batch)));
            count += batch.Count;
        }
        AnsiConsole.MarkupLine($"Wrote {count:N0} events to {Markup.Escape(output!)}, one batch (a request body) per line.");
    }
}
