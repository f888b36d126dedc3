using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Teams;

/// <summary>Where a TIMPORA member comes from: immigration, or the partner agencies that ride along.</summary>
public enum TeamAgency
{
    Immigration,
    Police,
    Military,
    Other,
}

/// <summary>
/// A TIMPORA team of one office: immigration officers of the office plus partner members from police and military.
/// An inactive team keeps its history but is never on duty.
/// </summary>
public sealed class Team
{
    public const int MaxName = 100;

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public string Name { get; private set; } = "";
    public bool Active { get; private set; } = true;
    public List<TeamMember> Members { get; private set; } = [];

    private Team() { }

    public Team(int officeId, string name, bool active = true)
    {
        OfficeId = officeId;
        Rename(name);
        Active = active;
    }

    public void Rename(string name) => Name = name.Trim();

    public void SetActive(bool active) => Active = active;

    /// <summary>
    /// Makes the members exactly <paramref name="wanted"/>. A member who stays keeps its row (and id): an account by the
    /// account, an outside person by name and agency.
    /// </summary>
    public void SetMembers(IReadOnlyList<TeamMember> wanted)
    {
        Members.RemoveAll(m => !wanted.Any(w => w.SameAs(m)));
        foreach (var w in wanted)
        {
            if (Members.FirstOrDefault(m => m.SameAs(w)) is { } kept) kept.Rename(w.Name);
            else Members.Add(w);
        }
    }
}

/// <summary>
/// A member: a staff account of the office (officer or office head; <see cref="StaffUserId"/> set, agency Immigration),
/// or an outside person given by name and agency, optionally linked to a partner account.
/// </summary>
public sealed class TeamMember
{
    public const int MaxName = 200;

    public long Id { get; private set; }
    public int TeamId { get; private set; }
    public Guid? StaffUserId { get; private set; }
    /// <summary>For an account, its name when it joined; for an outside person, the name given.</summary>
    public string Name { get; private set; } = "";
    public TeamAgency Agency { get; private set; }

    private TeamMember() { }

    public TeamMember(Guid? staffUserId, string name, TeamAgency agency)
    {
        StaffUserId = staffUserId;
        Name = name.Trim();
        Agency = agency;
    }

    internal void Rename(string name) => Name = name.Trim();

    internal bool SameAs(TeamMember other) => StaffUserId is { } id
        ? other.StaffUserId == id
        : other.StaffUserId is null && other.Agency == Agency && string.Equals(other.Name.Trim(), Name.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A team's turn of duty, kept in UTC (people read and type it on their office's clock): from <see cref="StartsAt"/> up to (not including) <see cref="EndsAt"/>.</summary>
public sealed class RosterShift
{
    /// <summary>Nobody is on duty longer than a day at a stretch: a longer entry is a typing mistake.</summary>
    public static readonly TimeSpan LongestShift = TimeSpan.FromHours(24);

    public long Id { get; private set; }
    public int OfficeId { get; private set; }
    public int TeamId { get; private set; }
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }

    private RosterShift() { }

    /// <summary>A shift of <paramref name="team"/>; the times have passed <see cref="ShiftRules.Check"/>.</summary>
    public RosterShift(Team team, DateTime startsAt, DateTime endsAt)
    {
        OfficeId = team.OfficeId;
        TeamId = team.Id;
        StartsAt = ShiftRules.Utc(startsAt);
        EndsAt = ShiftRules.Utc(endsAt);
    }

    /// <summary>Shifts that only touch (one ends as the next starts) do not overlap: that is a handover.</summary>
    public bool Overlaps(DateTime startsAt, DateTime endsAt) => StartsAt < ShiftRules.Utc(endsAt) && ShiftRules.Utc(startsAt) < EndsAt;

    public bool Covers(DateTime at) => StartsAt <= ShiftRules.Utc(at) && ShiftRules.Utc(at) < EndsAt;
}

/// <summary>The rules of a shift's times, without a database.</summary>
public static class ShiftRules
{
    public static Infrastructure.Validation Check(DateTime? startsAt, DateTime? endsAt)
    {
        var v = new Infrastructure.Validation();
        v.Require("startsAt", startsAt is not null, TeamsCodes.StartShiftRequired);
        v.Require("endsAt", endsAt is not null, TeamsCodes.EndShiftRequired);
        // A time without a zone could be UTC or the office's clock, hours apart: it is asked again rather than guessed.
        if (startsAt is { Kind: DateTimeKind.Unspecified }) v.Add("startsAt", TeamsCodes.TimeWithZone);
        if (endsAt is { Kind: DateTimeKind.Unspecified }) v.Add("endsAt", TeamsCodes.TimeWithZone);
        if (v.IsValid && startsAt is { } s && endsAt is { } e)
        {
            var (start, end) = (Utc(s), Utc(e));
            if (v.Require("endsAt", end > start, TeamsCodes.ShiftEndsAfterStarts))
                v.Require("endsAt", end - start <= RosterShift.LongestShift, TeamsCodes.ShiftMost24Hours);
        }
        return v;
    }

    /// <summary>Times are kept in UTC: a time with an offset is converted, a time without one is taken as UTC.</summary>
    public static DateTime Utc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };

    /// <summary>The instants [00:00, 24:00) of <paramref name="date"/> on the office's clock.</summary>
    public static (DateTime From, DateTime To) Day(DateOnly date, IndonesianTimeZone zone) => zone.Day(date);
}
