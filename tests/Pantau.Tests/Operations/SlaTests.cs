using Microsoft.Extensions.Configuration;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Operations;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

public sealed class SlaTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public void Each_stage_runs_from_the_end_of_the_one_before_and_is_late_past_its_target()
    {
        var t0 = new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc);
        var targets = SlaTargets.Defaults.ToDictionary(d => d.Key, d => TimeSpan.FromMinutes(d.Value));
        var times = new SlaTimes(t0, t0.AddMinutes(10), t0.AddMinutes(50), null, null);
        var clocks = SlaClock.Of(times, targets, t0.AddMinutes(200)).ToDictionary(c => c.Stage);
        Assert.Equal(TimeSpan.FromMinutes(10), clocks[SlaStage.Triage].Elapsed);
        Assert.False(clocks[SlaStage.Triage].Overdue);
        Assert.Equal(TimeSpan.FromMinutes(40), clocks[SlaStage.Dispatch].Elapsed);
        Assert.True(clocks[SlaStage.Dispatch].Overdue && clocks[SlaStage.Dispatch].Done);
        Assert.Equal(TimeSpan.FromMinutes(150), clocks[SlaStage.Arrival].Elapsed);
        Assert.False(clocks[SlaStage.Arrival].Done);
        Assert.Equal([SlaStage.Arrival], SlaClock.RunningLate(times, targets, t0.AddMinutes(200)));

        // A rejected report is never dispatched: those clocks do not run.
        var rejected = SlaClock.Of(new SlaTimes(t0, t0.AddMinutes(5), null, null, t0.AddMinutes(5)), targets, t0.AddDays(2)).ToDictionary(c => c.Stage);
        Assert.True(rejected[SlaStage.Dispatch].Done && rejected[SlaStage.Dispatch].Elapsed is null);
        Assert.Equal(TimeSpan.FromMinutes(5), rejected[SlaStage.Resolution].Elapsed);
    }

    [Fact]
    public void Targets_come_from_configuration_per_office()
    {
        var cfg = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:Sla:TriageMinutes"] = "20", ["Operations:Sla:Offices:7:TriageMinutes"] = "5",
        }).Build();
        var sla = new SlaTargets(Microsoft.Extensions.Options.Options.Create(cfg.GetSection(OperationsOptions.Section).Get<OperationsOptions>()!));
        Assert.Equal(TimeSpan.FromMinutes(20), sla.For(1, SlaStage.Triage));
        Assert.Equal(TimeSpan.FromMinutes(5), sla.For(7, SlaStage.Triage));
        Assert.Equal(TimeSpan.FromMinutes(SlaTargets.Defaults[SlaStage.Arrival]), sla.For(7, SlaStage.Arrival));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(15, DailySummary.Median([30, 10, 20, 5]));

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
            Assert.True(summary.GetProperty("medianMinutes").GetProperty("Triage").GetDouble() >= 0);
            Assert.Equal(15, summary.GetProperty("targetMinutes").GetProperty("Triage").GetDouble());
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }
    }
}
