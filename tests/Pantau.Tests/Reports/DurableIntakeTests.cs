using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;

namespace Pantau.Tests.Reports;

/// <summary>
/// An acknowledged report is never lost: a real app process is killed (SIGKILL) in the middle of a burst of
/// submissions, and every report it answered 201 for is in the database afterwards.
/// </summary>
public sealed class DurableIntakeTests
{
    [Fact]
    public async Task Killing_the_process_mid_burst_loses_no_acknowledged_report()
    {
        using var app = new PantauApp(); // prepares the database (schema, regions, offices), then steps aside
        _ = app.Services;
        await using var process = await AppProcess.StartAsync(app, "--Reports:Limits:PerAddressPerHour", "100000",
            "--Reports:Limits:UnverifiedPerAddressPerHour", "100000");
        using var http = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(10) };

        var acknowledged = new ConcurrentBag<string>();
        var killedAfter = 60;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var senders = Enumerable.Range(0, 12).Select(async worker =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var form = Reporting.Form(description: $"Laporan beruntun {worker}-{i}", lat: null, lon: null);
                    using var response = await Reporting.SubmitAsync(http, form, key: $"burst-{worker}-{i}");
                    if (response.StatusCode != HttpStatusCode.Created) continue;
                    var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                    acknowledged.Add(receipt.GetProperty("ticket").GetString()!);
                    if (acknowledged.Count >= killedAfter) process.Kill();
                }
                catch (Exception) when (process.HasExited || stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    return; // the process died under this request: it was never acknowledged
                }
                catch (TaskCanceledException)
                {
                    // No answer in time on a busy machine: not acknowledged either; the next one is sent.
                }
            }
        }).ToList();
        await Task.WhenAll(senders);
        await process.DisposeAsync();
        Assert.True(acknowledged.Count >= killedAfter, $"only {acknowledged.Count} reports were acknowledged before the kill");

        var stored = await app.WithDbAsync(db => db.Reports.IgnoreQueryFilters().Select(r => r.Ticket).ToListAsync());
        var lost = acknowledged.Except(stored).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged reports were lost: {string.Join(", ", lost.Take(5))}");
    }
}
