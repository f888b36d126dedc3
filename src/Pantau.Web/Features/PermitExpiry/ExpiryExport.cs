using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.PermitExpiry;

/// <summary>
/// The filtered expiry list as a spreadsheet, in the caller's language: the same rows, in the same order, as the
/// page shows across all its pages. Names and sponsors are typed by people, so no CSV cell may start a formula
/// (CsvHelper escapes them) and XLSX cells are written as text.
/// </summary>
public static class ExpiryExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string[] Headers(CultureInfo culture) =>
        new[] { "name", "nationality", "permitType", "permitNumber", "expiryDate", "when", "district", "village", "sponsor", "sponsorPhone", "remindedAt" }
            .Select(k => TextCatalog.Format($"expiry.column.{k}", culture)).ToArray();

    /// <summary>Each permit as the cells of a row, in <see cref="Headers"/>' order.</summary>
    public static IEnumerable<string[]> Rows(IEnumerable<ExpiringPermit> items, IReadOnlyDictionary<string, string> regionNames, CultureInfo culture) =>
        items.Select(p => new[]
        {
            p.FullName, CountryNames.Name(p.Nationality, culture), TextCatalog.Format($"permitType.{p.PermitType}", culture), p.PermitNumber,
            p.ExpiryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), When(p.DaysLeft, culture),
            regionNames.GetValueOrDefault(p.DistrictCode, p.DistrictCode), regionNames.GetValueOrDefault(p.VillageCode, p.VillageCode),
            p.Sponsor ?? "", p.SponsorPhone ?? "",
            p.RemindedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "",
        });

    /// <summary>"hari ini", "1 hari lagi", "kemarin", "3 hari lalu" — the days from the list's day to the expiry, in words.</summary>
    public static string When(int daysLeft, CultureInfo culture) => daysLeft switch
    {
        0 => TextCatalog.Format("expiry.today", culture),
        1 => TextCatalog.Format("expiry.oneDayLeft", culture),
        -1 => TextCatalog.Format("expiry.yesterday", culture),
        > 1 => TextCatalog.Format("expiry.daysLeft", culture, daysLeft),
        _ => TextCatalog.Format("expiry.daysAgo", culture, -daysLeft),
    };

    public static async Task WriteCsvAsync(Stream body, string[] headers, IEnumerable<string[]> rows)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var row in rows.Prepend(headers))
        {
            foreach (var cell in row) csv.WriteField(cell);
            await csv.NextRecordAsync();
        }
    }

    public static void WriteXlsx(Stream to, string sheetName, string[] headers, IEnumerable<string[]> rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(sheetName);
        var r = 1;
        foreach (var row in rows.Prepend(headers))
        {
            for (var c = 0; c < row.Length; c++) sheet.Cell(r, c + 1).SetValue(row[c]);
            r++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        sheet.Columns().AdjustToContents(1, Math.Min(r, 200));
        book.SaveAs(to);
    }
}
