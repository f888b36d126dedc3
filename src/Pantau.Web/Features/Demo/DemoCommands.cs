using System.CommandLine;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Spectre.Console;

namespace Pantau.Web.Features.Demo;

/// <summary><c>seed [--foreigners N]</c>: fills a database with demo data, with a progress bar.</summary>
public static class DemoCommands
{
    public static Command Seed(CommandRunner run)
    {
        var foreigners = CommandOptions.Count("--foreigners", "How many foreigners to seed.", 5000);
        var seed = new Command("seed", "Fills the database with the demo offices, accounts and foreigners (outside Development only with " +
            $"{DemoOptions.Switch}).") { foreigners };
        seed.SetAction(parsed => run(parsed, sp => SeedAsync(sp, parsed.GetValue(foreigners))));
        return seed;
    }

    private static async Task<int> SeedAsync(IServiceProvider sp, int count)
    {
        var env = sp.GetRequiredService<IHostEnvironment>();
        // The demo accounts' password is published: outside Development only on purpose, said loudly.
        if (!env.IsDevelopment())
        {
            if (!sp.GetRequiredService<IOptions<DemoOptions>>().Value.SeedOutsideDevelopment)
            {
                Console.Error.WriteLine($"seed: the {env.EnvironmentName} environment gets demo accounts (password {DemoData.Password}) only with {DemoOptions.Switch}.");
                return 1;
            }
            AnsiConsole.MarkupLine($"[bold red]DEMO DATA in the {env.EnvironmentName} environment: accounts with the published password {Markup.Escape(DemoData.Password)}.[/]");
        }
        var db = sp.GetRequiredService<PantauDb>();
        await PantauDatabase.MigrateAsync(db);
        await sp.GetRequiredService<RegionImporter>().ImportIfEmptyAsync(db);
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(sp);
        await seeder.SeedOfficesAndAccountsAsync();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Seeding {count:N0} foreigners", maxValue: count);
                await seeder.SeedForeignersAsync(count, new Progress<int>(done => task.Value = done));
                task.Value = count;
            });
        return 0;
    }
}
