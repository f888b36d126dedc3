using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pantau.Web.Features.Operations;

/// <summary>The staff's report queue, triage and dispatch.</summary>
public sealed class OperationsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueEventsInterceptor>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<QueueEventsInterceptor>());
        builder.Services.AddOperations(builder.Configuration);
    }

    public static void Map(WebApplication app)
    {
        app.MapOperations();
        app.MapDispatch();
    }
}
