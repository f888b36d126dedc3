using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Sync;

namespace Pantau.Web;

/// <summary>
/// Before the app serves: upgrade the schema, import regions into an empty database, seed the demo. On PostgreSQL
/// under <see cref="StartupLock"/>: of several instances started together one does it, the others find it done.
/// </summary>
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
        await using var startupLock = await StartupLock.TakeAsync(db, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PantauStartup)));
        await PantauDatabase.MigrateAsync(db);
        await sp.GetRequiredService<RegionImporter>().ImportIfEmptyAsync(db);
        // A first load of the central snapshot sets search indexes (and on PostgreSQL foreign keys) aside until it
        // ends; with no import left to end, they are put back now.
        if (!await db.SnapshotImports.AnyAsync(i => i.Status == SnapshotImportStatus.Running))
            await FirstLoad.PutBackAsync(db, null, CancellationToken.None);
        await DemoStart.SeedOrRefuseAsync(sp, app.Environment, db);
    }
}
