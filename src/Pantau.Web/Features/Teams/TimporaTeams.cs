using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Teams;

public sealed record TeamMemberRequest(Guid? StaffUserId, string? Name, TeamAgency? Agency);
public sealed record CreateTeamRequest(int? OfficeId, string? Name, bool? Active, List<TeamMemberRequest>? Members);
public sealed record UpdateTeamRequest(string? Name, bool? Active, List<TeamMemberRequest>? Members);

public sealed record TeamSaving(Team? Team, Validation Errors);

/// <summary>
/// Creating and changing teams, in one place for the API and the pages: the office a team belongs to, a name unique
/// in the office, and members who are the office's officers and heads or named outsiders. Saved whole or not at all.
/// </summary>
public static class TimporaTeams
{
    public const int MaxMembers = 50;

    public static async Task<TeamSaving> CreateAsync(PantauDb db, CurrentStaff caller, CreateTeamRequest req, CancellationToken ct)
    {
        var v = new Validation();
        var officeId = await OfficeOfNewTeamAsync(db, caller, req.OfficeId, v, ct);
        if (officeId is null) return new(null, v);
        var name = await CheckNameAsync(db, officeId.Value, null, req.Name, v, ct);
        var members = await MembersAsync(db, officeId.Value, req.Members ?? [], v, ct);
        if (!v.IsValid) return new(null, v);

        var team = new Team(officeId.Value, name!, req.Active ?? true);
        team.SetMembers(members);
        db.Teams.Add(team);
        return await SaveAsync(db, team, v, ct);
    }

    /// <summary>Changes what the request gives: a null name, activity or member list leaves that part as it is.</summary>
    public static async Task<TeamSaving> UpdateAsync(PantauDb db, Team team, UpdateTeamRequest req, CancellationToken ct)
    {
        var v = new Validation();
        var name = req.Name is null ? team.Name : await CheckNameAsync(db, team.OfficeId, team.Id, req.Name, v, ct);
        var members = req.Members is null ? null : await MembersAsync(db, team.OfficeId, req.Members, v, ct);
        if (!v.IsValid) return new(null, v);

        team.Rename(name!);
        if (req.Active is { } active) team.SetActive(active);
        if (members is not null) team.SetMembers(members);
        return await SaveAsync(db, team, v, ct);
    }

    private static async Task<TeamSaving> SaveAsync(PantauDb db, Team team, Validation v, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new(team, v);
        }
        catch (DbUpdateException)
        {
            // Another admin took the name between our check and our save: the unique index said no.
            db.ChangeTracker.Clear();
            if (!await NameTakenAsync(db, team.OfficeId, team.Id, team.Name, ct)) throw;
            return new(null, v.Add("name", TeamsCodes.AnotherTeamOfficeHas));
        }
    }

    private static async Task<int?> OfficeOfNewTeamAsync(PantauDb db, CurrentStaff caller, int? requested, Validation v, CancellationToken ct)
    {
        if (caller.OfficeId is { } own)
        {
            // Office staff work in their own office; the query filter would hide any other anyway.
            return v.Require("officeId", requested is null || requested == own, TeamsCodes.YouManageTeamsOwn) ? own : null;
        }
        if (!v.Require("officeId", requested is not null, TeamsCodes.OfficeRequired)) return null;
        return v.Require("officeId", await db.Offices.AnyAsync(o => o.Id == requested, ct), SharedCodes.ThereNoSuchOffice) ? requested : null;
    }

    private static async Task<string?> CheckNameAsync(PantauDb db, int officeId, int? teamId, string? name, Validation v, CancellationToken ct)
    {
        name = name?.Trim();
        if (!v.Require("name", !string.IsNullOrEmpty(name), TeamsCodes.TeamNameRequired)) return null;
        if (!v.Require("name", name!.Length <= Team.MaxName, TeamsCodes.TeamNameMost100)) return null;
        v.Require("name", !await NameTakenAsync(db, officeId, teamId, name, ct), TeamsCodes.AnotherTeamOfficeHas);
        return name;
    }

    private static Task<bool> NameTakenAsync(PantauDb db, int officeId, int? teamId, string name, CancellationToken ct)
    {
        var upper = name.Trim().ToUpperInvariant();
        return db.Teams.AnyAsync(t => t.OfficeId == officeId && t.Id != (teamId ?? 0) && t.Name.ToUpper() == upper, ct);
    }

    /// <summary>The members as asked, checked; errors are keyed <c>members[i].field</c>.</summary>
    private static async Task<List<TeamMember>> MembersAsync(PantauDb db, int officeId, List<TeamMemberRequest> requests, Validation v,
        CancellationToken ct)
    {
        var members = new List<TeamMember>();
        if (!v.Require("members", requests.Count <= MaxMembers, TeamsCodes.TeamHasMost50)) return members;
        var ids = requests.Select(r => r.StaffUserId).OfType<Guid>().Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);

        for (var i = 0; i < requests.Count; i++)
        {
            var (r, at) = (requests[i], $"members[{i}]");
            if (r is null)
            {
                v.Add(at, TeamsCodes.MemberRequired);
                continue;
            }
            var name = r.Name?.Trim();
            if (!v.Require($"{at}.name", name is null || name.Length <= TeamMember.MaxName, TeamsCodes.NameMost200Characters)) continue;
            TeamMember? member = null;
            if (r.StaffUserId is { } id)
            {
                var account = accounts.GetValueOrDefault(id);
                if (account is { OfficeId: { } o, Role: StaffRole.Officer or StaffRole.OfficeHead } && o == officeId)
                {
                    if (v.Require($"{at}.agency", r.Agency is null or TeamAgency.Immigration, TeamsCodes.OfficerOfficeMemberImmigration))
                        member = new TeamMember(id, account.FullName, TeamAgency.Immigration);
                }
                else if (account is { OfficeId: { } p, Role: StaffRole.Partner } && p == officeId)
                {
                    if (v.Require($"{at}.agency", r.Agency is TeamAgency.Police or TeamAgency.Military or TeamAgency.Other,
                            TeamsCodes.PartnerMemberAgencyPolice))
                        member = new TeamMember(id, string.IsNullOrEmpty(name) ? account.FullName : name, r.Agency!.Value);
                }
                else
                {
                    v.Add($"{at}.staffUserId", TeamsCodes.MemberAccountOfficerOffice);
                }
            }
            else
            {
                var named = v.Require($"{at}.name", !string.IsNullOrEmpty(name), TeamsCodes.MemberOutsideOfficeNeeds);
                var agency = v.Require($"{at}.agency", r.Agency is not null, TeamsCodes.MemberOutsideOfficeNeeds2);
                if (named && agency) member = new TeamMember(null, name!, r.Agency!.Value);
            }
            if (member is null) continue;
            if (members.Any(m => m.SameAs(member)))
                v.Add(member.StaffUserId is null ? $"{at}.name" : $"{at}.staffUserId", TeamsCodes.MemberListedTwice);
            else members.Add(member);
        }
        return members;
    }
}
