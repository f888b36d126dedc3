using System.Net.Http.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

/// <summary>Each office works its own queue: another office's reports are not in its list, its stream or its counts.</summary>
public sealed class OfficeQueueTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_jaksel_officers_queue_lists_no_tangerang_report()
    {
        var report = await ReportAsync(app);
        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Contains((await tangerang.GetJsonAsync("/api/reports")).EnumerateArray(), r => r.GetProperty("id").GetString() == report.Id);

        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var queue = await jaksel.GetStringAsync("/api/reports");
        Assert.DoesNotContain(report.Id, queue);
        Assert.DoesNotContain(report.Ticket, queue);
        Assert.DoesNotContain("36.71.", queue); // nothing from Kanim Tangerang's places at all
        Assert.DoesNotContain(report.Id, await jaksel.GetStringAsync("/api/reports?status=Verified"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await jaksel.GetAsync($"/api/reports/{report.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_jaksel_officers_event_stream_carries_no_tangerang_report()
    {
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        var jakselOffice = await OfficeIdAsync(jaksel, "KANIM-JAKSEL");
        var before = await ReportAsync(app);
        await using var stream = await EventStream.OpenAsync(jaksel, "/api/events", lastEventId: "0");
        var during = await ReportAsync(app);
        await TriageAsync(tangerang, before.Id, new { action = "Accept" });
        // A report forwarded to Jakarta Selatan is the marker: everything raised before it has been sent by then.
        var marker = await ReportAsync(app);
        await TriageAsync(tangerang, marker.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = jakselOffice });

        var seen = new List<string>();
        while (true)
        {
            var (item, _) = await stream.NextReportAsync(_ => true);
            var id = item.GetProperty("id").GetString()!;
            if (id == marker.Id) break;
            seen.Add(id);
            Assert.Equal(jakselOffice, item.GetProperty("officeId").GetInt32());
        }
        Assert.DoesNotContain(before.Id, seen);
        Assert.DoesNotContain(during.Id, seen);
    }
}
