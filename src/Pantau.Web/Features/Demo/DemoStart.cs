using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Demo;

/// <summary>The demo's part of the start (<see cref="PantauStartup"/>), once the schema and the regions are there.</summary>
public static class DemoStart
{
    /// <summary>Seeds the demo when <see cref="DemoOptions.ShouldSeed"/>; outside Development otherwise refuses a database that still opens with the published password.</summary>
    public static async Task SeedOrRefuseAsync(IServiceProvider sp, IHostEnvironment env, PantauDb db)
    {
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoStart));
        if (!demo.ShouldSeed(env))
        {
            if (!env.IsDevelopment() && !demo.SeedOutsideDevelopment)
                await RefusePublishedPasswordsAsync(db, sp.GetRequiredService<UserManager<StaffUser>>());
            return;
        }
        if (!env.IsDevelopment())
            log.LogCritical("DEMO DATA in the {Environment} environment ({Switch}): accounts with the published password {Password} " +
                "are created and kept. Never do this on a real deployment.", env.EnvironmentName, DemoOptions.Switch, DemoData.Password);
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
}
