using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Operations;

namespace Pantau.UnitTests.Operations;

/// <summary>A report's SLA clocks, their targets and the day's median, without a report or a database.</summary>
public sealed class SlaClockTests
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
        var sla = new SlaTargets(Options.Create(cfg.GetSection(OperationsOptions.Section).Get<OperationsOptions>()!));
        Assert.Equal(TimeSpan.FromMinutes(20), sla.For(1, SlaStage.Triage));
        Assert.Equal(TimeSpan.FromMinutes(5), sla.For(7, SlaStage.Triage));
        Assert.Equal(TimeSpan.FromMinutes(SlaTargets.Defaults[SlaStage.Arrival]), sla.For(7, SlaStage.Arrival));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(15, DailySummary.Median([30, 10, 20, 5]));

    [Fact]
    public void A_stage_not_started_has_no_elapsed_time_and_is_never_late()
    {
        var t0 = new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc);
        var targets = SlaTargets.Defaults.ToDictionary(d => d.Key, d => TimeSpan.FromMinutes(d.Value));
        var waiting = new SlaTimes(t0, null, null, null, null);
        var clocks = SlaClock.Of(waiting, targets, t0.AddDays(3)).ToDictionary(c => c.Stage);
        Assert.Null(clocks[SlaStage.Dispatch].Elapsed);
        Assert.False(clocks[SlaStage.Dispatch].Overdue || clocks[SlaStage.Dispatch].Done);
        Assert.Equal([SlaStage.Triage, SlaStage.Resolution], SlaClock.RunningLate(waiting, targets, t0.AddDays(3)));
        // Exactly at the target is on time.
        Assert.Empty(SlaClock.RunningLate(waiting, targets, t0.AddMinutes(SlaTargets.Defaults[SlaStage.Triage])));
    }

    [Theory]
    [InlineData(15.0, 15)]
    [InlineData(-13.0, 8)]
    [InlineData(7.0, 0)]
    public void An_offset_outside_minus_12_to_14_or_a_target_of_no_minutes_is_refused_at_start(double offset, int triageMinutes)
    {
        var options = new OperationsOptions { UtcOffsetHours = offset };
        options.Sla.TriageMinutes = triageMinutes;
        Assert.True(new OperationsOptions.Validation().Validate(null, options).Failed);
        Assert.True(new OperationsOptions.Validation().Validate(null, new OperationsOptions()).Succeeded);
    }

    [Fact]
    public void An_office_override_must_name_an_office_id()
    {
        var options = new OperationsOptions();
        options.Sla.Offices["kanim"] = new() { TriageMinutes = 5 };
        Assert.Contains("not an office id", new OperationsOptions.Validation().Validate(null, options).FailureMessage);
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_one_and_of_none_is_nothing()
    {
        Assert.Equal(20, DailySummary.Median([30, 10, 20]));
        Assert.Null(DailySummary.Median([]));
    }
}
