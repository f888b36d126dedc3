using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Teams;

public sealed record TeamMemberResponse(long Id, Guid? StaffUserId, string Name, TeamAgency Agency);
public sealed record TeamResponse(int Id, int OfficeId, string Name, bool Active, bool OnDuty, IReadOnlyList<TeamMemberResponse> Members)
{
    public static TeamResponse From(Team t, bool onDuty) => new(t.Id, t.OfficeId, t.Name, t.Active, onDuty,
        t.Members.OrderBy(m => m.Agency).ThenBy(m => m.Name).Select(m => new TeamMemberResponse(m.Id, m.StaffUserId, m.Name, m.Agency)).ToList());
}

/// <param name="StartsAt">An instant with its zone: 2026-12-06T08:00:00+07:00, or in UTC 2026-12-06T01:00:00Z; a time
/// without a zone is refused (400 naming the field), since it could be either.</param>
public sealed record ShiftRequest(int? TeamId, DateTime? StartsAt, DateTime? EndsAt);
public sealed record ShiftResponse(long Id, int OfficeId, int TeamId, string TeamName, DateTime StartsAt, DateTime EndsAt, bool OnDuty);
/// <param name="Date">The day on the office's clock.</param>
/// <param name="TimeZone">The office's IANA zone, in which <paramref name="Date"/> is a day (Asia/Jakarta).</param>
/// <param name="TimeZoneName">The zone as people say it (WIB, WITA, WIT).</param>
/// <param name="From">The day's first instant, in UTC.</param>
public sealed record RosterDayResponse(string Date, string TimeZone, string TimeZoneName, DateTime From, DateTime To, IReadOnlyList<ShiftResponse> Shifts);

/// <summary>
/// TIMPORA teams and the duty roster of an office. Office admins (and the national admin, for any office) manage
/// them; officers and heads read them to dispatch. Another office's team or shift does not exist (404): the query
/// filter on <see cref="Team"/> and <see cref="RosterShift"/> in <see cref="PantauDb"/>.
/// </summary>
public static class TeamsApi
{
    public static void MapTeams(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/teams").WithTags("Teams");
        teams.MapGet("/", List).RequireAuthorization(Policies.ReadTeams);
        teams.MapGet("/{id:int}", Get).RequireAuthorization(Policies.ReadTeams);
        teams.MapPost("/", Create).RequireAuthorization(Policies.ManageTeams);
        teams.MapPut("/{id:int}", Update).RequireAuthorization(Policies.ManageTeams);

        var roster = app.MapGroup("/api/roster").WithTags("Teams");
        roster.MapGet("/", Day).RequireAuthorization(Policies.ReadTeams);
        roster.MapPost("/", AddShift).RequireAuthorization(Policies.ManageTeams);
        roster.MapDelete("/{id:long}", RemoveShift).RequireAuthorization(Policies.ManageTeams);
    }

    private static async Task<Ok<List<TeamResponse>>> List(PantauDb db, TimeProvider time, int? officeId, CancellationToken ct)
    {
        var q = db.Teams.AsNoTracking().Include(t => t.Members).AsQueryable();
        if (officeId is { } o) q = q.Where(t => t.OfficeId == o);
        var teams = await q.OrderBy(t => t.OfficeId).ThenBy(t => t.Name).ToListAsync(ct);
        var onDuty = await DutyRoster.OnDutyAmongAsync(db, teams.Select(t => t.Id).ToList(), time.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(teams.Select(t => TeamResponse.From(t, onDuty.Contains(t.Id))).ToList());
    }

    private static async Task<Results<Ok<TeamResponse>, NotFound>> Get(int id, PantauDb db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return TypedResults.NotFound();
        return TypedResults.Ok(TeamResponse.From(team, await DutyRoster.IsOnDutyAsync(db, id, time.GetUtcNow().UtcDateTime, ct)));
    }

    private static async Task<Results<Created<TeamResponse>, ValidationProblem>> Create(CreateTeamRequest req, PantauDb db, CurrentStaff current,
        CancellationToken ct)
    {
        var saved = await TimporaTeams.CreateAsync(db, current, req, ct);
        if (saved.Team is not { } team) return saved.Errors.Problem();
        return TypedResults.Created($"/api/teams/{team.Id}", TeamResponse.From(team, false));
    }

    private static async Task<Results<Ok<TeamResponse>, NotFound, ValidationProblem>> Update(int id, UpdateTeamRequest req, PantauDb db,
        TimeProvider time, CancellationToken ct)
    {
        if (await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return TypedResults.NotFound();
        var saved = await TimporaTeams.UpdateAsync(db, team, req, ct);
        if (saved.Team is null) return saved.Errors.Problem();
        return TypedResults.Ok(TeamResponse.From(team, await DutyRoster.IsOnDutyAsync(db, id, time.GetUtcNow().UtcDateTime, ct)));
    }

    /// <summary>
    /// The shifts overlapping one day on the office's clock (today when no date is given), of one office or of all in
    /// reach (then the caller's office's day, or WIB's).
    /// </summary>
    private static async Task<Results<Ok<RosterDayResponse>, ValidationProblem>> Day(PantauDb db, TimeProvider time, CurrentStaff current,
        JurisdictionMap offices, string? date, int? officeId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var zone = await ZoneAsync(db, offices, officeId ?? current.OfficeId);
        var day = zone.DayOf(now);
        if (!string.IsNullOrEmpty(date) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return Validation.Single("date", TeamsCodes.DateLooksLike2026);
        if (!InputRules.IsOperational(day)) return Validation.Single("date", InputRules.DateMessage);
        var (from, to) = ShiftRules.Day(day, zone);
        var shifts = await DutyRoster.Overlapping(db, officeId, from, to)
            .Join(db.Teams, s => s.TeamId, t => t.Id, (s, t) => new { Shift = s, t.Name, t.Active })
            .ToListAsync(ct);
        return TypedResults.Ok(new RosterDayResponse(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zone.Id, zone.Abbreviation, from, to,
            shifts.Select(x => ToResponse(x.Shift, x.Name, x.Active, now)).ToList()));
    }

    private static async Task<Results<Created<ShiftResponse>, NotFound, ValidationProblem>> AddShift(ShiftRequest req, PantauDb db, TimeProvider time,
        JurisdictionMap offices, CancellationToken ct)
    {
        if (req.TeamId is not { } teamId) return Validation.Single("teamId", TeamsCodes.TeamRequired);
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, ct) is not { } team) return TypedResults.NotFound();
        var added = await DutyRoster.AddShiftAsync(db, team, req.StartsAt, req.EndsAt, await offices.ZoneOfAsync(team.OfficeId, db), ct);
        if (added.Shift is not { } shift) return added.Errors.Problem();
        return TypedResults.Created($"/api/roster/{shift.Id}", ToResponse(shift, team.Name, team.Active, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveShift(long id, PantauDb db, CancellationToken ct)
    {
        if (await db.RosterShifts.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } shift) return TypedResults.NotFound();
        db.RosterShifts.Remove(shift);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IndonesianTimeZone> ZoneAsync(PantauDb db, JurisdictionMap offices, int? officeId) =>
        officeId is { } o ? await offices.ZoneOfAsync(o, db) : IndonesianTimeZone.Wib;

    private static ShiftResponse ToResponse(RosterShift s, string teamName, bool teamActive, DateTime now) =>
        new(s.Id, s.OfficeId, s.TeamId, teamName, s.StartsAt, s.EndsAt, teamActive && s.Covers(now));
}
