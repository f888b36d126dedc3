using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;

namespace Pantau.Tests.Access;

/// <summary>A query written without any thought of scope, as a new endpoint might be, still sees nothing it may not.</summary>
public sealed class ScopeByDefaultTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task Code_that_never_mentions_scope_sees_no_one_without_a_caller()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var person = await admin.RegisterAsync(People.Registration());
        var passport = person.GetProperty("passports")[0].GetProperty("number").GetString();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PantauDb>(); // no caller: like a forgotten [Authorize]
        Assert.Equal(0, await db.Foreigners.CountAsync());
        Assert.Equal(0, await db.Passports.CountAsync(p => p.Number == passport));
        Assert.Equal(0, await db.StayPermits.CountAsync());
        Assert.Equal(0, await db.ResidenceAddresses.CountAsync());
        Assert.Equal(0, await db.NameTokens.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());

        Assert.True(await app.WithDbAsync(system => system.Foreigners.CountAsync()) >= 1);
    }
}
