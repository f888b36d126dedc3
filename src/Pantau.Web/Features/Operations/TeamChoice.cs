namespace Pantau.Web.Features.Operations;

/// <summary>
/// Which team to send to a report: teams on duty before those off duty, free ones before busy ones, then the nearest
/// (straight line from the team's last known position; a team with none comes after those with one), then the least
/// loaded. The suggestion is the first free team on duty.
/// </summary>
public static class TeamChoice
{
    /// <param name="Load">Reports the team is on now (dispatched, en route or on site).</param>
    /// <param name="DistanceMetres">From its last known position to the report; null when either is unknown.</param>
    public sealed record Candidate(int TeamId, bool OnDuty, int Load, double? DistanceMetres);

    public static IReadOnlyList<Candidate> Ordered(IEnumerable<Candidate> teams) => teams
        .OrderByDescending(t => t.OnDuty)
        .ThenBy(t => t.Load > 0)
        .ThenBy(t => t.DistanceMetres ?? double.MaxValue)
        .ThenBy(t => t.Load)
        .ThenBy(t => t.TeamId)
        .ToList();

    public static int? Suggested(IReadOnlyList<Candidate> ordered) => ordered.FirstOrDefault(t => t.OnDuty && t.Load == 0)?.TeamId;
}
