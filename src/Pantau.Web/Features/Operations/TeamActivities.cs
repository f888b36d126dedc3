using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Operations;

/// <summary>What each active team is doing and where it was last seen: the console's team list and map, the overview's map.</summary>
public static class TeamActivities
{
    /// <summary>How old a member's ping may be to place the team: a shift's length.</summary>
    public static readonly TimeSpan PositionKnownFor = TimeSpan.FromHours(12);

    /// <param name="acrossOffices">
    /// For those above the offices (a regional division, the national admin): the teams of <paramref name="officeIds"/>
    /// read across the office filters. The caller has checked that those offices are theirs to oversee.
    /// </param>
    /// <param name="destination">The report a team is chosen for: each team's straight-line distance to it.</param>
    public static async Task<List<TeamActivity>> ReadAsync(PantauDb db, IReadOnlyCollection<int> officeIds, bool acrossOffices, DateTime now,
        Destination? destination, CancellationToken ct)
    {
        var teams = await (acrossOffices ? db.Teams.AcrossTeams("the overview shows the teams of the offices a regional division oversees") : db.Teams)
            .AsNoTracking().Where(t => officeIds.Contains(t.OfficeId) && t.Active).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.OfficeId }).ToListAsync(ct);
        var ids = teams.Select(t => t.Id).ToList();
        var onDuty = (await (acrossOffices ? db.RosterShifts.AcrossTeams("the overview shows which of those teams are on duty") : db.RosterShifts)
            .Where(s => ids.Contains(s.TeamId) && s.StartsAt <= now && s.EndsAt > now).Select(s => s.TeamId).Distinct().ToListAsync(ct)).ToHashSet();
        var tasks = await (acrossOffices ? db.Reports.AcrossOffices("the overview shows what those teams are doing") : db.Reports).AsNoTracking()
            .Where(r => r.TeamId != null && ids.Contains(r.TeamId.Value)
                && (r.Status == ReportStatus.Dispatched || r.Status == ReportStatus.EnRoute || r.Status == ReportStatus.OnSite))
            .Select(r => new { TeamId = r.TeamId!.Value, r.Id, r.Ticket, r.Status, Since = r.ArrivedAt ?? r.EnRouteAt ?? r.DispatchedAt })
            .ToListAsync(ct);
        // The last ping of any member with an account, within a shift's length.
        var members = await (acrossOffices ? db.TeamMembers.AcrossTeams("the overview places those teams by their members' phones") : db.TeamMembers)
            .AsNoTracking().Where(m => ids.Contains(m.TeamId) && m.StaffUserId != null)
            .Select(m => new { m.TeamId, Officer = m.StaffUserId!.Value }).ToListAsync(ct);
        var officers = members.Select(m => m.Officer).Distinct().ToList();
        var since = now - PositionKnownFor;
        var lastOf = await FieldPositions.LatestPerOfficer(db.FieldPositions.AsNoTracking().Where(p => officers.Contains(p.OfficerId) && p.At >= since))
            .Select(p => new { p.OfficerId, p.Latitude, p.Longitude, p.At }).ToDictionaryAsync(p => p.OfficerId, ct);
        TeamPosition? PositionOf(int team) => members.Where(m => m.TeamId == team && lastOf.ContainsKey(m.Officer)).Select(m => lastOf[m.Officer])
            .MaxBy(p => p.At) is { } p ? new TeamPosition(p.Latitude, p.Longitude, p.At) : null;

        return teams.Select(t =>
        {
            var own = tasks.Where(x => x.TeamId == t.Id).ToList();
            var position = PositionOf(t.Id);
            var distance = position is not null && destination is not null
                ? Math.Round(Distance.Metres(position.Latitude, position.Longitude, destination.Latitude, destination.Longitude))
                : (double?)null;
            var state = own.Count == 0 ? "Free" : own.Max(x => x.Status).ToString();
            return new TeamActivity(t.Id, t.Name, onDuty.Contains(t.Id), own.Select(x => new TeamTask(x.Id, x.Ticket, x.Status, x.Since ?? now)).ToList(),
                state, position, distance, OfficeId: t.OfficeId);
        }).ToList();
    }
}
