using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pantau.Bench;

/// <summary>One wrk run, as read from its <c>--latency</c> output and the counts printed by bench/wrk/rotate.lua.</summary>
public sealed record WrkRun(int Connections, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Answers,
    long Failures, long Matches, long Timeouts, long AppCpuTicks)
{
    /// <summary>The app's CPU time (user + system) per answered request: the cost of a request, however busy the machine.</summary>
    public double AppCpuMsPerRequest => Requests == 0 ? 0 : AppCpuTicks * 10.0 / Requests;

    public double MatchesPerAnswer => Answers == 0 ? 0 : (double)Matches / Answers;

    public static WrkRun Parse(string text)
    {
        static Match Find(string text, string pattern) =>
            Regex.Match(text, pattern, RegexOptions.Multiline) is { Success: true } m ? m : throw new FormatException($"wrk output lacks /{pattern}/");
        var pantau = Find(text, @"^pantau: answers=(\d+) failures=(\d+) matches=(\d+)");
        var timeouts = Regex.Match(text, @"Socket errors:.*timeout (\d+)") is { Success: true } t ? long.Parse(t.Groups[1].Value) : 0;
        return new WrkRun(
            int.Parse(Find(text, @"threads and (\d+) connections").Groups[1].Value),
            double.Parse(Find(text, @"^Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture),
            Duration(Find(text, @"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$")),
            Duration(Find(text, @"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$")),
            long.Parse(Find(text, @"^\s+(\d+) requests in").Groups[1].Value),
            long.Parse(pantau.Groups[1].Value), long.Parse(pantau.Groups[2].Value), long.Parse(pantau.Groups[3].Value), timeouts,
            Regex.Match(text, @"^app-cpu-ticks: (\d+)", RegexOptions.Multiline) is { Success: true } c ? long.Parse(c.Groups[1].Value) : 0);
    }

    private static double Duration(Match m) => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * m.Groups[2].Value switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        _ => 60_000,
    };
}

/// <summary>
/// Writes the results section of docs/benchmarks.md (between the markers; the hand-written rest of the file stays)
/// from bench/.data/results/&lt;size&gt;/wrk-&lt;endpoint&gt;.txt and machine.txt.
/// </summary>
public static class Report
{
    public const string Begin = "<!-- results:begin (written by bench/run.sh; edit outside these markers) -->";
    public const string End = "<!-- results:end -->";

    private static readonly (string Key, string Label)[] Endpoints =
    [
        ("ping", "`GET /api/ping`, anonymous (the bare endpoint)"),
        ("ping-auth", "`GET /api/ping`, signed in"),
        ("passport", "search by passport number"),
        ("name", "search by full name"),
    ];

    public static int Write(Options o)
    {
        var dir = o["results"];
        var runs = Directory.GetDirectories(dir)
            .Select(d => (Size: int.TryParse(Path.GetFileName(d), out var n) ? n : -1, Dir: d))
            .Where(x => x.Size > 0).OrderBy(x => x.Size)
            .Select(x => (x.Size, Runs: Endpoints.Where(e => File.Exists(Path.Combine(x.Dir, $"wrk-{e.Key}.txt")))
                .ToDictionary(e => e.Key, e => WrkRun.Parse(File.ReadAllText(Path.Combine(x.Dir, $"wrk-{e.Key}.txt"))))))
            .ToList();
        var machine = File.Exists(Path.Combine(dir, "machine.txt")) ? File.ReadAllLines(Path.Combine(dir, "machine.txt")) : [];

        var section = Render(runs, machine);
        var file = o["out"];
        var existing = File.Exists(file) ? File.ReadAllText(file) : "";
        var start = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        var text = start >= 0 && end > start
            ? existing[..start] + section.TrimEnd('\n') + existing[(end + End.Length)..]
            : "# Benchmarks\n\n" + section + "\n" + existing;
        File.WriteAllText(file, text);
        Console.WriteLine(section);
        return 0;
    }

    private static string Render(List<(int Size, Dictionary<string, WrkRun> Runs)> sizes, string[] machine)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(Begin);
        sb.AppendLine("## Registry search: results");
        sb.AppendLine();
        foreach (var line in machine.Where(l => l.Length > 0)) sb.AppendLine($"- {line}");
        sb.AppendLine();
        sb.AppendLine("| foreigners | endpoint | connections | req/s | p50 | p99 | ratio to ping | app CPU per request | people per answer | errors |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (size, runs) in sizes)
        {
            var ping = runs.GetValueOrDefault("ping");
            foreach (var (key, label) in Endpoints)
            {
                if (!runs.TryGetValue(key, out var r)) continue;
                var ratio = ping is null ? "" : Percent(r.RequestsPerSecond / ping.RequestsPerSecond);
                var people = key.StartsWith("ping", StringComparison.Ordinal) ? "" : r.MatchesPerAnswer.ToString("N1", inv);
                var errors = r.Failures + r.Timeouts == 0 ? "0" : $"{r.Failures} failed, {r.Timeouts} timed out";
                var (rps, p50, p99) = r.Answers == 0 ? ("0", "—", "—") : (Rate(r.RequestsPerSecond), Ms(r.P50Ms), Ms(r.P99Ms));
                sb.AppendLine(inv, $"| {size:N0} | {label} | {r.Connections} | {rps} | {p50} | {p99} | {ratio} | {Ms(r.AppCpuMsPerRequest)} | {people} | {errors} |");
            }
        }
        sb.AppendLine();
        sb.AppendLine("Targets (passport lookup):");
        sb.AppendLine();
        foreach (var (size, runs) in sizes)
            if (runs.TryGetValue("passport", out var p) && runs.TryGetValue("ping", out var ping))
            {
                var share = p.RequestsPerSecond / ping.RequestsPerSecond;
                sb.AppendLine(inv, $"- {Mark(share >= 0.5)} at {size:N0}: {Percent(share)} of the bare endpoint's throughput (target ≥ 50 %)");
            }
        if (sizes.Count >= 2 && sizes[0].Runs.TryGetValue("passport", out var small) && sizes[^1].Runs.TryGetValue("passport", out var large))
        {
            var slower = small.RequestsPerSecond / large.RequestsPerSecond;
            var p99 = large.P99Ms / small.P99Ms;
            var note = small.Connections == large.Connections ? "" : $"; the p99s are of runs with {small.Connections} and {large.Connections} connections";
            sb.AppendLine(inv, $"- {Mark(slower <= 1.5 && p99 <= 1.5)} at {sizes[^1].Size:N0} against {sizes[0].Size:N0}: " +
                $"{slower:0.##}× lower throughput, {p99:0.##}× the p99 (target ≤ 1.5×){note}");
        }
        sb.AppendLine(End);
        return sb.ToString();
    }

    private static string Rate(double perSecond) =>
        perSecond.ToString(perSecond < 10 ? "0.00" : "N0", CultureInfo.InvariantCulture);

    private static string Mark(bool met) => met ? "✅ met" : "❌ missed";

    private static string Percent(double share) =>
        share.ToString(share < 0.001 ? "0.000 %" : share < 0.1 ? "0.0 %" : "0 %", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms switch
    {
        >= 1000 => (ms / 1000).ToString("0.00 's'", CultureInfo.InvariantCulture),
        >= 10 => ms.ToString("0 'ms'", CultureInfo.InvariantCulture),
        >= 0.1 => ms.ToString("0.00 'ms'", CultureInfo.InvariantCulture),
        _ => ms.ToString("0.000 'ms'", CultureInfo.InvariantCulture),
    };
}
