using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Pantau.Bench;

/// <summary>
/// Event latency (issue 5): CONNECTIONS console streams (<c>GET /api/events</c> as Kanim Jakarta Selatan's officer)
/// spread over the given instances, then REPORTS verified reports submitted one after another at a fixed pace to one
/// instance (as the trusted RT head of Setia Budi, so each enters that office's queue at once). For every report and
/// every stream: the time from the submission's HTTP response, and from its request, to the event's arrival.
/// </summary>
public static class EventLatency
{
    private const string Officer = "petugas.jaksel@pantau.test";
    private const string Reporter = "rt.setiabudi@pantau.test";
    private const string Password = "Demo#2026";
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<int> RunAsync(Options o)
    {
        var streamUrls = o["streams"].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var submitUrl = o["submit"];
        var connections = int.Parse(o.Get("connections", "500"), CultureInfo.InvariantCulture);
        var reports = int.Parse(o.Get("reports", "200"), CultureInfo.InvariantCulture);
        var interval = TimeSpan.FromMilliseconds(int.Parse(o.Get("interval-ms", "100"), CultureInfo.InvariantCulture));
        var label = o.Get("label", "");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = Timeout.InfiniteTimeSpan };
        var officerTokens = new Dictionary<string, string>();
        foreach (var url in streamUrls.Distinct()) officerTokens[url] = await LoginAsync(http, url, Officer);
        var reporterToken = await LoginAsync(http, submitUrl, Reporter);

        // Streams: opened in groups, all "ready" before the first report.
        using var stop = new CancellationTokenSource();
        var arrivals = new Dictionary<string, long>[connections];
        var received = new int[connections];
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = new List<Task>(connections);
        for (var i = 0; i < connections; i++)
        {
            var n = i;
            var url = streamUrls[n % streamUrls.Length];
            arrivals[n] = new Dictionary<string, long>(reports);
            readers.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url + "/api/events");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", officerTokens[url]);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
                try
                {
                    await foreach (var item in SseParser.Create(body).EnumerateAsync(stop.Token))
                    {
                        var at = Stopwatch.GetTimestamp();
                        if (item.EventType == "ready")
                        {
                            if (Interlocked.Increment(ref ready) == connections) allReady.TrySetResult();
                        }
                        else if (item.EventType == "report")
                        {
                            received[n]++;
                            if (Ticket(item.Data) is { } ticket) arrivals[n].TryAdd(ticket, at);
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            }));
            if (i % 50 == 49) await Task.Delay(50);
        }
        if (await Task.WhenAny(allReady.Task, Task.Delay(TimeSpan.FromSeconds(60)), Task.WhenAny(readers)) != allReady.Task)
            throw new InvalidOperationException($"Only {ready} of {connections} streams were ready ({readers.FirstOrDefault(r => r.IsFaulted)?.Exception?.GetBaseException().Message})");
        Console.WriteLine($"   {connections} streams ready on {string.Join(", ", streamUrls)}; submitting {reports} reports to {submitUrl}, one per {interval.TotalMilliseconds} ms");

        // Submissions at a fixed pace (one at a time: each one's own latency is what is measured).
        var submitted = new List<(string Ticket, long Sent, long Answered)>(reports);
        var failed = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < reports; i++)
        {
            var due = Stopwatch.GetElapsedTime(start, Stopwatch.GetTimestamp()) - interval * i;
            if (due < TimeSpan.Zero) await Task.Delay(-due);
            using var request = new HttpRequestMessage(HttpMethod.Post, submitUrl + "/api/public/reports")
            {
                Content = JsonContent.Create(new
                {
                    category = "Overstay", villageCode = "31.74.02.1001", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-10),
                    description = $"Laporan uji latensi {i}: warga asing tinggal melebihi izin.",
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", reporterToken);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var answered = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode || Ticket(text) is not { } ticket)
            {
                failed++;
                if (failed <= 3) Console.WriteLine($"   submission {i}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                continue;
            }
            submitted.Add((ticket, sent, answered));
        }

        // Until every stream has every event, or 10 s without any arriving.
        var last = -1L;
        for (var quiet = 0; quiet < 100; quiet++)
        {
            var total = received.Sum();
            if (received.All(c => c >= submitted.Count)) break;
            if (total != last) quiet = 0;
            last = total;
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));

        var fromResponse = new List<double>(submitted.Count * connections);
        var fromRequest = new List<double>(submitted.Count * connections);
        var perInstance = streamUrls.Select(_ => new List<double>()).ToArray();
        foreach (var (ticket, sent, answered) in submitted)
            for (var n = 0; n < connections; n++)
                if (arrivals[n].TryGetValue(ticket, out var at))
                {
                    var ms = Stopwatch.GetElapsedTime(answered, at).TotalMilliseconds; // negative: the event left before the response did
                    fromResponse.Add(ms);
                    perInstance[n % streamUrls.Length].Add(ms);
                    fromRequest.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                }
        var submitMs = submitted.Select(s => Stopwatch.GetElapsedTime(s.Sent, s.Answered).TotalMilliseconds).ToList();

        var result = new EventRun(label, streamUrls.Length, connections, reports, submitted.Count, failed, (long)submitted.Count * connections,
            fromResponse.Count, Summary.Of(fromResponse), Summary.Of(fromRequest), Summary.Of(submitMs), interval.TotalMilliseconds,
            perInstance.Select(Summary.Of).ToList());
        var json = JsonSerializer.Serialize(result, Json);
        Console.WriteLine(json);
        if (o.Get("out", "") is { Length: > 0 } file) await File.WriteAllTextAsync(file, json);
        return 0;
    }

    private static async Task<string> LoginAsync(HttpClient http, string url, string email)
    {
        using var response = await http.PostAsJsonAsync(url + "/api/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The report's ticket, found without parsing the whole event: 500 streams parse every event on this machine's two cores.</summary>
    private static string? Ticket(string json)
    {
        const string key = "\"ticket\":\"";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return null;
        var end = json.IndexOf('"', at + key.Length);
        return end < 0 ? null : json[(at + key.Length)..end];
    }

    /// <summary>Writes the event latency section of docs/benchmarks.md (between its markers) from the runs' JSON files.</summary>
    public static int Report(Options o)
    {
        const string begin = "<!-- event-latency:begin -->", end = "<!-- event-latency:end -->";
        var runs = Directory.GetFiles(o["results"], "events-*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<EventRun>(File.ReadAllText(f), Json)!).ToList();
        var machine = o.Get("machine", "") is { Length: > 0 } m && File.Exists(m) ? File.ReadAllLines(m) : [];
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(begin);
        foreach (var line in machine) sb.AppendLine(line + "  ");
        sb.AppendLine();
        sb.AppendLine("| run | streams | reports | events received / expected | from response p50 | p99 | max | from request p50 | p99 | max | submission p50 | p99 |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
            sb.AppendLine(string.Create(inv,
                $"| {r.Label} | {r.Connections} | {r.Submitted}{(r.Failed > 0 ? $" ({r.Failed} failed)" : "")} | {r.Received:N0} / {r.Expected:N0} | " +
                $"{r.FromResponse.P50:0.0} ms | **{r.FromResponse.P99:0.0} ms** | {r.FromResponse.Max:0.0} ms | {r.FromRequest.P50:0.0} ms | {r.FromRequest.P99:0.0} ms | {r.FromRequest.Max:0.0} ms | " +
                $"{r.Submission.P50:0.0} ms | {r.Submission.P99:0.0} ms |"));
        foreach (var r in runs.Where(r => r.FromResponseByInstance is { Count: > 1 }))
        {
            sb.AppendLine();
            sb.AppendLine($"{r.Label}, from response, by the instance the stream was on:  ");
            for (var i = 0; i < r.FromResponseByInstance!.Count; i++)
            {
                var x = r.FromResponseByInstance[i];
                sb.AppendLine(string.Create(inv, $"- instance {(char)('A' + i)}{(i == 0 ? " (received the reports; its streams get the event in-process)" : " (gets the event through NOTIFY)")}: p50 {x.P50:0.0} ms, p99 {x.P99:0.0} ms, max {x.Max:0.0} ms"));
            }
        }
        sb.Append(end);
        var file = o["out"];
        var existing = File.ReadAllText(file);
        var s = existing.IndexOf(begin, StringComparison.Ordinal);
        var e = existing.IndexOf(end, StringComparison.Ordinal);
        if (s < 0 || e < s) throw new InvalidOperationException($"{file} has no {begin} … {end} markers");
        File.WriteAllText(file, existing[..s] + sb + existing[(e + end.Length)..]);
        Console.WriteLine(sb);
        return 0;
    }
}

public sealed record Summary(double P50, double P99, double Max)
{
    public static Summary Of(List<double> values)
    {
        if (values.Count == 0) return new Summary(double.NaN, double.NaN, double.NaN);
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Summary(At(0.50), At(0.99), sorted[^1]);
    }
}

public sealed record EventRun(string Label, int Instances, int Connections, int Reports, int Submitted, int Failed, long Expected, long Received,
    Summary FromResponse, Summary FromRequest, Summary Submission, double IntervalMs, List<Summary>? FromResponseByInstance = null);
