using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;
using Pantau.Web.Data.Migrations;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Regions;

namespace Pantau.Tests.Data;

/// <summary>An app started on a database made by an earlier version.</summary>
public sealed class UpgradedApp(string connectionString) : PantauApp(connectionString);

public sealed class MigrationTests
{
    private static string NewConnectionString() => TestDatabase.Provider == DatabaseProvider.Postgres
        ? TestDatabase.NewPostgresDatabase()
        : $"Data Source={Path.Combine(AppContext.BaseDirectory, "dbs", $"migration-{Guid.NewGuid():N}.db")}";

    private static PantauDb Open(string cs, bool asFirstVersion = false)
    {
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "dbs"));
        var current = new CurrentStaff();
        current.ActAsSystem();
        var options = new DbContextOptionsBuilder<PantauDb>();
        if (asFirstVersion)
        {
            // Version 1 had no resident counts to keep up to date.
            if (TestDatabase.Provider == DatabaseProvider.Postgres) options.UseNpgsql(cs); else options.UseSqlite(cs);
            options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
            options.ReplaceService<IModelCustomizer, FirstVersionModel>();
            return Served(new PantauDb(options.Options), current);
        }
        PantauDatabase.Configure(options, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabase.Provider.ToString(),
            ["ConnectionStrings:Pantau"] = cs,
        }).Build());
        return Served(new PantauDb(options.Options), current);
    }

    /// <summary>The columns later versions added to version 1's tables are not in version 1's database.</summary>
    private sealed class FirstVersionModel(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<StayPermit>().Ignore(p => p.SponsorPhone); // version 9
        }
    }

    private static void Drop(string cs)
    {
        if (TestDatabase.Provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(cs);
        else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// SQLite waits for the write lock in its own busy handler (steps of a millisecond or a few), on every connection the
    /// app opens, pooled ones included; PostgreSQL has row locks and no busy handler to set.
    /// </summary>
    [Fact]
    public async Task Every_SQLite_connection_of_the_app_waits_for_the_write_lock()
    {
        if (TestDatabase.Provider == DatabaseProvider.Postgres) return;
        var cs = NewConnectionString();
        try
        {
            for (var i = 0; i < 3; i++) // the first opening, then connections given back to the pool and taken again
            {
                await using var db = Open(cs);
                await db.Database.OpenConnectionAsync();
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = "PRAGMA busy_timeout";
                Assert.Equal(30_000L, (long)(await cmd.ExecuteScalarAsync())!);
                await db.Database.CloseConnectionAsync();
            }
        }
        finally { Drop(cs); }
    }

    [Fact]
    public async Task The_migrated_schema_is_the_model()
    {
        string fromModel = NewConnectionString(), migrated = NewConnectionString();
        try
        {
            await using (var db = Open(fromModel)) await db.Database.EnsureCreatedAsync();
            await using (var db = Open(migrated)) await db.Database.MigrateAsync();
            await using var a = Open(fromModel);
            await using var b = Open(migrated);
            // EF's own bookkeeping tables exist only where migrations ran.
            var expected = (await SchemaAsync(a)).Where(s => !s.Contains("__EF")).ToHashSet();
            var actual = (await SchemaAsync(b)).Where(s => !s.Contains("__EF")).ToHashSet();
            Assert.Equal(expected.Except(actual).ToList(), []);
            Assert.Equal(actual.Except(expected).ToList(), []);
            Assert.True(expected.Count > 100);
            await using var check = Open(migrated);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            Drop(fromModel);
            Drop(migrated);
        }
    }

    /// <summary>
    /// A change of the model without its migration (scripts/add-migration.sh) fails here, on either run, for both
    /// providers' sets: each set's snapshot is compared with the model, which opens no database.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Each_providers_migrations_hold_the_model(DatabaseProvider provider)
    {
        using var db = new DesignTimePantauDb().CreateDbContext([provider.ToString()]);
        var set = db.GetService<IMigrationsAssembly>();
        // The frozen SQL history, shared, then the provider's own generated migrations and snapshot.
        var shared = typeof(ProviderMigrations).Namespace;
        Assert.Equal($"{shared}.{provider}", set.ModelSnapshot?.GetType().Namespace);
        Assert.All(set.Migrations.Values, m => Assert.Contains(m.Namespace, new[] { shared, $"{shared}.{provider}" }));
        Assert.Equal("20261122000001_Initial", set.Migrations.Keys.First());
        Assert.Equal($"{shared}.{provider}", set.Migrations.Values.Last().Namespace);
        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed without a migration: scripts/add-migration.sh Name.");
    }

    [Fact]
    public async Task A_database_made_by_the_first_version_upgrades_without_losing_data()
    {
        var cs = NewConnectionString();
        Guid personId;
        await using (var v1 = Open(cs, asFirstVersion: true))
        {
            await v1.GetService<IMigrator>().MigrateAsync("20261122000001_Initial");
            Assert.DoesNotContain("AuditEntries", await TablesAsync(v1));
            await new RegionImporter(Microsoft.Extensions.Options.Options.Create(new RegionsOptions()), NullLogger<RegionImporter>.Instance).ImportIfEmptyAsync(v1);
            var now = DateTime.UtcNow;
            var person = new Foreigner("Hiroshi Tanaka", Sex.Male, new DateOnly(1970, 5, 5), "JPN", now);
            person.RecordPassport("TK1234567", "JPN", new DateOnly(2031, 1, 1), now);
            person.RecordPermit(PermitType.ITAP, "ITAP-2020-0001", new DateOnly(2022, 1, 1), new DateOnly(2027, 1, 1), "family", "Spouse: Ayu (WNI)", now);
            person.MoveTo(People.SetiaBudi, 1, 1, "Jl. Setia Budi 5", new DateOnly(2022, 1, 1), now);
            v1.Foreigners.Add(person);
            await v1.SaveChangesAsync();
            // In the first version's columns (today's Office has more); in Sulawesi Selatan, whose zone the upgrade gives it.
            await v1.Database.ExecuteSqlRawAsync("""INSERT INTO "Offices" ("Code", "Name", "ProvinceCode") VALUES ('KANIM-OLD', 'Kantor Imigrasi Lama', '73')""");
            await v1.Database.ExecuteSqlRawAsync("""INSERT INTO "OfficeJurisdictions" ("OfficeId", "RegencyCode") SELECT "Id", '73.71' FROM "Offices" WHERE "Code" = 'KANIM-OLD'""");
            personId = person.Id;
        }

        using var app = new UpgradedApp(cs); // start-up migrates to the latest version
        var admin = await app.LoginAsync("admin@pantau.test");
        var read = await admin.GetJsonAsync($"/api/foreigners/{personId}");
        Assert.Equal("Hiroshi Tanaka", read.GetProperty("fullName").GetString());
        Assert.Equal("TK1234567", read.GetProperty("passports")[0].GetProperty("number").GetString());
        Assert.Equal("Spouse: Ayu (WNI)", read.GetProperty("currentPermit").GetProperty("sponsor").GetString());
        Assert.Equal("Asia/Makassar", (await admin.GetJsonAsync("/api/offices")).EnumerateArray()
            .Single(o => o.GetProperty("code").GetString() == "KANIM-OLD").GetProperty("timeZone").GetString());
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(1, verify.GetProperty("entries").GetInt64()); // the read above, on the new trail
        // Version 4 counted the people already there.
        var count = await admin.GetJsonAsync($"/api/stats/count?region={People.SetiaBudi}&rw=1&rt=1");
        Assert.Equal(1, count.GetProperty("count").GetInt32());
    }

    private static async Task<List<string>> TablesAsync(PantauDb db) =>
        (await SchemaAsync(db)).Where(s => s.StartsWith("table ")).Select(s => s["table ".Length..]).ToList();

    /// <summary>Tables, columns (type, nullability) and indexes, as the provider's catalog describes them.</summary>
    private static async Task<HashSet<string>> SchemaAsync(PantauDb db)
    {
        var rows = new HashSet<string>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        if (db.Database.IsSqlite())
        {
            foreach (var (table, _) in await QueryAsync(conn, "SELECT name, '' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory'"))
            {
                rows.Add($"table {table}");
                foreach (var (column, detail) in await QueryAsync(conn, $"SELECT name, type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('{table}')"))
                    rows.Add($"column {table}.{column} {detail}");
            }
            foreach (var (index, sql) in await QueryAsync(conn, "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'"))
                rows.Add($"index {index} {sql}");
        }
        else
        {
            foreach (var (table, _) in await QueryAsync(conn, "SELECT table_name, '' FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'"))
                rows.Add($"table {table}");
            foreach (var (column, detail) in await QueryAsync(conn, """
                SELECT table_name || '.' || column_name, data_type || ' ' || coalesce(character_maximum_length::text, '') || ' ' || is_nullable || ' ' || coalesce(collation_name, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
                """))
                rows.Add($"column {column} {detail}");
            foreach (var (index, def) in await QueryAsync(conn, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))
                rows.Add($"index {index} {def}");
        }
        return rows;
    }

    private static async Task<List<(string, string)>> QueryAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<(string, string)>();
        while (await reader.ReadAsync()) result.Add((reader.GetString(0), reader.GetString(1)));
        return result;
    }

    private static PantauDb Served(PantauDb db, CurrentStaff current)
    {
        db.Serve(current);
        return db;
    }
}
