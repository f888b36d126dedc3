using System.Reflection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Places;
using Pantau.Web.Infrastructure;

namespace Pantau.Web;

/// <summary>
/// The one composition root: the web app and every command build the same services here; the web app then adds its
/// pipeline and endpoints. Features are found in the assembly (<see cref="IFeature"/>), in the order of their names.
/// </summary>
public static class PantauHost
{
    public static readonly IReadOnlyList<Type> Features = typeof(PantauHost).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IFeature)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(HostArgs.WithoutConfigWatch(args));
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        AddPantauDb(builder.Services);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        // Enums travel by name; an undefined name or a number is a 400 naming the field (InputRules).
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory()));
        // Every time written is UTC with its Z (UtcTimestamps).
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new UtcTimestamps()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(o => o.AddOperationTransformer<OpenApiRefusals>());
        builder.Services.AddPantauHealthChecks();
        builder.Services.AddSecureTransport(builder.Environment);
        builder.Services.AddKnownProxies(builder.Configuration);
        builder.Services.AddPantauLocalization();
        builder.Services.AddOutputCache();
        builder.Services.AddPantauCompression();
        builder.Services.AddSingleton(sp => ModuleMap.Load(sp.GetRequiredService<IWebHostEnvironment>()));
        builder.AddPantauTelemetry();
        foreach (var feature in Features) Call(nameof(AddFeature), feature, builder);
        // Pages live in their feature folders; every page needs a signed-in user unless it says [AllowAnonymous].
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
        });
        return builder;
    }

    public static async Task RunWebAsync(string[] args)
    {
        var builder = CreateBuilder(args);
        Draining.Add(builder); // the web app's alone: a command ends without waiting
        var app = builder.Build();
        await app.PreparePantauAsync();

        app.UseKnownProxies();
        Draining.Use(app);
        app.UseResponseCompression();
        // The maps' tiles are the one outside source the pages load (Places:TileUrl).
        app.UseSecurityHeaders(app.Services.GetRequiredService<IOptions<PlacesOptions>>().Value.TileOrigin);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseErrorPages();
        // Routing after the error pages: a request they re-execute (a UseWhen branch routes nothing itself) is routed again.
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<CurrentStaffMiddleware>();
        app.UseApiAntiforgery();
        app.UseAuthorization();
        app.UseMiddleware<InputGuard>();
        app.UseOutputCache();
        app.UseRateLimiter();

        // Static files as endpoints: fingerprinted names cached for a year, compressed at build, ETags of their content.
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapPantauHealthChecks();
        app.MapPantauMetrics();
        app.MapGet("/api/ping", () => TypedResults.Ok(new { ok = true })).ExcludeFromDescription();
        foreach (var feature in Features) Call(nameof(MapFeature), feature, app);
        app.MapCulture();
        // The pages' "~/" links and asp-append-version name the fingerprinted files.
        app.MapRazorPages().WithStaticAssets();

        await app.RunAsync();
    }

    /// <summary>Every feature's commands, on the same services.</summary>
    public static IEnumerable<System.CommandLine.Command> Commands(CommandRunner run) =>
        Features.SelectMany(f => (IEnumerable<System.CommandLine.Command>)Call(nameof(FeatureCommands), f, run)!);

    /// <summary>
    /// <see cref="PantauDb"/> per scope, leased from a pool and handed to the scope's caller: creating a context per
    /// request (its internal services) cost more than a count's query. The options depend on configuration and
    /// singletons only: the interceptors come from the features (each registers its own as an IInterceptor).
    /// </summary>
    private static void AddPantauDb(IServiceCollection services)
    {
        services.AddPooledDbContextFactory<PantauDb>((sp, o) =>
        {
            PantauDatabase.Configure(o, sp.GetRequiredService<IConfiguration>());
            o.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<PantauDb>>().CreateDbContext();
            db.Serve(sp.GetRequiredService<CurrentStaff>());
            return db;
        });
    }

    private static object? Call(string method, Type feature, object argument)
    {
        try
        {
            return typeof(PantauHost).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(feature).Invoke(null, [argument]);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            // A feature's own failure (a setting refused at start), not the reflection's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private static void AddFeature<T>(WebApplicationBuilder builder) where T : IFeature => T.Add(builder);
    private static void MapFeature<T>(WebApplication app) where T : IFeature => T.Map(app);
    private static IEnumerable<System.CommandLine.Command> FeatureCommands<T>(CommandRunner run) where T : IFeature => T.Commands(run);
}
