namespace Pantau.Web.Features.Audit;

/// <summary>
/// The codes Audit' rules and API answer with (keys of <c>Resources/AuditTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class AuditCodes
{
    /// <summary>A page holds 1 to 500 entries.</summary>
    public const string PageSize = "audit.pageSize";
}
