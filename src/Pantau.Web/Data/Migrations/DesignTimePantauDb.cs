using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pantau.Web.Data.Migrations;

/// <summary>
/// The context <c>dotnet ef</c> works with (<c>scripts/add-migration.sh</c>): the provider is the first argument after
/// <c>--</c> (<c>Sqlite</c> or <c>Postgres</c>). Adding a migration opens no database, so no real one is named here;
/// the PostgreSQL host is one that cannot exist.
/// </summary>
internal sealed class DesignTimePantauDb : IDesignTimeDbContextFactory<PantauDb>
{
    public PantauDb CreateDbContext(string[] args)
    {
        var provider = args.FirstOrDefault() ?? nameof(DatabaseProvider.Sqlite);
        var cfg = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Pantau"] = provider.Equals(nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase)
                ? "Host=design-time.invalid;Database=pantau" : "Data Source=:memory:",
        }).Build();
        var options = new DbContextOptionsBuilder<PantauDb>();
        PantauDatabase.Configure(options, cfg);
        return new PantauDb(options.Options);
    }
}
