using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Demo;

/// <summary>
/// <c>Demo:Seed</c> (on in <c>appsettings.Development.json</c> only) seeds the demo offices, accounts — whose password is
/// published — and <c>Demo:Foreigners</c> foreigners into an empty database. Outside Development that needs the
/// explicit switch <c>--Demo:SeedOutsideDevelopment=true</c> as well, and the log says so at every start.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string Switch = "--Demo:SeedOutsideDevelopment=true";

    public bool Seed { get; set; }

    [Range(0, 100_000_000)]
    public int Foreigners { get; set; } = 5000;

    public bool SeedOutsideDevelopment { get; set; }

    public bool ShouldSeed(IHostEnvironment env) => Seed && (env.IsDevelopment() || SeedOutsideDevelopment);

    public sealed class Validation(IHostEnvironment env) : IValidateOptions<DemoOptions>
    {
        public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
            options.Seed && !env.IsDevelopment() && !options.SeedOutsideDevelopment
                ? ValidateOptionsResult.Fail($"Demo:Seed is on in the {env.EnvironmentName} environment: the demo accounts' password is published. " +
                    $"Turn it off, or start with {Switch} to seed a demo outside Development on purpose.")
                : ValidateOptionsResult.Success;
    }
}

public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<DemoOptions>().Bind(cfg.GetSection(DemoOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptions.Validation>();
        return services;
    }
}
