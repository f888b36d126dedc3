namespace Pantau.Web.Features.Dashboard;

/// <summary>An office's, a province's or the country's figures over a period (`/api/dashboard`, `/dasbor`) and the monthly workbook.</summary>
public sealed class DashboardFeature : IFeature
{
    public static void Map(WebApplication app) => app.MapDashboard();
}
