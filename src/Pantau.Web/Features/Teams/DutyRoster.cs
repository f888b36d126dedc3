using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Teams;

/// <summary>
/// Who is on duty when: what dispatch asks of the roster. Queries go through <see cref="PantauDb"/>'s office filter,
/// so a caller learns nothing about another office's teams. Times are kept in UTC; a shift covers [start, end).
/// </summary>
public static class DutyRoster
{
    /// <summary>Whether the team is active and has a shift covering <paramref name="at"/>.</summary>
    public static Task<bool> IsOnDutyAsync(PantauDb db, int teamId, DateTime at, CancellationToken ct)
    {
        at = ShiftRules.Utc(at);
        return db.RosterShifts.AnyAsync(s => s.TeamId == teamId && s.StartsAt <= at && s.EndsAt > at
            && db.Teams.Any(t => t.Id == teamId && t.Active), ct);
    }

    /// <summary>The active teams the account is a member of (as an officer, or as a partner linked to a member).</summary>
    public static async Task<IReadOnlyList<int>> TeamsOfAsync(PantauDb db, Guid staffUserId, CancellationToken ct) =>
        await db.Teams.Where(t => t.Active && t.Members.Any(m => m.StaffUserId == staffUserId))
            .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);

    /// <summary>The office's active teams with a shift covering <paramref name="at"/>.</summary>
    public static async Task<IReadOnlyList<int>> OnDutyTeamsAsync(PantauDb db, int officeId, DateTime at, CancellationToken ct)
    {
        at = ShiftRules.Utc(at);
        return await db.Teams.Where(t => t.OfficeId == officeId && t.Active
                && db.RosterShifts.Any(s => s.TeamId == t.Id && s.StartsAt <= at && s.EndsAt > at))
            .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Which of <paramref name="teamIds"/> are on duty at <paramref name="at"/>, in one query (lists and pages).</summary>
    public static async Task<HashSet<int>> OnDutyAmongAsync(PantauDb db, IReadOnlyList<int> teamIds, DateTime at, CancellationToken ct)
    {
        at = ShiftRules.Utc(at);
        return (await db.Teams.Where(t => teamIds.Contains(t.Id) && t.Active
                && db.RosterShifts.Any(s => s.TeamId == t.Id && s.StartsAt <= at && s.EndsAt > at))
            .Select(t => t.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The shifts of the office (all offices in reach when null) that overlap [from, to), earliest first.</summary>
    public static IQueryable<RosterShift> Overlapping(PantauDb db, int? officeId, DateTime from, DateTime to)
    {
        (from, to) = (ShiftRules.Utc(from), ShiftRules.Utc(to));
        var q = db.RosterShifts.AsNoTracking().Where(s => s.StartsAt < to && s.EndsAt > from);
        if (officeId is { } o) q = q.Where(s => s.OfficeId == o);
        return q.OrderBy(s => s.StartsAt).ThenBy(s => s.TeamId);
    }

    /// <summary>A shift of the team that a new shift [startsAt, endsAt) would overlap, or null.</summary>
    public static Task<RosterShift?> ClashAsync(PantauDb db, int teamId, DateTime startsAt, DateTime endsAt, CancellationToken ct)
    {
        (startsAt, endsAt) = (ShiftRules.Utc(startsAt), ShiftRules.Utc(endsAt));
        return db.RosterShifts.AsNoTracking().Where(s => s.TeamId == teamId && s.StartsAt < endsAt && s.EndsAt > startsAt)
            .OrderBy(s => s.StartsAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Adds a shift to the team after checking its times and that it does not overlap another of the team's shifts.
    /// On a clash the error on <c>startsAt</c> names the other shift, and <see cref="ShiftAdding.Clash"/> holds it.
    /// </summary>
    public static async Task<ShiftAdding> AddShiftAsync(PantauDb db, Team team, DateTime? startsAt, DateTime? endsAt, IndonesianTimeZone zone, CancellationToken ct)
    {
        var v = ShiftRules.Check(startsAt, endsAt);
        v.Require("teamId", team.Active, TeamsCodes.TeamInactiveActivateBefore);
        if (!v.IsValid) return new(null, v, null);
        var (start, end) = (ShiftRules.Utc(startsAt!.Value), ShiftRules.Utc(endsAt!.Value));
        // Two admins adding overlapping shifts at once: touching the team's row first makes the second wait for the
        // first to commit (a row lock on PostgreSQL, the write lock on SQLite), so its check sees the first's shift.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Teams.Where(t => t.Id == team.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Active, t => t.Active), ct);
        if (await ClashAsync(db, team.Id, start, end, ct) is { } clash)
        {
            v.Add("startsAt", TeamsCodes.ShiftOverlaps, clash.Id, Format(clash.StartsAt, zone), Format(clash.EndsAt, zone));
            return new(null, v, clash);
        }
        var shift = new RosterShift(team, start, end);
        db.RosterShifts.Add(shift);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(shift, v, null);
    }

    /// <summary>An instant on the office's clock, for a message: 2026-12-06 08:00 WIB.</summary>
    public static string Format(DateTime utc, IndonesianTimeZone zone) =>
        zone.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + zone.Abbreviation;
}

public sealed record ShiftAdding(RosterShift? Shift, Infrastructure.Validation Errors, RosterShift? Clash);
