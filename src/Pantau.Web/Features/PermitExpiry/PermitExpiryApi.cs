using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.PermitExpiry;

public sealed record RunRequest(DateOnly? Day);

/// <summary>Permits ending soon or ended, for officers (scoped like the registry), and the daily job's runs for the national admin.</summary>
public static class PermitExpiryApi
{
    public static void MapPermitExpiry(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/permit-expiry").WithTags("Permit expiry");
        g.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/export.csv", ExportCsv).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/export.xlsx", ExportXlsx).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/runs", Runs).RequireAuthorization(Policies.RunDailyJobs);
        g.MapPost("/runs", Run).RequireAuthorization(Policies.RunDailyJobs);
    }

    public const string ListPurpose = "permit expiry list";
    public const string ExportPurpose = "permit expiry export";

    /// <summary>The page the filter asks for, audited as a search of the people on it.</summary>
    public static async Task<ExpiryPage> ReadAsync(PantauDb db, Auditor audit, ExpiryFilter filter, CancellationToken ct)
    {
        var (page, regencies) = await ExpiringPermits.PageAsync(db, filter, ct);
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Search, RegistryQueries.RecordType,
            page.Items.Select(p => p.ForeignerId).Distinct().ToList(), regencies, ListPurpose), ct);
        return page;
    }

    /// <summary>Every row the filter matches, audited like the list (a search of the people in it), with the file's format.</summary>
    public static async Task<IReadOnlyList<ExpiringPermit>> ReadAllAsync(PantauDb db, Auditor audit, ExpiryFilter filter, string format, CancellationToken ct)
    {
        var (items, regencies) = await ExpiringPermits.AllAsync(db, filter, ct);
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Search, RegistryQueries.RecordType,
            items.Select(p => p.ForeignerId).Distinct().ToList(), regencies, $"{ExportPurpose} ({format})"), ct);
        return items;
    }

    private static ExpiryFilter.Asked Asked(string? day, string? status, string? district, string? nationality, string? permitType, string? reminded,
        string? sort, string? page, string? pageSize) => new(day, status, district, nationality, permitType, reminded, sort, page, pageSize);

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>One page of the list (25 rows unless <c>pageSize</c> says, at most 100); an unknown filter value is a 400 naming it.</summary>
    private static async Task<Results<Ok<ExpiryPage>, ValidationProblem>> List(PantauDb db, Auditor audit, TimeProvider time, CancellationToken ct,
        string? day = null, string? status = null, string? district = null, string? nationality = null, string? permitType = null,
        string? reminded = null, string? sort = null, string? page = null, string? pageSize = null)
    {
        var (filter, problems) = ExpiryFilter.Parse(Asked(day, status, district, nationality, permitType, reminded, sort, page, pageSize), Today(time));
        if (!problems.IsValid) return problems.Problem();
        return TypedResults.Ok(await ReadAsync(db, audit, filter, ct));
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportCsv(PantauDb db, Auditor audit, RegionNames regions,
        TimeProvider time, CancellationToken ct, string? day = null, string? status = null, string? district = null, string? nationality = null,
        string? permitType = null, string? reminded = null, string? sort = null)
    {
        var (filter, problems) = ExpiryFilter.Parse(Asked(day, status, district, nationality, permitType, reminded, sort, null, null), Today(time));
        if (!problems.IsValid) return problems.Problem();
        var items = await ReadAllAsync(db, audit, filter, "csv", ct);
        var names = await NamesAsync(db, regions, items, ct);
        var culture = CultureInfo.CurrentUICulture;
        return TypedResults.Stream(body => ExpiryExport.WriteCsvAsync(body, ExpiryExport.Headers(culture), ExpiryExport.Rows(items, names, culture)),
            ExpiryExport.CsvType, FileName(filter, "csv"));
    }

    /// <summary>The same rows as a workbook, written to a temporary file (ClosedXML wants a seekable stream) deleted when sent.</summary>
    private static async Task<Results<FileStreamHttpResult, ValidationProblem>> ExportXlsx(PantauDb db, Auditor audit, RegionNames regions,
        TimeProvider time, CancellationToken ct, string? day = null, string? status = null, string? district = null, string? nationality = null,
        string? permitType = null, string? reminded = null, string? sort = null)
    {
        var (filter, problems) = ExpiryFilter.Parse(Asked(day, status, district, nationality, permitType, reminded, sort, null, null), Today(time));
        if (!problems.IsValid) return problems.Problem();
        var items = await ReadAllAsync(db, audit, filter, "xlsx", ct);
        var names = await NamesAsync(db, regions, items, ct);
        var culture = CultureInfo.CurrentUICulture;
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"pantau-expiry-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            ExpiryExport.WriteXlsx(file, TextCatalog.Format("expiry.sheet", culture), ExpiryExport.Headers(culture), ExpiryExport.Rows(items, names, culture));
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        return TypedResults.Stream(file, ExpiryExport.XlsxType, FileName(filter, "xlsx"));
    }

    /// <summary>The kecamatan and kelurahan names of the rows.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(PantauDb db, RegionNames regions, IEnumerable<ExpiringPermit> items,
        CancellationToken ct) =>
        await regions.NamesOfAsync(db, items.SelectMany(p => new[] { p.DistrictCode, p.VillageCode }).Distinct(), ct);

    private static string FileName(ExpiryFilter f, string extension) =>
        $"izin-tinggal-{(f.Status == ExpiryFilter.Lapsed ? "berakhir" : "akan-berakhir")}-{f.Day:yyyy-MM-dd}.{extension}";

    private static async Task<Ok<List<PermitExpiryRun>>> Runs(PantauDb db, CancellationToken ct)
    {
        var runs = await db.ScheduledRuns.AsNoTracking().Where(r => r.Job == PermitExpiryJob.Name)
            .OrderByDescending(r => r.Day).Take(60).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(r => PermitExpiryJob.Describe(r, ran: true)).ToList());
    }

    /// <summary>Runs the job now for a day (today by default); 409 when that day has been run already.</summary>
    private static async Task<Results<Ok<PermitExpiryRun>, ValidationProblem, Conflict<ProblemDetails>>> Run(RunRequest? req,
        PermitExpiryJob job, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = req?.Day ?? today;
        if (day > today.AddDays(1) || day < today.AddYears(-1))
            return Validation.Single("day", PermitExpiryCodes.DayWithinPastYear);
        var run = await job.RunAsync(day, ct);
        if (!run.Ran)
            return TypedResults.Conflict(Problems.Details(409, PermitExpiryCodes.AlreadyRun, ("run", run)));
        return TypedResults.Ok(run);
    }
}
