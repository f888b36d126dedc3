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

    private const string Bare = "`GET /api/ping`, anonymous (the bare endpoint)";

    private static readonly (string Key, string Label)[] Endpoints =
    [
        ("ping", Bare),
        ("ping-auth", "`GET /api/ping`, signed in"),
        ("passport", "search by passport number"),
        ("name", "search by full name"),
        ("fieldcheck", "`POST /api/field-checks` by passport number, in and out of the jurisdiction"),
        ("count-district", "`GET /api/stats/count`, a kecamatan"),
        ("count-village", "`GET /api/stats/count`, a kelurahan"),
        ("count-rt", "`GET /api/stats/count`, an RT (kelurahan + RW + RT)"),
        ("report", "`POST /api/public/reports`, verified, without a photo"),
        ("report-photo", "`POST /api/public/reports`, verified, with a photo (a 70-byte PNG)"),
    ];

    /// <summary>A table per issue; each repeats the bare endpoint of the same run, the yardstick of its ratios.</summary>
    private static readonly (string Title, string PerAnswer, string[] Keys)[] Sections =
    [
        ("Registry search (issue 2)", "people per answer", ["ping", "ping-auth", "passport", "name"]),
        ("Field checks and counts (issue 3)", "found / count per answer", ["ping", "ping-auth", "fieldcheck", "count-district", "count-village", "count-rt"]),
        ("Report submissions (issue 4)", "verified per answer", ["ping", "report", "report-photo"]),
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
        sb.AppendLine("## Results");
        sb.AppendLine();
        foreach (var line in machine.Where(l => l.Length > 0)) sb.AppendLine($"- {line}");
        foreach (var (title, perAnswer, keys) in Sections)
        {
            var rows = sizes.Where(x => keys.Any(k => k != "ping" && x.Runs.ContainsKey(k))).ToList();
            if (rows.Count == 0) continue;
            sb.AppendLine();
            sb.AppendLine($"### {title}");
            sb.AppendLine();
            sb.AppendLine($"| foreigners | endpoint | connections | req/s | p50 | p99 | ratio to ping | app CPU per request | {perAnswer} | errors |");
            sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (size, runs) in rows)
            {
                var ping = runs.GetValueOrDefault("ping");
                foreach (var key in keys)
                {
                    if (!runs.TryGetValue(key, out var r)) continue;
                    var label = Endpoints.Single(e => e.Key == key).Label;
                    var ratio = ping is null ? "" : Percent(r.RequestsPerSecond / ping.RequestsPerSecond);
                    var people = key.StartsWith("ping", StringComparison.Ordinal) ? "" : r.MatchesPerAnswer.ToString("N1", inv);
                    var errors = r.Failures + r.Timeouts == 0 ? "0" : $"{r.Failures} failed, {r.Timeouts} timed out";
                    var (rps, p50, p99) = r.Answers == 0 ? ("0", "—", "—") : (Rate(r.RequestsPerSecond), Ms(r.P50Ms), Ms(r.P99Ms));
                    sb.AppendLine(inv, $"| {size:N0} | {label} | {r.Connections} | {rps} | {p50} | {p99} | {ratio} | {Ms(r.AppCpuMsPerRequest)} | {people} | {errors} |");
                }
            }
            sb.AppendLine();
            sb.AppendLine("Targets:");
            sb.AppendLine();
            foreach (var target in Targets(title, sizes)) sb.AppendLine($"- {target}");
        }
        sb.AppendLine(End);
        return sb.ToString();
    }

    private static IEnumerable<string> Targets(string section, List<(int Size, Dictionary<string, WrkRun> Runs)> sizes)
    {
        var inv = CultureInfo.InvariantCulture;
        IEnumerable<string> Share(string key, string what, double target) =>
            sizes.Where(x => x.Runs.ContainsKey(key) && x.Runs.ContainsKey("ping")).Select(x =>
            {
                var share = x.Runs[key].RequestsPerSecond / x.Runs["ping"].RequestsPerSecond;
                return string.Create(inv, $"{Mark(share >= target)} {what} at {x.Size:N0}: {Percent(share)} of the bare endpoint's throughput (target ≥ {target:0 %})");
            });
        IEnumerable<string> Scaling(string key, string what)
        {
            var with = sizes.Where(x => x.Runs.ContainsKey(key)).ToList();
            if (with.Count < 2) yield break;
            var (small, large) = (with[0].Runs[key], with[^1].Runs[key]);
            var slower = small.RequestsPerSecond / large.RequestsPerSecond;
            var p99 = large.P99Ms / small.P99Ms;
            var note = small.Connections == large.Connections ? "" : $"; the p99s are of runs with {small.Connections} and {large.Connections} connections";
            yield return string.Create(inv, $"{Mark(slower <= 1.5 && p99 <= 1.5)} {what} at {with[^1].Size:N0} against {with[0].Size:N0}: " +
                $"{slower:0.##}× lower throughput, {p99:0.##}× the p99 (target ≤ 1.5×){note}");
        }
        switch (section)
        {
            case var s when s.StartsWith("Registry", StringComparison.Ordinal):
                foreach (var t in Share("passport", "passport lookup", 0.5)) yield return t;
                foreach (var t in Scaling("passport", "passport lookup")) yield return t;
                break;
            case var s when s.StartsWith("Field", StringComparison.Ordinal):
                foreach (var t in Share("fieldcheck", "field check", 0.5)) yield return t;
                foreach (var level in new[] { "district", "village", "rt" })
                {
                    foreach (var t in Scaling($"count-{level}", $"{level} count")) yield return t;
                    foreach (var (size, runs) in sizes.Where(x => x.Runs.ContainsKey($"count-{level}")))
                    {
                        var r = runs[$"count-{level}"];
                        yield return string.Create(inv, $"{Mark(r.P99Ms < 5)} {level} count p99 at {size:N0}: {Ms(r.P99Ms)} with {r.Connections} connections (target < 5 ms)");
                    }
                }
                break;
            default:
                foreach (var (size, runs) in sizes.Where(x => x.Runs.ContainsKey("report")))
                {
                    var r = runs["report"];
                    yield return string.Create(inv, $"{Mark(r.RequestsPerSecond >= 1000)} submissions without a photo at {size:N0}: {Rate(r.RequestsPerSecond)}/s (target ≥ 1,000/s)");
                }
                foreach (var t in Share("report", "submissions without a photo", 0.4)) yield return t;
                break;
        }
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
