using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Sync;
using Spectre.Console;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Commands of the same program: <c>seed --foreigners N</c> fills a database with demo data (with a progress bar),
/// <c>schema-script</c> prints the model's CREATE script for the current provider (migrations: ADR 012),
/// <c>import-snapshot</c> and <c>simulate-central</c> are the central sync's (<see cref="SyncCommands"/>).
/// Configuration (provider, connection string) is read as for the web app.
/// </summary>
public static class PantauCommands
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !(args[0] is "seed" or "schema-script" || SyncCommands.Names.Contains(args[0]))) return false;
        // A sync command's file path (/…) would read as a configuration switch: only --key=value settings configure.
        var builder = WebApplication.CreateBuilder(HostArgs.WithoutConfigWatch(SyncCommands.Names.Contains(args[0])
            ? args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray()
            : args[1..]));
        builder.Services.AddPantauDb();
        builder.Services.AddScoped<CurrentStaff>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRegions(builder.Configuration);
        builder.Services.AddPantauAccess(builder.Configuration, builder.Environment);
        builder.Services.AddAuditTrail(builder.Configuration);
        builder.Services.AddCentralSync(builder.Configuration);
        builder.Services.AddDemo(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<PantauDb>();

        if (args[0] == "schema-script")
        {
            Console.WriteLine(db.Database.GenerateCreateScript());
            return true;
        }

        if (SyncCommands.Names.Contains(args[0]))
        {
            await SyncCommands.RunAsync(args, scope.ServiceProvider, db);
            return true;
        }

        var count = args.SkipWhile(a => a != "--foreigners").Skip(1).Select(int.Parse).FirstOrDefault(5000);
        // The demo accounts' password is published: outside Development only on purpose, said loudly.
        if (!app.Environment.IsDevelopment())
        {
            if (!scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.SeedOutsideDevelopment)
            {
                Console.Error.WriteLine($"seed: the {app.Environment.EnvironmentName} environment gets demo accounts (password {DemoData.Password}) only with {DemoOptions.Switch}.");
                Environment.ExitCode = 1;
                return true;
            }
            AnsiConsole.MarkupLine($"[bold red]DEMO DATA in the {app.Environment.EnvironmentName} environment: accounts with the published password {Markup.Escape(DemoData.Password)}.[/]");
        }
        await PantauStartup.MigrateAsync(db);
        await scope.ServiceProvider.GetRequiredService<RegionImporter>().ImportIfEmptyAsync(db);
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
        await seeder.SeedOfficesAndAccountsAsync();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Seeding {count:N0} foreigners", maxValue: count);
                await seeder.SeedForeignersAsync(count, new Progress<int>(done => task.Value = done));
                task.Value = count;
            });
        return true;
    }
}
