using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pantau.Web.Features.Statistics;

/// <summary>Counts of residents by region and nationality.</summary>
public sealed class StatisticsFeature : IFeature
{
    // The counts follow every save of a person, in the same transaction.
    public static void Add(WebApplicationBuilder builder) => builder.Services.AddSingleton<IInterceptor, ResidentCountsInterceptor>();

    public static void Map(WebApplication app) => app.MapStatistics();
}
