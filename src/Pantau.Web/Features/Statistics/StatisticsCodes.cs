namespace Pantau.Web.Features.Statistics;

/// <summary>
/// The codes Statistics' rules and API answer with (keys of <c>Resources/StatisticsTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class StatisticsCodes
{
    /// <summary>RW is a number from 1 to 999, with a village code.</summary>
    public const string RwWithVillage = "statistics.rwWithVillage";
    /// <summary>RT is a number from 1 to 999, with an RW.</summary>
    public const string RtWithRw = "statistics.rtWithRw";
    /// <summary>Public statistics go down to a kecamatan: give a province, regency or kecamatan code, or none.</summary>
    public const string PublicDownToDistrict = "statistics.publicDownToDistrict";
}
