using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
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
