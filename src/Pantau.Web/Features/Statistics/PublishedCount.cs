using System.Globalization;

namespace Pantau.Web.Features.Statistics;

/// <summary>
/// How a count leaves the building for the public and for partners (docs/decisions/010-statistics-suppression.md):
/// zero as 0, 1 to 4 as "&lt;5", anything larger rounded to the nearest multiple of five. Every published number is then
/// a multiple of five, so no sum or difference of published numbers, at any level, comes out as 1 to 4.
/// </summary>
public static class PublishedCount
{
    public const int Base = 5;
    public const string Small = "<5";

    /// <summary>The number shown, or null for "&lt;5".</summary>
    public static int? Of(int count) => count switch
    {
        <= 0 => 0,
        < Base => null,
        _ => (count + Base / 2) / Base * Base,
    };

    public static string Display(int count) => Of(count) is { } n ? n.ToString(CultureInfo.InvariantCulture) : Small;
}
