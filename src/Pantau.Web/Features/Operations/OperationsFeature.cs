using Microsoft.EntityFrameworkCore.Diagnostics;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Operations;

/// <summary>The staff's report queue (`/api/reports`), triage and dispatch.</summary>
public sealed class OperationsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueEventsInterceptor>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<QueueEventsInterceptor>());
        builder.Services.AddOperations(builder.Configuration);
        builder.Services.AddSingleton<IObservedState, QueueGauges>();
    }

    public static void Map(WebApplication app)
    {
        app.MapReports();
        app.MapOperations();
        app.MapDispatch();
        app.MapOverview();
    }
}
