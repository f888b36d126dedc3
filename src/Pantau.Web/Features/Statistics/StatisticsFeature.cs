namespace Pantau.Web.Features.Statistics;

/// <summary>Counts of residents by region and nationality.</summary>
public sealed class StatisticsFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapStatistics();
}
