using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Pantau.Tests.Infrastructure;

/// <summary>What the code could avoid is not in the operator's log: EF Core's warnings about the queries it runs.</summary>
public sealed class CleanLogTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task A_registration_a_registry_page_and_a_field_check_leave_no_warning_of_ef_core()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var passport = People.NextPassport();
        await officer.RegisterAsync(People.Registration(passport: passport));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/foreigners?query={passport}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/foreigners?page=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync("/api/field-checks", new { passportNumber = passport, purpose = "patroli rutin" })).StatusCode);

        var warnings = app.Entries.Where(e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            .Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }
}
