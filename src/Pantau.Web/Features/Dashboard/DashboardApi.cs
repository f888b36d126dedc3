using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Kernel;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Dashboard;

/// <summary>
/// The figures of a period for the caller's part of the country: an office head's office, a regional division's province
/// (or one office in it), the national admin's country (or one province or office). Anything outside is 404.
/// </summary>
public static class DashboardApi
{
    public const int MaxDays = 366;

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(Policies.ReadDashboard);
        g.MapGet("", Figures);
        g.MapGet("/heat", Heat);
        g.MapGet("/monthly.xlsx", MonthlyReport);
    }

    /// <summary>
    /// Whose days the figures count: an office's on its clock (WIB, WITA, WIT), a province's on the zone it keeps;
    /// across all offices, <c>Operations:UtcOffsetHours</c> (WIB unless set).
    /// </summary>
    private static async Task<TimeSpan> DayOffsetAsync(PantauDb db, JurisdictionMap offices, CurrentStaff current, OperationsOptions operations,
        int? officeId, string? provinceCode)
    {
        if ((officeId ?? current.OfficeId) is { } office) return (await offices.ZoneOfAsync(office, db)).Offset;
        if ((provinceCode ?? current.User?.ProvinceCode) is { Length: 2 } province) return IndonesianTimeZone.ForProvince(province).Offset;
        return operations.UtcOffset;
    }

    private static async Task<Results<Ok<DashboardFigures>, NotFound, ValidationProblem>> Figures(PantauDb db, CurrentStaff current, RegionNames names,
        SlaTargets sla, IOptions<OperationsOptions> operations, JurisdictionMap offices, TimeProvider time, string? from, string? to, int? officeId, string? provinceCode,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var offset = await DayOffsetAsync(db, offices, current, operations.Value, officeId, provinceCode);
        var (v, first, last) = CheckPeriod(now, offset, from, to, provinceCode);
        if (!v.IsValid) return v.Problem();
        if (await AreaOfAsync(db, current, officeId, provinceCode, ct) is not { } area) return TypedResults.NotFound();
        return TypedResults.Ok(await DashboardFigures.ComputeAsync(db, names, sla, area, first, last, offset, now, ct));
    }

    /// <summary>Where the period's reports were: places and counts for a heat map (<see cref="DashboardHeat"/>), same period and scope as the figures.</summary>
    private static async Task<Results<Ok<DashboardHeat>, NotFound, ValidationProblem>> Heat(PantauDb db, CurrentStaff current, RegionNames names,
        PlaceFinder places, IOptions<OperationsOptions> operations, JurisdictionMap offices, TimeProvider time, string? from, string? to, int? officeId, string? provinceCode,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var offset = await DayOffsetAsync(db, offices, current, operations.Value, officeId, provinceCode);
        var (v, first, last) = CheckPeriod(now, offset, from, to, provinceCode);
        if (!v.IsValid) return v.Problem();
        if (await AreaOfAsync(db, current, officeId, provinceCode, ct) is not { } area) return TypedResults.NotFound();
        var (start, end) = DashboardPeriod.Instants(first, last, offset);
        return TypedResults.Ok(await DashboardHeat.ComputeAsync(db, places, names, area, DashboardPeriod.Of(first, last, offset), start, end, ct));
    }

    /// <summary>
    /// The month's workbook (<see cref="MonthlyWorkbook"/>), from the same figures as <c>/api/dashboard</c> for that month,
    /// written to a temporary file (ClosedXML wants a seekable stream) that is streamed back and deleted when closed.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, NotFound, ValidationProblem>> MonthlyReport(PantauDb db, CurrentStaff current, RegionNames names,
        SlaTargets sla, IOptions<OperationsOptions> operations, JurisdictionMap offices, TimeProvider time, string? month, int? officeId, string? provinceCode, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var offset = await DayOffsetAsync(db, offices, current, operations.Value, officeId, provinceCode);
        var v = new Validation();
        var today = DateOnly.FromDateTime(now + offset);
        var first = new DateOnly(today.Year, today.Month, 1);
        if (month is not null)
        {
            if (DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)) first = asked;
            else v.Add("month", DashboardCodes.MonthIsYyyyMm);
        }
        CheckProvince(v, provinceCode);
        if (!v.IsValid) return v.Problem();
        if (await AreaOfAsync(db, current, officeId, provinceCode, ct) is not { } area) return TypedResults.NotFound();
        var figures = await DashboardFigures.ComputeAsync(db, names, sla, area, first, first.AddMonths(1).AddDays(-1), offset, now, ct);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"pantau-monthly-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            MonthlyWorkbook.Write(figures, CultureInfo.CurrentUICulture, file);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        var name = area.OfficeId is { } o ? $"office-{o}" : area.ProvinceCode is { } p ? $"province-{p}" : "national";
        return TypedResults.Stream(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"pantau-{name}-{first:yyyy-MM}.xlsx");
    }

    /// <summary>The asked period (by default the last 30 local days) and the province code, checked.</summary>
    private static (Validation V, DateOnly First, DateOnly Last) CheckPeriod(DateTime now, TimeSpan offset, string? from, string? to, string? provinceCode)
    {
        var today = DateOnly.FromDateTime(now + offset);
        var v = new Validation();
        var (first, last) = (Date(v, "from", from, today.AddDays(-29)), Date(v, "to", to, today));
        if (v.IsValid && v.Require("to", last >= first, DashboardCodes.PeriodEndsAfterStart))
            v.Require("to", last.DayNumber - first.DayNumber + 1 <= MaxDays, DashboardCodes.PeriodAtMostDays, MaxDays);
        CheckProvince(v, provinceCode);
        return (v, first, last);
    }

    public static void CheckProvince(Validation v, string? provinceCode) =>
        v.Require("provinceCode", provinceCode is null || (provinceCode.Length == 2 && provinceCode.All(char.IsAsciiDigit)), DashboardCodes.ProvinceIsTwoDigits);

    private static DateOnly Date(Validation v, string field, string? text, DateOnly fallback)
    {
        if (text is null) return fallback;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        v.Add(field, DashboardCodes.DateIsYyyyMmDd);
        return fallback;
    }

    /// <summary>
    /// The area the caller asks for, if it lies in their scope: null (404) for an office or province outside it, or one
    /// that does not exist, so that a caller learns nothing of what lies outside.
    /// </summary>
    public static async Task<DashboardArea?> AreaOfAsync(PantauDb db, CurrentStaff current, int? officeId, string? provinceCode, CancellationToken ct)
    {
        // The province a caller is held to: a regional division's own, an office head's office's; the national admin none.
        string? held;
        switch (current.Role)
        {
            case StaffRole.NationalAdmin:
                held = null;
                break;
            case StaffRole.RegionalDivision when current.User?.ProvinceCode is { } p:
                held = p;
                break;
            case StaffRole.OfficeHead when current.OfficeId is { } own:
                if (officeId is { } asked && asked != own) return null;
                officeId = own;
                held = await db.Offices.Where(o => o.Id == own).Select(o => o.ProvinceCode).FirstOrDefaultAsync(ct);
                if (held is null) return null;
                break;
            default:
                return null;
        }
        if (held is not null && provinceCode is not null && provinceCode != held) return null;
        var province = provinceCode ?? held;
        if (officeId is { } id)
        {
            var office = await db.Offices.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new { o.Id, o.Name, o.ProvinceCode, Regencies = o.Jurisdiction.Select(j => j.RegencyCode).ToList() }).FirstOrDefaultAsync(ct);
            if (office is null || (province is not null && office.ProvinceCode != province)) return null;
            return new DashboardArea(office.Id, office.Name, office.ProvinceCode, [office.Id], office.Regencies.Order(StringComparer.Ordinal).ToList());
        }
        if (province is null) return new DashboardArea(null, null, null, null, null);
        var offices = await db.Offices.Where(o => o.ProvinceCode == province).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        // A province the national admin names must hold an office or a region, else it is not a province.
        if (offices.Count == 0 && held is null && !await db.Regions.AnyAsync(r => r.Code == province, ct)) return null;
        return new DashboardArea(null, null, province, offices, null);
    }
}
