namespace Pantau.Web.Features.Dashboard;

/// <summary>
/// The codes the dashboard's API answers with (keys of <c>Resources/DashboardTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class DashboardCodes
{
    /// <summary>A date is written YYYY-MM-DD.</summary>
    public const string DateIsYyyyMmDd = "dashboard.dateIsYyyyMmDd";
    /// <summary>The period ends on or after the day it starts.</summary>
    public const string PeriodEndsAfterStart = "dashboard.periodEndsAfterStart";
    /// <summary>A period is at most {0} days.</summary>
    public const string PeriodAtMostDays = "dashboard.periodAtMostDays";
    /// <summary>A month is written YYYY-MM.</summary>
    public const string MonthIsYyyyMm = "dashboard.monthIsYyyyMm";
    /// <summary>A province code is two digits.</summary>
    public const string ProvinceIsTwoDigits = "dashboard.provinceIsTwoDigits";
}
