using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
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
    public static readonly string[] Names = ["import-snapshot", "simulate-central"];

    /// <summary>Where the simulated people live: the provinces with most foreign residents (Jakarta, Banten, West Java, Bali, Riau Islands).</summary>
    private static readonly string[] Provinces = ["31", "36", "32", "51", "21"];

    public static async Task RunAsync(string[] args, IServiceProvider sp, PantauDb db)
    {
        await PantauStartup.MigrateAsync(db);
        await sp.GetRequiredService<RegionImporter>().ImportIfEmptyAsync(db);
        if (args[0] == "import-snapshot") await ImportAsync(args, sp, db);
        else await SimulateAsync(args, sp, db);
    }

    /// <summary>The managed heap's cap during <c>import-snapshot</c>: a few batches of 10,000 rows in flight need well under it.</summary>
    public const long ImportHeapLimit = 192L << 20;

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    private static int Int(string[] args, string name, int fallback) => Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    private static double Double(string[] args, string name) => Option(args, name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : 0;

    private static async Task ImportAsync(string[] args, IServiceProvider sp, PantauDb db)
    {
        if (args.Length < 2 || !File.Exists(args[1])) throw new ArgumentException("import-snapshot FILE.csv: the file does not exist.");
        var path = Path.GetFullPath(args[1]);
        // The web app's server collector lets its heaps grow while memory is plentiful; the import streams and needs
        // far less, so the command caps the managed heap (SQLite's page cache is outside it) to keep its peak memory down.
        AppContext.SetData("GCHeapHardLimit", (ulong)ImportHeapLimit);
        GC.RefreshMemoryLimit();
        var importer = sp.GetRequiredService<SnapshotImporter>();
        var (hash, _) = await SnapshotImporter.IdentifyAsync(path, CancellationToken.None);
        if (!args.Contains("--again") && await db.SnapshotImports.AsNoTracking()
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
                }), Int(args, "--batch-size", SnapshotImporter.DefaultBatchSize));
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

    private static async Task SimulateAsync(string[] args, IServiceProvider sp, PantauDb db)
    {
        var seed = Int(args, "--seed", 2026);
        var today = Option(args, "--today") is { } t ? DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(DateTime.UtcNow);
        var villages = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && Provinces.Contains(r.Code.Substring(0, 2)))
            .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
        var simulator = new CentralSimulator(villages, today, seed);
        var kind = args.ElementAtOrDefault(1);
        var output = Option(args, "--out");
        if (kind == "snapshot")
        {
            if (output is null) throw new ArgumentException("simulate-central snapshot --rows N --out FILE.csv");
            var plan = new SnapshotPlan(Int(args, "--rows", 10_000), Int(args, "--changed", 0), Int(args, "--dropped", 0), Int(args, "--added", 0),
                Int(args, "--bad", 0));
            await using (var writer = new StreamWriter(output, false, CentralSimulator.Utf8, 1 << 16)) simulator.WriteSnapshot(writer, plan);
            AnsiConsole.MarkupLine($"Wrote {Markup.Escape(output)} ({new FileInfo(output).Length / 1048576.0:N1} MiB): {plan}; " +
                $"imported over the first {plan.Rows:N0} it reconciles as {plan.Expected}.");
            return;
        }
        if (kind != "feed") throw new ArgumentException("simulate-central snapshot|feed …");
        var feed = new FeedPlan(Int(args, "--people", 1000), Int(args, "--events", 10_000), Int(args, "--first-person", 1), args.Contains("--existing"),
            Double(args, "--disorder"), Double(args, "--poison"), Int(args, "--batch", 500));
        var batches = simulator.Feed(feed, DateTimeOffset.UtcNow);
        if (Option(args, "--url") is { } url)
        {
            var key = Option(args, "--key") ?? sp.GetRequiredService<IOptions<SyncOptions>>().Value.SharedKey
                ?? throw new ArgumentException("--key KEY (or Sync:SharedKey) signs the batches.");
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
            var (total, elapsed) = await CentralSimulator.PushAsync(http, System.Text.Encoding.UTF8.GetBytes(key), batches.ToList());
            AnsiConsole.MarkupLine($"Pushed {total.Received:N0} events in {elapsed.TotalSeconds:N2} s = [bold]{total.Received / elapsed.TotalSeconds:N0} events/s[/]: " +
                $"{total.Applied:N0} applied, {total.Duplicates:N0} duplicates, {total.Waiting:N0} waiting, {total.Parked:N0} parked, {total.Superseded:N0} superseded");
            return;
        }
        if (output is null) throw new ArgumentException("simulate-central feed … --out FILE.jsonl | --url URL");
        await using var lines = new StreamWriter(output, false, CentralSimulator.Utf8);
        var count = 0;
        foreach (var batch in batches)
        {
            await lines.WriteLineAsync(CentralSimulator.Utf8.GetString(CentralSimulator.Body(batch)));
            count += batch.Count;
        }
        AnsiConsole.MarkupLine($"Wrote {count:N0} events to {Markup.Escape(output)}, one batch (a request body) per line.");
    }
}
