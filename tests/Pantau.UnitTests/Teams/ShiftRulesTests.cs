using Pantau.Web.Features.Teams;

namespace Pantau.UnitTests.Teams;

/// <summary>The roster's rules without a database: how long a shift may be, when two overlap, who is covered.</summary>
public sealed class ShiftRulesTests
{
    private static readonly DateTime Morning = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Team Team = new(1, "TIMPORA 1");

    [Fact]
    public void A_shift_of_exactly_24_hours_is_allowed_and_a_minute_more_is_not()
    {
        Assert.True(ShiftRules.Check(Morning, Morning.AddHours(24)).IsValid);
        Assert.Equal(["endsAt"], ShiftRules.Check(Morning, Morning.AddHours(24).AddMinutes(1)).Errors.Keys);
    }

    [Fact]
    public void A_shift_ends_after_it_starts_and_has_both_times()
    {
        Assert.Equal(["endsAt"], ShiftRules.Check(Morning, Morning).Errors.Keys);
        Assert.Equal(["endsAt"], ShiftRules.Check(Morning, Morning.AddHours(-1)).Errors.Keys);
        Assert.Equal(["startsAt", "endsAt"], ShiftRules.Check(null, null).Errors.Keys);
    }

    [Fact]
    public void Shifts_that_only_touch_do_not_overlap()
    {
        var shift = new RosterShift(Team, Morning, Morning.AddHours(8));
        Assert.False(shift.Overlaps(Morning.AddHours(8), Morning.AddHours(16)));
        Assert.False(shift.Overlaps(Morning.AddHours(-8), Morning));
        Assert.True(shift.Overlaps(Morning.AddHours(7), Morning.AddHours(9)));
        Assert.True(shift.Overlaps(Morning.AddHours(1), Morning.AddHours(2)));
        Assert.True(shift.Overlaps(Morning.AddHours(-1), Morning.AddHours(9)));
    }

    [Fact]
    public void A_shift_covers_its_start_but_not_its_end()
    {
        var shift = new RosterShift(Team, Morning, Morning.AddHours(8));
        Assert.True(shift.Covers(Morning));
        Assert.True(shift.Covers(Morning.AddHours(8).AddTicks(-1)));
        Assert.False(shift.Covers(Morning.AddHours(8)));
        Assert.False(shift.Covers(Morning.AddTicks(-1)));
    }

    [Fact]
    public void A_time_with_an_offset_is_read_in_utc()
    {
        var wib = new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(Morning, ShiftRules.Utc(wib.LocalDateTime));
        Assert.Equal(DateTimeKind.Utc, ShiftRules.Utc(new DateTime(2026, 11, 22, 8, 0, 0)).Kind);
    }
}
