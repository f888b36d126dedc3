using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Sync;

namespace Pantau.Web.Data;

/// <summary>Before the app serves: upgrade the schema, import regions into an empty database, seed the demo.</summary>
public static class PantauStartup
{
    public static async Task PreparePantauAsync(this WebApplication app)
    {
        // Every setting is checked before anything is written: a missing, weak or development secret outside
        // Development stops the start here, naming the setting (ValidateOnStart would only check it after this).
        app.Services.GetService<IStartupValidator>()?.Validate();

        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentStaff>().ActAsSystem();
        var db = sp.GetRequiredService<PantauDb>();
        await MigrateAsync(db);
        await sp.GetRequiredService<RegionImporter>().ImportIfEmptyAsync(db);
        // A first load of the central snapshot sets search indexes (and on PostgreSQL foreign keys) aside until it
        // ends; with no import left to end, they are put back now.
        if (!await db.SnapshotImports.AnyAsync(i => i.Status == SnapshotImportStatus.Running))
            await FirstLoad.PutBackAsync(db, null, CancellationToken.None);

        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PantauStartup));
        if (!demo.ShouldSeed(app.Environment))
        {
            if (!app.Environment.IsDevelopment() && !demo.SeedOutsideDevelopment)
                await RefusePublishedPasswordsAsync(db, sp.GetRequiredService<UserManager<StaffUser>>());
            return;
        }
        if (!app.Environment.IsDevelopment())
            log.LogCritical("DEMO DATA in the {Environment} environment ({Switch}): accounts with the published password {Password} " +
                "are created and kept. Never do this on a real deployment.", app.Environment.EnvironmentName, DemoOptions.Switch, DemoData.Password);
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(sp);
        await seeder.SeedOfficesAndAccountsAsync();
        await seeder.SeedForeignersAsync(demo.Foreigners);
    }

    /// <summary>
    /// Outside Development no account may open with the published demo password: a database once seeded as a demo
    /// stops the start until those accounts are changed or removed.
    /// </summary>
    private static async Task RefusePublishedPasswordsAsync(PantauDb db, UserManager<StaffUser> users)
    {
        var emails = DemoData.Accounts.Select(a => a.Email).ToList();
        var open = new List<string>();
        foreach (var account in await db.Users.Where(u => emails.Contains(u.Email!)).ToListAsync())
            if (await users.CheckPasswordAsync(account, DemoData.Password)) open.Add(account.Email!);
        if (open.Count > 0)
            throw new InvalidOperationException($"The database holds demo accounts whose password is published ({string.Join(", ", open.Order())}). " +
                $"Outside Development change their passwords or remove them, or start with {DemoOptions.Switch} to run a demo on purpose.");
    }

    public static async Task MigrateAsync(PantauDb db)
    {
        if (db.Database.IsSqlite())
        {
            // WAL: readers do not wait for the writer, and a killed process loses no committed transaction.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync();
    }
}
