using Pantau.Web.Features.Operations;
using static Pantau.Web.Features.Operations.TeamChoice;

namespace Pantau.UnitTests.Operations;

public sealed class TeamChoiceTests
{
    [Fact]
    public void On_duty_and_free_come_first_then_the_nearest_and_the_nearest_free_team_is_suggested()
    {
        Candidate[] teams =
        [
            new(1, OnDuty: true, Load: 1, DistanceMetres: 300),     // nearest, but busy
            new(2, OnDuty: true, Load: 0, DistanceMetres: 4_000),
            new(3, OnDuty: true, Load: 0, DistanceMetres: 1_500),   // nearest free: suggested
            new(4, OnDuty: true, Load: 0, DistanceMetres: null),    // position unknown: after those with one
            new(5, OnDuty: false, Load: 0, DistanceMetres: 100),    // off duty: last, however near
            new(6, OnDuty: true, Load: 2, DistanceMetres: 300),     // as near as 1, with more to do
        ];
        var ordered = Ordered(teams);
        Assert.Equal([3, 2, 4, 1, 6, 5], ordered.Select(t => t.TeamId));
        Assert.Equal(3, Suggested(ordered));
    }

    [Fact]
    public void Without_a_free_team_on_duty_nothing_is_suggested()
    {
        var ordered = Ordered([new(1, true, 1, 200), new(2, false, 0, 50)]);
        Assert.Null(Suggested(ordered));
    }
}
