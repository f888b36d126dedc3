namespace Pantau.Web.Features.LiveEvents;

/// <summary>The consoles' live events, relayed between instances.</summary>
public sealed class LiveEventsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddEventRelay(builder.Configuration);
        builder.Services.AddSingleton<LiveEventHub>();
        builder.Services.AddSingleton<Pantau.Web.Infrastructure.IObservedState>(sp => sp.GetRequiredService<LiveEventHub>());
    }
}
