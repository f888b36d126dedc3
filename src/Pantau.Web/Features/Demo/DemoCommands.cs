using System.CommandLine;
using System.Globalization;
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
        var reports = CommandOptions.Count("--reports", "How many verified reports to add, spread over the demo offices and --month.", 0);
        var month = new Option<string?>("--month") { Description = "The local month (YYYY-MM) of the reports; by default the last full month." };
        var seed = new Command("seed", "Fills the database with the demo offices, accounts and foreigners (outside Development only with " +
            $"{DemoOptions.Switch}).") { foreigners, reports, month };
        seed.SetAction(parsed => run(parsed, sp => SeedAsync(sp, parsed.GetValue(foreigners), parsed.GetValue(reports), parsed.GetValue(month))));
        return seed;
    }

    private static async Task<int> SeedAsync(IServiceProvider sp, int count, int reports = 0, string? month = null)
    {
        // The offices' local time (Operations:UtcOffsetHours, WIB by default), read here so that Demo needs nothing of Operations.
        var offset = TimeSpan.FromHours(sp.GetRequiredService<IConfiguration>().GetValue("Operations:UtcOffsetHours", 7.0));
        var today = DateOnly.FromDateTime(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime + offset);
        var reportMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if (month is not null && !DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out reportMonth))
        {
            Console.Error.WriteLine("seed: --month is written YYYY-MM.");
            return 1;
        }
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
                if (reports <= 0) return;
                var seeded = ctx.AddTask($"Seeding {reports:N0} reports in {reportMonth:yyyy-MM}", maxValue: reports);
                await seeder.SeedReportsAsync(reports, reportMonth, offset, new Progress<int>(done => seeded.Value = done));
                seeded.Value = reports;
            });
        return 0;
    }
}
