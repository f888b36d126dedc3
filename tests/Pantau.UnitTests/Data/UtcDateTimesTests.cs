using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Pantau.Web;
using Pantau.Web.Data;

namespace Pantau.UnitTests.Data;

public sealed class UtcDateTimesTests
{
    [Fact]
    public void A_time_read_is_marked_UTC_and_a_time_written_is_stored_as_it_is()
    {
        var converter = new UtcDateTimes.ReadAsUtc();
        var stored = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Unspecified);
        var read = (DateTime)converter.ConvertFromProvider(stored)!;
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(stored.Ticks, read.Ticks);
        var written = (DateTime)converter.ConvertToProvider(stored)!;
        Assert.Equal(DateTimeKind.Unspecified, written.Kind);
        Assert.Equal(stored.Ticks, written.Ticks);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Every_time_of_the_model_is_read_as_UTC(DatabaseProvider provider)
    {
        // The model is built without opening a database; the PostgreSQL host cannot exist.
        var options = new DbContextOptionsBuilder<PantauDb>();
        PantauDatabase.Configure(options, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Pantau"] = provider == DatabaseProvider.Postgres ? "Host=model-only.invalid;Database=pantau" : "Data Source=:memory:",
        }).Build());
        using var db = new PantauDb(options.Options);
        var times = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, p => Assert.IsType<UtcDateTimes.ReadAsUtc>(p.GetValueConverter()));
    }
}
