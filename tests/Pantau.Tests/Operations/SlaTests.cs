using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Operations;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

public sealed class SlaTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_report_waiting_past_the_triage_target_is_late_in_the_queue_and_in_the_days_summary()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var late = await ReportAsync(app);
        var onTime = await ReportAsync(app);
        await TriageAsync(officer, onTime.Id, new { action = "Accept" });
        app.Clock.Offset = TimeSpan.FromMinutes(20); // past the 15-minute triage target
        try
        {
            var item = (await officer.GetJsonAsync("/api/reports")).EnumerateArray().First(r => r.GetProperty("id").GetString() == late.Id);
            Assert.Equal(["Triage"], item.GetProperty("overdue").EnumerateArray().Select(s => s.GetString()));
            var accepted = await TriageAsync(officer, late.Id, new { action = "Accept" });
            var triage = accepted.GetProperty("clocks").EnumerateArray().First(c => c.GetProperty("stage").GetString() == "Triage");
            Assert.True(triage.GetProperty("overdue").GetBoolean());

            var summary = await officer.GetJsonAsync("/api/reports/summary");
            Assert.True(summary.GetProperty("reports").GetInt32() >= 2);
            Assert.True(summary.GetProperty("triaged").GetInt32() >= 2);
            Assert.True(summary.GetProperty("overdue").GetProperty("Triage").GetInt32() >= 1);
            // Two reports triaged today: one at once, one past 20 minutes; the median is the mean of the two.
            Assert.InRange(summary.GetProperty("medianMinutes").GetProperty("Triage").GetDouble(), 10, 20);
            Assert.Equal(15, summary.GetProperty("targetMinutes").GetProperty("Triage").GetDouble());
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }
    }
}
