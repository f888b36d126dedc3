using System.Data.Common;
using CsvHelper;
using CsvHelper.Configuration;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Regions;

/// <summary>
/// Loads the Kemendagri hierarchy from the CSV files of the npm package idn-area-data (copied next to the app by the
/// build) into an empty Regions table, in one transaction: ~91,000 rows.
/// </summary>
/// <summary><c>Regions:DataPath</c>: the folder with the idn-area-data CSV files (default: <c>regions</c> beside the app).</summary>
public sealed class RegionsOptions
{
    public string? DataPath { get; set; }
}

public static class RegionsSetup
{
    public static IServiceCollection AddRegions(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<RegionsOptions>().Bind(cfg.GetSection("Regions"))
            .Validate(o => string.IsNullOrEmpty(o.DataPath) || Directory.Exists(o.DataPath), "Regions:DataPath names no folder.").ValidateOnStart();
        services.AddSingleton<RegionImporter>();
        return services.AddSingleton<RegionNames>();
    }
}

public sealed class RegionImporter(IOptions<RegionsOptions> options, ILogger<RegionImporter> log)
{
    private static readonly (string File, RegionLevel Level)[] Files =
    [
        ("provinces.csv", RegionLevel.Province),
        ("regencies.csv", RegionLevel.Regency),
        ("districts.csv", RegionLevel.District),
        ("villages.csv", RegionLevel.Village),
    ];

    public string DataPath => options.Value.DataPath is { Length: > 0 } p ? p : Path.Combine(AppContext.BaseDirectory, "regions");

    public async Task<int> ImportIfEmptyAsync(PantauDb db, CancellationToken ct = default)
    {
        if (await db.Regions.AnyAsync(ct)) return 0;
        var missing = Files.Select(f => Path.Combine(DataPath, f.File)).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"Region data is missing ({string.Join(", ", missing)}). The build restores it from the npm package idn-area-data: run `npm ci` in the repository root.");

        var rows = Files.SelectMany(f => Read(Path.Combine(DataPath, f.File), f.Level));
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var count = conn switch
            {
                NpgsqlConnection pg => await CopyAsync(pg, rows, ct),
                SqliteConnection sqlite => await InsertAsync(sqlite, rows, ct),
                _ => throw new NotSupportedException(conn.GetType().Name),
            };
            log.LogInformation("Imported {Count} regions from {Path}", count, DataPath);
            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every region of the files, provinces first (what an empty database imports).</summary>
    public IEnumerable<Region> ReadAll() => Files.SelectMany(f => Read(Path.Combine(DataPath, f.File), f.Level));

    private static IEnumerable<Region> Read(string path, RegionLevel level)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var code = csv.GetField(0)!.Trim();
            yield return new Region
            {
                Code = code,
                ParentCode = level == RegionLevel.Province ? null : csv.GetField(1)!.Trim(),
                Name = csv.GetField(level == RegionLevel.Province ? 1 : 2)!.Trim(),
                Level = level,
            };
        }
    }

    private static async Task<int> CopyAsync(NpgsqlConnection conn, IEnumerable<Region> rows, CancellationToken ct)
    {
        var n = 0;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY \"Regions\" (\"Code\", \"ParentCode\", \"Name\", \"Level\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.Code, ct);
                if (r.ParentCode is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.ParentCode, ct);
                await copy.WriteAsync(r.Name, ct);
                await copy.WriteAsync((int)r.Level, ct);
                n++;
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return n;
    }

    private static async Task<int> InsertAsync(SqliteConnection conn, IEnumerable<Region> rows, CancellationToken ct)
    {
        var n = 0;
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO Regions (Code, ParentCode, Name, Level) VALUES ($c, $p, $n, $l)";
        var (c, p, name, l) = (cmd.Parameters.Add("$c", SqliteType.Text), cmd.Parameters.Add("$p", SqliteType.Text),
            cmd.Parameters.Add("$n", SqliteType.Text), cmd.Parameters.Add("$l", SqliteType.Integer));
        cmd.Prepare();
        foreach (var r in rows)
        {
            c.Value = r.Code;
            p.Value = (object?)r.ParentCode ?? DBNull.Value;
            name.Value = r.Name;
            l.Value = (int)r.Level;
            await cmd.ExecuteNonQueryAsync(ct);
            n++;
        }
        await tx.CommitAsync(ct);
        return n;
    }
}
