namespace Pantau.Web.Features.PermitExpiry;

/// <summary>
/// The codes PermitExpiry' rules and API answer with (keys of <c>Resources/PermitExpiryTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class PermitExpiryCodes
{
    /// <summary>The day is within the past year and not after tomorrow.</summary>
    public const string DayWithinPastYear = "permitExpiry.dayWithinPastYear";
    /// <summary>The permit-expiry job has already run for this day.</summary>
    public const string AlreadyRun = "permitExpiry.alreadyRun";
}
