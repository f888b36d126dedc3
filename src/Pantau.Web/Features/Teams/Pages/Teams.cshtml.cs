using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Teams.Pages;

/// <summary>
/// An office's TIMPORA teams, who is on duty now, and one day's roster as a 24-hour timeline, read and typed on the
/// office's clock (its zone: WIB, WITA or WIT) and kept in UTC. Office admins and
/// the national admin add teams and shifts here; officers and heads read it.
/// </summary>
[Authorize(Policy = Policies.ReadTeams)]
public sealed class TeamsModel(PantauDb db, CurrentStaff current, IAuthorizationService authz, TimeProvider time, PageTexts texts,
    JurisdictionMap offices, PageClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OfficeId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }

    [BindProperty] public string? NewTeamName { get; set; }
    [BindProperty] public int? ShiftTeamId { get; set; }
    [BindProperty] public string? ShiftDate { get; set; }
    [BindProperty] public string? StartTime { get; set; }
    [BindProperty] public string? EndTime { get; set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public IReadOnlyList<Team> Teams { get; private set; } = [];
    public IReadOnlySet<int> OnDuty { get; private set; } = new HashSet<int>();
    public IReadOnlyList<RosterShift> Shifts { get; private set; } = [];
    public DateOnly Day { get; private set; }
    public DateTime DayStart { get; private set; }
    public DateTime Now { get; private set; }
    /// <summary>The office's zone: the day, the times shown and the times typed are on its clock.</summary>
    public IndonesianTimeZone Zone { get; private set; } = IndonesianTimeZone.Wib;
    public bool CanManage { get; private set; }
    public bool ChoosesOffice => current.OfficeId is null;
    public Validation Errors { get; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostNewTeamAsync(CancellationToken ct)
    {
        if (!await LoadAsync()) return Forbid();
        var saved = await TimporaTeams.CreateAsync(db, current, new CreateTeamRequest(OfficeId, NewTeamName, true, null), ct);
        if (saved.Team is not { } team)
        {
            Errors.Add(saved.Errors);
            return Page();
        }
        TempData["Flash"] = "teams.created";
        TempData["FlashArg"] = team.Name;
        return RedirectToPage("/Teams/Pages/EditTeam", new { id = team.Id });
    }

    public async Task<IActionResult> OnPostAddShiftAsync(CancellationToken ct)
    {
        if (!await LoadAsync()) return Forbid();
        var (startsAt, endsAt) = ShiftTimes();
        if (!Errors.IsValid) return Page();
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == ShiftTeamId && t.OfficeId == OfficeId, ct) is not { } team)
        {
            Errors.Add("teamId", TeamsCodes.TeamRequired);
            return Page();
        }
        var added = await DutyRoster.AddShiftAsync(db, team, startsAt, endsAt, Zone, ct);
        if (added.Clash is { } clash) Errors.Add("startsAt", texts["teams.clash", Show(clash.StartsAt), $"{Show(clash.EndsAt)} {Zone.Abbreviation}"].Value);
        else Errors.Add(added.Errors);
        if (!Errors.IsValid) return Page();
        TempData["Flash"] = "teams.shiftAdded";
        return RedirectToPage(new { OfficeId, date = Date });
    }

    public async Task<IActionResult> OnPostRemoveShiftAsync(long shiftId, CancellationToken ct)
    {
        if (!await LoadAsync()) return Forbid();
        if (await db.RosterShifts.FirstOrDefaultAsync(s => s.Id == shiftId, ct) is not { } shift) return NotFound();
        db.RosterShifts.Remove(shift);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "teams.shiftRemoved";
        return RedirectToPage(new { OfficeId, date = Date });
    }

    /// <summary>The page's data; false for a write by someone who may only read.</summary>
    private async Task<bool> LoadAsync()
    {
        CanManage = (await authz.AuthorizeAsync(User, Policies.ManageTeams)).Succeeded;
        Now = time.GetUtcNow().UtcDateTime;
        if (current.OfficeId is { } own) OfficeId = own;
        else
        {
            Offices = await db.Offices.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
            if (OfficeId is null || Offices.All(o => o.Id != OfficeId)) OfficeId = Offices.FirstOrDefault()?.Id;
        }
        Zone = OfficeId is { } office ? await offices.ZoneOfAsync(office, db) : IndonesianTimeZone.Wib;
        clock.Use(Zone);
        // A day that is not a date, or far outside the operational range (a typed URL), shows today.
        Day = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && InputRules.IsOperational(d)
            ? d : Zone.DayOf(Now);
        Date = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (from, to) = ShiftRules.Day(Day, Zone);
        DayStart = from;

        Teams = await db.Teams.AsNoTracking().Include(t => t.Members).Where(t => t.OfficeId == OfficeId)
            .OrderByDescending(t => t.Active).ThenBy(t => t.Name).ToListAsync();
        OnDuty = await DutyRoster.OnDutyAmongAsync(db, Teams.Select(t => t.Id).ToList(), Now, CancellationToken.None);
        Shifts = await DutyRoster.Overlapping(db, OfficeId, from, to).ToListAsync();
        ShiftDate ??= Date;
        return CanManage || HttpMethods.IsGet(Request.Method);
    }

    private (DateTime? StartsAt, DateTime? EndsAt) ShiftTimes()
    {
        var dayOk = DateOnly.TryParseExact(ShiftDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        Errors.Require("shiftDate", dayOk, "teams.dateRequired");
        var startOk = TimeOnly.TryParseExact(StartTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start);
        Errors.Require("startsAt", startOk, TeamsCodes.StartShiftRequired);
        var endOk = TimeOnly.TryParseExact(EndTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end);
        Errors.Require("endsAt", endOk, TeamsCodes.EndShiftRequired);
        if (!dayOk || !startOk || !endOk) return (null, null);
        // Typed on the office's clock; kept in UTC.
        var startsAt = Zone.ToUtc(day.ToDateTime(start));
        // An end at or before the start is the next morning: night shifts are written 22:00–06:00.
        var endsAt = Zone.ToUtc(day.ToDateTime(end));
        if (endsAt <= startsAt) endsAt = endsAt.AddDays(1);
        return (startsAt, endsAt);
    }

    public string TeamName(int id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A time on the office's clock: on this day as 08:00; on another day with its date.</summary>
    public string Show(DateTime utc)
    {
        var local = Zone.ToLocal(utc);
        return DateOnly.FromDateTime(local) == Day
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("d MMM", CultureInfo.CurrentCulture) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Where a shift sits on the day's 24-hour bar, in percent (left, width), cut to the day.</summary>
    public (double Left, double Width) Place(RosterShift s)
    {
        var from = Math.Max(0, (s.StartsAt - DayStart).TotalHours);
        var to = Math.Min(24, (s.EndsAt - DayStart).TotalHours);
        return (from / 24 * 100, Math.Max(0, to - from) / 24 * 100);
    }

    public double? NowOnBar => Now >= DayStart && Now < DayStart.AddDays(1) ? (Now - DayStart).TotalHours / 24 * 100 : null;

    public string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
