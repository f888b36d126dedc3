using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Teams.Pages;

/// <summary>One team: its name, whether it is active, and its members (officers of the office and partner members).</summary>
[Authorize(Policy = Policies.ManageTeams)]
public sealed class EditTeamModel(PantauDb db) : PageModel
{
    public sealed class MemberRow
    {
        public Guid? StaffUserId { get; set; }
        public string? Name { get; set; }
        public TeamAgency Agency { get; set; }
        public bool Remove { get; set; }
    }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public bool Active { get; set; }
    [BindProperty] public List<MemberRow> Members { get; set; } = [];
    [BindProperty] public Guid? NewStaffUserId { get; set; }
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public TeamAgency? NewAgency { get; set; }

    public Team? Team { get; private set; }
    /// <summary>The office's officers and heads who are not on the team yet.</summary>
    public IReadOnlyList<StaffUser> Staff { get; private set; } = [];
    public Validation Errors { get; } = new();

    public static readonly TeamAgency[] PartnerAgencies = [TeamAgency.Police, TeamAgency.Military, TeamAgency.Other, TeamAgency.Immigration];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return Missing();
        Name = Team!.Name;
        Active = Team.Active;
        Members = Team.Members.OrderBy(m => m.Agency).ThenBy(m => m.Name)
            .Select(m => new MemberRow { StaffUserId = m.StaffUserId, Name = m.Name, Agency = m.Agency }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return Missing();
        var wanted = Members.Where(m => !m.Remove).Select(m => new TeamMemberRequest(m.StaffUserId, m.Name, m.Agency)).ToList();
        if (NewStaffUserId is { } staff) wanted.Add(new TeamMemberRequest(staff, null, null));
        if (!string.IsNullOrWhiteSpace(NewName) || NewAgency is not null) wanted.Add(new TeamMemberRequest(null, NewName, NewAgency));

        var saved = await TimporaTeams.UpdateAsync(db, Team!, new UpdateTeamRequest(Name, Active, wanted), ct);
        if (saved.Team is null)
        {
            Errors.Add(saved.Errors);
            return Page();
        }
        TempData["Flash"] = "teams.saved";
        TempData["FlashArg"] = Team!.Name;
        return RedirectToPage("/Teams/Pages/Teams", new { officeId = Team.OfficeId });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (Team is null) return false;
        var members = Team.Members.Select(m => m.StaffUserId).OfType<Guid>().ToList();
        Staff = await db.Users.AsNoTracking()
            .Where(u => u.OfficeId == Team.OfficeId && !u.IsDisabled && (u.Role == StaffRole.Officer || u.Role == StaffRole.OfficeHead) && !members.Contains(u.Id))
            .OrderBy(u => u.FullName).ToListAsync(ct);
        return true;
    }

    private PageResult Missing()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
