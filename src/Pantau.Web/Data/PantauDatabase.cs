using Microsoft.EntityFrameworkCore;

namespace Pantau.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Where the data lives: <c>Database:Provider</c> and <c>ConnectionStrings:Pantau</c>.</summary>
public static class PantauDatabase
{
    public static DatabaseProvider ProviderFrom(IConfiguration cfg) =>
        Enum.TryParse<DatabaseProvider>(cfg["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static string ConnectionStringFrom(IConfiguration cfg)
    {
        if (cfg.GetConnectionString("Pantau") is { Length: > 0 } cs) return cs;
        if (ProviderFrom(cfg) == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Pantau is not set.");
        Directory.CreateDirectory("data");
        return "Data Source=data/pantau.db";
    }

    private static readonly Features.Statistics.ResidentCountsInterceptor CountsInterceptor = new();

    public static void Configure(DbContextOptionsBuilder o, IConfiguration cfg)
    {
        var cs = ConnectionStringFrom(cfg);
        o.AddInterceptors(CountsInterceptor);
        if (ProviderFrom(cfg) == DatabaseProvider.Postgres)
            o.UseNpgsql(cs, n => n.MigrationsHistoryTable("__EFMigrationsHistory"));
        else
            o.UseSqlite(cs);
    }
}
