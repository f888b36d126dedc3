using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Registry;

namespace Pantau.Tests.Demo;

/// <summary>The bulk writer must leave the very rows EF Core would: the app reads, filters and joins on them.</summary>
public sealed class RegistryBulkWriterTests(PantauApp shared) : IClassFixture<PantauApp>
{
    private static readonly string[] Tables = ["Foreigners", "Passports", "StayPermits", "ResidenceAddresses", "NameTokens"];

    /// <summary>Demo people, plus one with what the generator never makes: fractions of a second, a move, a cancelled permit.</summary>
    private static List<Foreigner> People()
    {
        var people = new DemoRegistry(["36.71.01.1001", "36.03.05.2002", "31.74.02.1001"], new DateOnly(2026, 3, 1), seed: 7)
            .Generate(60).ToList();
        var now = new DateTime(2026, 3, 1, 8, 15, 30, DateTimeKind.Utc).AddTicks(1_234_560);
        var mover = new Foreigner("Jürgen  O'Brien-Schäfer", Sex.Male, new DateOnly(1970, 2, 28), "DEU", now);
        mover.RecordPassport("C01X2Y3Z4", "DEU", new DateOnly(2031, 12, 31), now);
        mover.RecordPermit(PermitType.ITAS, "2C21AB0000001", new DateOnly(2025, 1, 2), new DateOnly(2026, 1, 1), null, null, now);
        mover.RecordPermit(PermitType.ITAP, "2D21AB0000002", new DateOnly(2026, 1, 2), new DateOnly(2031, 1, 1), "family", "Spouse: Dewi (WNI)", now);
        mover.Permits[0].CancelledOn = new DateOnly(2026, 1, 2);
        mover.MoveTo("36.71.01.1001", 2, 3, "Jl. Merdeka No. 1", new DateOnly(2025, 1, 2), now);
        mover.MoveTo("36.03.05.2002", 4, 5, null, new DateOnly(2026, 2, 1), now.AddMinutes(1));
        people.Add(mover);
        return people;
    }

    [Fact]
    public async Task Rows_written_in_bulk_are_the_rows_EF_writes()
    {
        using var app = new PantauApp(); // its own, empty registry: the comparison reads whole tables
        var people = People();
        var byEf = await app.WithDbAsync(async db =>
        {
            db.Foreigners.AddRange(people);
            await db.SaveChangesAsync();
            return await DumpAsync(db);
        });
        await app.WithDbAsync(async db =>
        {
            // Children first; the cascade is not what is under test.
            await db.NameTokens.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.ResidenceAddresses.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.StayPermits.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.Passports.IgnoreQueryFilters().ExecuteDeleteAsync();
            return await db.Foreigners.IgnoreQueryFilters().ExecuteDeleteAsync();
        });

        // The same objects, ids included, written again.
        var written = await app.WithDbAsync(db => RegistryBulkWriter.WriteAsync(db, people));
        var byBulk = await app.WithDbAsync(DumpAsync);

        Assert.Equal(people.Count, written);
        Assert.Equal(Tables.Length, byEf.Count);
        foreach (var table in Tables)
        {
            Assert.Equal(byEf[table].Count, byBulk[table].Count);
            foreach (var (ef, bulk) in byEf[table].Zip(byBulk[table])) Assert.Equal(ef, bulk); // a failure shows the column
        }
        Assert.Equal(people.Count, byBulk["Foreigners"].Count);
        Assert.Equal(people.Sum(p => p.NameTokens.Count), byBulk["NameTokens"].Count);
    }

    [Fact]
    public async Task People_written_in_bulk_read_back_through_EF_as_they_were()
    {
        var people = People().Skip(20).ToList();
        // Fresh objects whose children carry no foreign key yet, as the seeder hands them over.
        Assert.All(people, p => Assert.Equal(Guid.Empty, p.Passports[0].ForeignerId));
        await shared.WithDbAsync(db => RegistryBulkWriter.WriteAsync(db, people));

        var ids = people.Select(p => p.Id).ToList();
        var read = await shared.WithDbAsync(db => db.Foreigners.AsNoTracking()
            .Include(f => f.Passports).Include(f => f.Permits).Include(f => f.Addresses).Include(f => f.NameTokens)
            .AsSplitQuery().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id));
        Assert.Equal(people.Count, read.Count);
        foreach (var expected in people)
        {
            var f = read[expected.Id];
            Assert.Equal(Describe(expected), Describe(f));
        }

        // Indexed lookups find them: text keys compare equal only when stored in EF's form.
        var mover = people.Last();
        var byPassport = await shared.WithDbAsync(db => db.Passports.AsNoTracking()
            .Where(p => p.Number == "C01X2Y3Z4" && p.ForeignerId == mover.Id).CountAsync());
        var byToken = await shared.WithDbAsync(db => db.NameTokens.AsNoTracking()
            .Where(t => t.ForeignerId == mover.Id && t.Token == "schafer").CountAsync());
        Assert.Equal((1, 1), (byPassport, byToken));
    }

    /// <summary>
    /// Every property the EF model maps, in every registry table, is written by the bulk writer: a person with a value
    /// in each (nullable ones included) reads back through EF the same whether EF or the bulk writer saved it. A column
    /// the bulk writer left out reads back empty.
    /// </summary>
    [Fact]
    public async Task A_person_written_in_bulk_reads_back_equal_to_one_EF_wrote_on_every_mapped_property()
    {
        using var app = new PantauApp(); // its own, empty registry: the comparison reads whole tables
        var person = Complete();
        var model = await app.WithDbAsync(db => Task.FromResult(db.Model));
        var types = new[] { typeof(Foreigner), typeof(Passport), typeof(StayPermit), typeof(ResidenceAddress), typeof(NameToken) }
            .Select(t => model.FindEntityType(t)!).ToList();
        var entities = new object[] { person }.Concat(person.Passports).Concat(person.Permits).Concat(person.Addresses).Concat(person.NameTokens).ToList();
        // The test itself: every nullable property holds a value somewhere, so a missing column cannot hide behind a null.
        foreach (var type in types)
            foreach (var p in type.GetProperties().Where(p => p.IsNullable))
                Assert.True(entities.Where(e => e.GetType() == type.ClrType).Any(e => p.GetGetter().GetClrValueUsingContainingEntity(e) is not null),
                    $"{type.ClrType.Name}.{p.Name} has no value in the test's person");

        var byEf = await app.WithDbAsync(async db =>
        {
            db.Foreigners.Add(person);
            await db.SaveChangesAsync();
            return await ReadBackAsync(db, types);
        });
        await app.WithDbAsync(async db =>
        {
            await db.NameTokens.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.ResidenceAddresses.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.StayPermits.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.Passports.IgnoreQueryFilters().ExecuteDeleteAsync();
            return await db.Foreigners.IgnoreQueryFilters().ExecuteDeleteAsync();
        });
        await app.WithDbAsync(db => RegistryBulkWriter.WriteAsync(db, [Complete()]));
        var byBulk = await app.WithDbAsync(db => ReadBackAsync(db, types));

        Assert.Equal(byEf.Count, byBulk.Count);
        foreach (var (ef, bulk) in byEf.Zip(byBulk)) Assert.Equal(ef, bulk); // a failure names the property
    }

    /// <summary>The same person each time (ids included), with a value in every column.</summary>
    private static Foreigner Complete()
    {
        var now = new DateTime(2026, 3, 1, 8, 15, 30, DateTimeKind.Utc).AddTicks(1_234_560);
        var f = new Foreigner("Jürgen O'Brien-Schäfer", Sex.Male, new DateOnly(1970, 2, 28), "DEU", now);
        typeof(Foreigner).GetProperty(nameof(Foreigner.Id))!.SetValue(f, new Guid("0196a0c4-0000-7000-8000-000000000001"));
        f.RecordPassport("C01X2Y3Z4", "DEU", new DateOnly(2031, 12, 31), now);
        f.RecordPermit(PermitType.ITAP, "2D21AB0000002", new DateOnly(2025, 1, 2), new DateOnly(2031, 1, 1), "family", "Spouse: Dewi (WNI)", now);
        f.Permits[0].SponsorPhone = "+6281234567890";
        f.Permits[0].CancelledOn = new DateOnly(2026, 1, 2);
        f.MoveTo("36.71.01.1001", 2, 3, "Jl. Merdeka No. 1", new DateOnly(2025, 1, 2), now);
        f.MoveTo("36.03.05.2002", 4, 5, "Jl. Sudirman 5", new DateOnly(2026, 2, 1), now.AddMinutes(1));
        var ids = 2;
        foreach (var child in f.Passports.Cast<object>().Concat(f.Permits).Concat(f.Addresses))
            child.GetType().GetProperty("Id")!.SetValue(child, new Guid($"0196a0c4-0000-7000-8000-{ids++:D12}"));
        return f;
    }

    /// <summary>Every row of the registry's tables read back through EF, as "Type.Property=value" for every mapped property.</summary>
    private static async Task<List<string>> ReadBackAsync(PantauDb db, IReadOnlyList<IEntityType> types)
    {
        var rows = new List<object>();
        rows.AddRange(await db.Foreigners.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        rows.AddRange(await db.Passports.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        rows.AddRange(await db.StayPermits.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        rows.AddRange(await db.ResidenceAddresses.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        rows.AddRange(await db.NameTokens.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        return rows.SelectMany(row => types.Single(t => t.ClrType == row.GetType()).GetProperties().Select(p =>
            {
                var value = p.GetGetter().GetClrValueUsingContainingEntity(row);
                return $"{row.GetType().Name}.{p.Name}={(value is DateTime d ? d.Ticks : value)}";
            }))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A person as plain text, ids and dates to the tick, children in a stable order.</summary>
    private static string Describe(Foreigner f) => string.Join("\n", new[]
    {
        string.Join('|', f.Id, f.FullName, f.NameKey, f.Sex, f.DateOfBirth, f.Nationality, f.Status, f.VillageCode, f.DistrictCode,
            f.RegencyCode, f.ProvinceCode, f.Rw, f.Rt, f.CreatedAt.Ticks, f.UpdatedAt.Ticks, f.Version),
    }
    .Concat(f.Passports.OrderBy(p => p.Id).Select(p => string.Join('|', p.Id, p.Number, p.IssuingState, p.ExpiryDate)))
    .Concat(f.Permits.OrderBy(p => p.Id).Select(p => string.Join('|', p.Id, p.Type, p.Number, p.IssueDate, p.ExpiryDate, p.Purpose,
        p.Sponsor, p.CancelledOn)))
    .Concat(f.Addresses.OrderBy(a => a.Id).Select(a => string.Join('|', a.Id, a.VillageCode, a.Rw, a.Rt, a.Street, a.Since, a.Until)))
    .Concat(f.NameTokens.Select(t => t.Token).Order(StringComparer.Ordinal)));

    /// <summary>Every row of the five tables as the database holds it: each value with its type (SQLite's storage class).</summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(PantauDb db)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var dump = new Dictionary<string, List<string>>();
            foreach (var table in Tables)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await cmd.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync()) rows.Add(Row(reader));
                rows.Sort(StringComparer.Ordinal);
                dump[table] = rows;
            }
            return dump;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Row(DbDataReader reader) => string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i =>
    {
        var value = reader.GetValue(i);
        return $"{reader.GetName(i)}={value.GetType().Name}:{Convert.ToString(value is DateTime d ? d.ToString("O") : value, CultureInfo.InvariantCulture)}";
    }));
}
