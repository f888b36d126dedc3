namespace Pantau.Web.Features.Registry;

/// <summary>
/// A permit's purpose as one of a few categories, each with words in both languages (<c>permitPurpose.*</c>): the
/// central database sends free text, in either language or as a bare category word.
/// </summary>
public static class PermitPurposes
{
    public static readonly string[] Categories = ["work", "family", "investment", "study", "retirement", "research", "visit", "official", "other"];

    public static string Category(string? purpose, PermitType type)
    {
        if (type is PermitType.Diplomatic or PermitType.Service) return "official";
        var p = (purpose ?? "").Trim().ToLowerInvariant();
        static bool Any(string p, params string[] words) => words.Any(p.Contains);
        if (Any(p, "work", "kerja", "employ", "job")) return "work";
        if (Any(p, "family", "keluarga", "spouse", "istri", "suami", "marri", "child", "anak")) return "family";
        if (Any(p, "invest")) return "investment";
        if (Any(p, "study", "studi", "student", "pelajar", "belajar", "kuliah", "school", "sekolah")) return "study";
        if (Any(p, "retire", "pensiun", "lansia")) return "retirement";
        if (Any(p, "research", "penelitian", "riset")) return "research";
        if (type == PermitType.ITK || Any(p, "visit", "kunjungan", "touris", "wisata")) return "visit";
        return "other";
    }

    /// <summary>
    /// The free text worth showing beside the category's words: none when it is only a category word (the demo's and
    /// many feeds' "work"), which a person should read in the page's language, not as a code.
    /// </summary>
    public static string? Detail(string? purpose) =>
        purpose?.Trim() is { Length: > 0 } p && !Categories.Contains(p.ToLowerInvariant()) ? p : null;
}
