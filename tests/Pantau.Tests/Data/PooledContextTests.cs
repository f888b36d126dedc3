using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Tests.Data;

public sealed class PooledContextTests
{
    /// <summary>Contexts come back from the pool: the next scope's caller, not the last one's, decides what it sees.</summary>
    [Fact]
    public async Task A_pooled_context_serves_the_scope_that_leases_it()
    {
        using var app = new PantauApp();
        await (await app.LoginAsync("petugas.jaksel@pantau.test")).RegisterAsync(People.Registration());
        PantauDb first;
        await using (var system = app.Services.CreateAsyncScope())
        {
            system.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
            first = system.ServiceProvider.GetRequiredService<PantauDb>();
            Assert.True(await first.Foreigners.CountAsync() > 0);
        }
        // The pool may hold other contexts (background work leases them too): lease, and keep, until the first comes back.
        var held = new List<AsyncServiceScope>();
        try
        {
            for (var i = 0; i < 256 && !held.Any(h => ReferenceEquals(h.ServiceProvider.GetRequiredService<PantauDb>(), first)); i++)
                held.Add(app.Services.CreateAsyncScope());
            var anonymous = held.Single(h => ReferenceEquals(h.ServiceProvider.GetRequiredService<PantauDb>(), first));
            var next = anonymous.ServiceProvider.GetRequiredService<PantauDb>();
            Assert.Same(anonymous.ServiceProvider.GetRequiredService<CurrentStaff>(), next.Current);
            Assert.Equal(0, await next.Foreigners.CountAsync());
        }
        finally
        {
            foreach (var h in held) await h.DisposeAsync();
        }
    }
}
