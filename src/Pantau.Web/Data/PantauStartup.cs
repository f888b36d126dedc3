using Microsoft.EntityFrameworkCore;
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

        var cfg = app.Configuration;
        if (!cfg.GetValue("Demo:Seed", true)) return;
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(sp);
        await seeder.SeedOfficesAndAccountsAsync();
        await seeder.SeedForeignersAsync(cfg.GetValue("Demo:Foreigners", 5000));
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
