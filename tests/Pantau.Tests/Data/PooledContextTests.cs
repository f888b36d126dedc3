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
        await using var anonymous = app.Services.CreateAsyncScope();
        var next = anonymous.ServiceProvider.GetRequiredService<PantauDb>();
        Assert.Same(first, next);
        Assert.Same(anonymous.ServiceProvider.GetRequiredService<CurrentStaff>(), next.Current);
        Assert.Equal(0, await next.Foreigners.CountAsync());
    }
}
