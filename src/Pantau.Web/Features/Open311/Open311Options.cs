namespace Pantau.Web.Features.Open311;

/// <summary>
/// What an office chooses to publish of its reports in the public Open311 list (<c>Open311:PublishDetailsOf</c>, office
/// ids). By default a report there is its category, status, dates and kecamatan only: its description, street and exact
/// position are about a person, and stay with immigration and with the client application that sent the report.
/// </summary>
public sealed class Open311Options
{
    public List<int> PublishDetailsOf { get; set; } = [];

    public bool Publishes(int officeId) => PublishDetailsOf.Contains(officeId);
}

public static class Open311Setup
{
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<Open311Options>().Bind(cfg.GetSection("Open311"))
            .Validate(o => o.PublishDetailsOf.All(id => id > 0), "Open311:PublishDetailsOf lists office ids (positive numbers).").ValidateOnStart();
        services.AddSingleton<Open311Senders>();
        return services;
    }
}
