using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Reports;
using Pantau.Web.Data;

namespace Pantau.Tests.Production;

/// <summary>
/// The production layout, run: nginx with deploy/nginx/pantau.conf (TLS, the upstream of instances, the live streams
/// unbuffered) in front of three app processes on one PostgreSQL database, each told that nginx is its proxy. On
/// SQLite an agency runs one instance: the same facts where they mean something with one.
/// </summary>
public sealed partial class ThroughTheProxyTests(ThroughTheProxyTests.Site site) : IClassFixture<ThroughTheProxyTests.Site>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Staff_sign_in_through_nginx_and_their_requests_are_served_by_every_instance()
    {
        var officer = await site.SignInAsync(site.Proxy.Client(), "petugas.tangerang@pantau.test");
        var probe = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3 * site.Instances.Length; i++)
        {
            var me = await officer.GetAsync($"/api/auth/me?probe={probe}");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the token one instance issued is good on all
        }
        // Each process logs the requests it served (Hosting diagnostics): no instance name is added to the answers.
        var serving = site.Instances.Count(i => i.Output.Contains(probe, StringComparison.Ordinal));
        Assert.Equal(site.Instances.Length, serving);
        // Plain HTTP is sent to HTTPS.
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.Proxy.Http };
        var redirect = await plain.GetAsync("/api/ping");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location!.Scheme);
    }

    [Fact]
    public async Task A_report_submitted_through_nginx_reaches_a_console_streaming_through_nginx()
    {
        using var cts = new CancellationTokenSource(HangGuard);
        var officer = await site.SignInAsync(site.Proxy.Client(), "petugas.jaksel@pantau.test");
        await using var queue = await AppProcess.OpenStreamAsync(officer, "/api/events", cts.Token);
        var ticket = await site.RaiseAsync(site.Proxy.Client(), "Laporan lewat nginx");
        var report = await AppProcess.NextAsync(queue, "report", r => r.GetProperty("ticket").GetString() == ticket);
        Assert.Equal("Verified", report.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_audit_trail_and_the_limits_see_the_clients_address_not_nginxs()
    {
        var officer = await site.SignInAsync(site.Proxy.Client("127.0.0.7"), "petugas.tangerang@pantau.test");
        var registered = await officer.PostAsJsonAsync("/api/foreigners", People.Registration(People.TangerangVillage));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, $"{(int)registered.StatusCode}\n{string.Join("\n", site.Instances.Select(i => i.Output))}");
        var person = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var admin = await site.SignInAsync(site.Proxy.Client(), "admin@pantau.test");
        var entries = await admin.GetJsonAsync($"/api/audit?record={person.GetProperty("id").GetString()}");
        Assert.Equal("127.0.0.7", entries.GetProperty("items")[0].GetProperty("clientAddress").GetString());

        // Place look-ups: 4 a minute per client address (per instance), so at most 4 per instance before a 429.
        var limited = site.Proxy.Client("127.0.0.8");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= 4 * site.Instances.Length && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add((await limited.GetAsync("/api/places/?q=setia")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Another client behind the same nginx has its own allowance, on every instance.
        var other = site.Proxy.Client("127.0.0.9");
        for (var i = 0; i < site.Instances.Length; i++)
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/places/?q=setia")).StatusCode);
    }

    [Fact]
    public async Task An_instance_killed_mid_burst_loses_no_acknowledged_report_and_rejoins_the_live_events_when_restarted()
    {
        var victim = site.Instances.Length - 1;
        var acknowledged = new ConcurrentBag<string>();
        var afterKill = new ConcurrentBag<string>();
        var killAt = 40;
        var killed = 0;
        using var stop = new CancellationTokenSource(HangGuard);
        var http = site.Proxy.Client();
        var senders = Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; !stop.IsCancellationRequested && afterKill.Count < 30; i++)
            {
                try
                {
                    using var form = Reporting.Form(description: $"Laporan beruntun lewat nginx {worker}-{i}", lat: null, lon: null);
                    using var response = await Reporting.SubmitAsync(http, form, key: $"nginx-burst-{worker}-{i}-{Guid.NewGuid():N}");
                    if (response.StatusCode != HttpStatusCode.Created) continue; // a 502 for one in flight on the killed instance
                    var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
                    acknowledged.Add(ticket);
                    if (Volatile.Read(ref killed) == 1) afterKill.Add(ticket);
                    if (acknowledged.Count >= killAt && Interlocked.Exchange(ref killed, 1) == 0) site.Instances[victim].Kill();
                    if (site.Instances.Length == 1 && Volatile.Read(ref killed) == 1) return; // nobody left to serve
                }
                catch (HttpRequestException) when (site.Instances.Length == 1) { return; }
            }
        }).ToList();
        await Task.WhenAll(senders);
        Assert.Equal(1, killed);
        if (site.Instances.Length > 1)
            Assert.True(afterKill.Count >= 30, $"after the kill the others acknowledged only {afterKill.Count} reports");

        var stored = (await site.Database.WithDbAsync(db => db.Reports.IgnoreQueryFilters().Select(r => r.Ticket).ToListAsync())).ToHashSet();
        Assert.DoesNotContain(acknowledged, t => !stored.Contains(t));

        await site.RestartAsync(victim);
        using var cts = new CancellationTokenSource(HangGuard);
        var watcher = site.Instances[0];
        var officer = await watcher.LoginAsync("petugas.jaksel@pantau.test");
        await using var queue = await AppProcess.OpenStreamAsync(officer, "/api/events", cts.Token);
        var restarted = site.Instances[victim];
        var ticketThroughRestarted = await site.RaiseAsync(new HttpClient { BaseAddress = restarted.Address }, "Laporan lewat instans yang dimulai ulang");
        await AppProcess.NextAsync(queue, "report", r => r.GetProperty("ticket").GetString() == ticketThroughRestarted);
    }

    [Fact]
    public async Task A_rolling_restart_answers_every_request()
    {
        if (site.Instances.Length == 1)
        {
            // One instance: a graceful stop with a live stream open ends the stream and the process at once (Kestrel
            // would otherwise wait its whole shutdown timeout for the stream to end).
            using var cts = new CancellationTokenSource(HangGuard);
            var officer = await site.SignInAsync(site.Proxy.Client(), "petugas.jaksel@pantau.test");
            var queue = await AppProcess.OpenStreamAsync(officer, "/api/events", cts.Token);
            var stopped = System.Diagnostics.Stopwatch.StartNew();
            await site.Instances[0].StopAsync();
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(15), $"the stop took {stopped.Elapsed}");
            while (await queue.MoveNextAsync()) { } // the stream ended rather than hung
            await site.RestartAsync(0);
            return;
        }
        var failures = new ConcurrentBag<string>();
        var answered = 0;
        using var done = new CancellationTokenSource();
        var reader = await site.SignInAsync(site.Proxy.Client(), "petugas.tangerang@pantau.test");
        var reporter = site.Proxy.Client();
        var load = Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = 0; !done.IsCancellationRequested; i++)
            {
                HttpResponseMessage response;
                try
                {
                    if (i % 5 == 4)
                    {
                        using var form = Reporting.Form(description: $"Laporan saat mulai ulang {worker}-{i}", lat: null, lon: null);
                        response = await Reporting.SubmitAsync(reporter, form);
                    }
                    else response = await reader.GetAsync("/api/auth/me");
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                    continue;
                }
                if (!response.IsSuccessStatusCode) failures.Add($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode}");
                Interlocked.Increment(ref answered);
                response.Dispose();
            }
        }).ToList();
        for (var i = 0; i < site.Instances.Length; i++)
        {
            var before = Volatile.Read(ref answered);
            await site.Instances[i].StopAsync();
            await site.RestartAsync(i);
            while (Volatile.Read(ref answered) < before + 20) await Task.Delay(50); // traffic went on meanwhile
        }
        await done.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {answered} failed: {string.Join("; ", failures.Take(10))}\n{site.Proxy.ErrorLog}");
    }

    [Fact]
    public async Task A_stopping_instance_leaves_nginxs_rotation_before_its_port_closes()
    {
        if (site.Instances.Length == 1) return; // nowhere else to send a read: a lone instance is stopped in place
        var stopping = site.Instances[0];
        var reader = await site.SignInAsync(site.Proxy.Client(), "petugas.tangerang@pantau.test");
        var reporter = site.Proxy.Client();
        var probe = Guid.NewGuid().ToString("N");
        var answers = new List<string>();
        using var guard = new CancellationTokenSource(HangGuard);
        stopping.Terminate();
        // One request at a time, reads and reports, until the instance has gone: each one answered.
        for (var i = 0; !stopping.HasExited; i++)
        {
            HttpResponseMessage answer;
            if (i % 4 == 3)
            {
                using var form = Reporting.Form(description: $"Laporan saat instans berhenti {probe}-{i}", lat: null, lon: null);
                answer = await Reporting.SubmitAsync(reporter, form);
            }
            else answer = await reader.GetAsync($"/api/auth/me?probe={probe}-{i}", guard.Token);
            using var response = answer;
            answers.Add($"{response.RequestMessage!.Method} {i}: {(int)response.StatusCode}");
            Assert.True(response.IsSuccessStatusCode, string.Join("\n", answers) + "\n" + stopping.Output);
        }
        await site.RestartAsync(0);

        // What the stopping instance logged of the reads: one answered 503 while its port was still open (nginx sent it
        // on), and after that nginx sent it nothing more. How many the others answered meanwhile is the machine's speed.
        var seen = ProbeAnswers().Matches(stopping.Output).Where(m => m.Groups["probe"].Value == probe)
            .Select(m => (Index: int.Parse(m.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture), Status: m.Groups["status"].Value))
            .ToList();
        var refused = seen.Where(a => a.Status == "503").Select(a => a.Index).ToList();
        Assert.True(refused.Count == 1, $"reads answered 503 by the stopping instance: {string.Join(", ", refused)}\n{stopping.Output}");
        Assert.DoesNotContain(seen, a => a.Index > refused[0]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Request finished HTTP/\S+ GET \S+probe=(?<probe>[0-9a-f]{32})-(?<i>\d+) - (?<status>\d{3})")]
    private static partial System.Text.RegularExpressions.Regex ProbeAnswers();

    /// <summary>The database, the instances on it, and nginx in front of them: shared by the facts.</summary>
    public sealed class Site : IAsyncLifetime
    {
        private static readonly string[] Settings =
        [
            "--ForwardedHeaders:KnownProxies:0", "127.0.0.1",
            "--Reports:Limits:PerAddressPerHour", "100000", "--Reports:Limits:UnverifiedPerAddressPerHour", "100000",
            "--Places:PerAddressPerMinute", "4", "--Access:Login:PerAddress", "1000",
            // Every request served is logged: how the test sees which instance served it.
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information",
        ];

        /// <summary>As deploy/pantau.env.example, shorter: a stopping instance leaves nginx's rotation before its port closes.</summary>
        private static readonly string[] Draining = ["--Drain:Seconds", "3"];

        private string[] _settings = Settings;

        public PantauApp Database { get; } = new OperatorsDatabase();
        public AppProcess[] Instances { get; private set; } = [];
        public NginxProxy Proxy { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _ = Database.Services; // schema, regions, demo accounts
            var count = Database.Provider == DatabaseProvider.Postgres ? 3 : 1;
            if (count > 1) _settings = [.. Settings, .. Draining];
            Instances = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => AppProcess.StartAsync(Database, _settings)));
            Proxy = await NginxProxy.StartAsync([.. Instances.Select(i => i.Address.Port)]);
        }

        /// <summary>Starts instance <paramref name="index"/> again on its port, where nginx expects it.</summary>
        public async Task RestartAsync(int index)
        {
            var old = Instances[index];
            await old.DisposeAsync();
            Instances[index] = await AppProcess.StartOnAsync(old.Address.Port, Database, _settings);
        }

        public async Task<HttpClient> SignInAsync(HttpClient client, string email)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = PantauApp.Password });
            Assert.True(response.IsSuccessStatusCode, $"login of {email} through nginx: {(int)response.StatusCode}");
            var token = await response.Content.ReadFromJsonAsync<JsonElement>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
            return client;
        }

        /// <summary>A report by the trusted RT reporter of Setia Budi: verified at once, so it enters the Jakarta Selatan queue.</summary>
        public async Task<string> RaiseAsync(HttpClient client, string description) =>
            await Reporting.RaiseAsTrustedReporterAsync(await SignInAsync(client, "rt.setiabudi@pantau.test"), description);

        /// <summary>Its audit trail chained with the operator's key, which the processes are given.</summary>
        private sealed class OperatorsDatabase : PantauApp
        {
            protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Audit:ChainKey", TestSecrets.ChainKey)];
        }

        public async Task DisposeAsync()
        {
            Proxy?.Dispose();
            foreach (var instance in Instances) await instance.DisposeAsync();
            Database.Dispose();
        }
    }
}
