namespace Pantau.Web.Features.Teams;

/// <summary>
/// The codes Teams' rules and API answer with (keys of <c>Resources/TeamsTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class TeamsCodes
{
    /// <summary>The start of the shift is required.</summary>
    public const string StartShiftRequired = "teams.startShiftRequired";
    /// <summary>The end of the shift is required.</summary>
    public const string EndShiftRequired = "teams.endShiftRequired";
    /// <summary>The shift ends after it starts.</summary>
    public const string ShiftEndsAfterStarts = "teams.shiftEndsAfterStarts";
    /// <summary>A shift is at most 24 hours long.</summary>
    public const string ShiftMost24Hours = "teams.shiftMost24Hours";
    /// <summary>The team is inactive; activate it before giving it shifts.</summary>
    public const string TeamInactiveActivateBefore = "teams.teamInactiveActivateBefore";
    /// <summary>A team is required.</summary>
    public const string TeamRequired = "teams.teamRequired";
    /// <summary>A date looks like 2026-11-22.</summary>
    public const string DateLooksLike2026 = "teams.dateLooksLike2026";
    /// <summary>A team name is required.</summary>
    public const string TeamNameRequired = "teams.teamNameRequired";
    /// <summary>A team name is at most 100 characters.</summary>
    public const string TeamNameMost100 = "teams.teamNameMost100";
    /// <summary>Another team of the office has this name.</summary>
    public const string AnotherTeamOfficeHas = "teams.anotherTeamOfficeHas";
    /// <summary>You manage the teams of your own office only.</summary>
    public const string YouManageTeamsOwn = "teams.youManageTeamsOwn";
    /// <summary>An office is required.</summary>
    public const string OfficeRequired = "teams.officeRequired";
    /// <summary>A team has at most 50 members.</summary>
    public const string TeamHasMost50 = "teams.teamHasMost50";
    /// <summary>A member is required.</summary>
    public const string MemberRequired = "teams.memberRequired";
    /// <summary>The name is at most 200 characters.</summary>
    public const string NameMost200Characters = "teams.nameMost200Characters";
    /// <summary>An officer of the office is a member for Immigration.</summary>
    public const string OfficerOfficeMemberImmigration = "teams.officerOfficeMemberImmigration";
    /// <summary>A partner member's agency is Police, Military or Other.</summary>
    public const string PartnerMemberAgencyPolice = "teams.partnerMemberAgencyPolice";
    /// <summary>A member account is an officer or office head of the team's office (or a partner account of the office).</summary>
    public const string MemberAccountOfficerOffice = "teams.memberAccountOfficerOffice";
    /// <summary>A member from outside the office needs a name.</summary>
    public const string MemberOutsideOfficeNeeds = "teams.memberOutsideOfficeNeeds";
    /// <summary>A member from outside the office needs an agency: Immigration, Police, Military or Other.</summary>
    public const string MemberOutsideOfficeNeeds2 = "teams.memberOutsideOfficeNeeds2";
    /// <summary>This member is listed twice.</summary>
    public const string MemberListedTwice = "teams.memberListedTwice";
    /// <summary>The team already has shift {0} from {1} to {2} UTC, which this one overlaps.</summary>
    public const string ShiftOverlaps = "teams.shiftOverlaps";
    /// <summary>A time is given with its zone: 2026-12-06T08:00:00+07:00 (WIB) or 2026-12-06T01:00:00Z.</summary>
    public const string TimeWithZone = "teams.timeWithZone";
}
