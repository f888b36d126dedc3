using System.Globalization;
using ClosedXML.Excel;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Dashboard;

/// <summary>
/// The month's report an office sends up to its Kanwil (and a Kanwil to Ditjen): one workbook written from the same
/// <see cref="DashboardFigures"/> as the dashboard's JSON, so the two never disagree. Sheets, in this order: summary,
/// categories, outcomes, channels, days, SLA, field checks, kelurahan, permits ending, registry changes, permits ended (cancelled and lapsed),
/// lodging flags. Each table starts at A1 with its
/// header row, in the caller's language.
/// </summary>
public static class MonthlyWorkbook
{
    public static void Write(DashboardFigures f, CultureInfo culture, Stream to)
    {
        string T(string key, params object?[] args) => TextCatalog.Format(key, culture, args);
        using var book = new XLWorkbook();

        var summary = Sheet(book, T("dashboard.sheet.summary"), [T("dashboard.item"), T("dashboard.value")]);
        var area = f.Area.OfficeName ?? (f.Area.ProvinceCode is { } p ? T("dashboard.province", p) : T("dashboard.country"));
        Rows(summary, [
            [T("dashboard.area"), area],
            [T("dashboard.month"), $"{f.Period.From:yyyy-MM}"],
            [T("dashboard.timeZone"), f.Period.TimeZone],
            [T("dashboard.reports"), f.Reports],
            [T("dashboard.falseReports"), f.FalseReports],
            [T("dashboard.falseReportShare"), f.FalseReportShare],
            [T("dashboard.fieldChecks"), f.FieldChecks],
            [T("dashboard.fieldChecksRegistered"), f.FieldChecksRegistered],
        ]);

        Rows(Sheet(book, T("dashboard.sheet.categories"), [T("dashboard.category"), T("dashboard.reports")]),
            f.ByCategory.Select(kv => new object?[] { T($"reportCategory.{kv.Key}"), kv.Value }));
        Rows(Sheet(book, T("dashboard.sheet.outcomes"), [T("dashboard.outcome"), T("dashboard.reports")]),
            f.Outcomes.Select(o => new object?[] { OutcomeName(o.Outcome, culture), o.Count }));
        Rows(Sheet(book, T("dashboard.sheet.channels"), [T("dashboard.channel"), T("dashboard.reports")]),
            f.ByChannel.Select(kv => new object?[] { T($"dashboard.channel.{kv.Key}"), kv.Value }));

        var categories = Enum.GetValues<ReportCategory>();
        var channels = Enum.GetValues<ReportChannel>();
        Rows(Sheet(book, T("dashboard.sheet.days"),
                [T("dashboard.date"), T("dashboard.reports"), .. categories.Select(c => T($"reportCategory.{c}")), .. channels.Select(c => T($"dashboard.channel.{c}"))]),
            f.Days.Select(d => new object?[] { d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Reports }
                .Concat(categories.Select(c => (object?)d.ByCategory[c])).Concat(channels.Select(c => (object?)d.ByChannel[c])).ToArray()));

        Rows(Sheet(book, T("dashboard.sheet.sla"), [T("dashboard.stage"), T("dashboard.started"), T("dashboard.completed"), T("dashboard.median"),
                T("dashboard.late"), T("dashboard.lateShare")]),
            f.Sla.Select(s => new object?[] { T($"sla.stage.{s.Stage}"), s.Started, s.Completed, s.MedianMinutes, s.Late, s.LateShare }));

        Rows(Sheet(book, T("dashboard.sheet.fieldChecks"), [T("dashboard.date"), T("dashboard.fieldChecks"), T("dashboard.fieldChecksRegistered")]),
            f.Days.Select(d => new object?[] { d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.FieldChecks, d.FieldChecksRegistered }));

        Rows(Sheet(book, T("dashboard.sheet.villages"), [T("dashboard.villageCode"), T("dashboard.village"), T("dashboard.reports")]),
            f.TopVillages.Select(v => new object?[] { v.Code, v.Name, v.Reports }));

        Rows(Sheet(book, T("dashboard.sheet.permits"), [T("dashboard.month"), T("dashboard.permitsEnding")]),
            f.PermitsExpiring.Select(m => new object?[] { m.Month, m.Permits }));

        var changes = f.RegistryChanges;
        Rows(Sheet(book, T("dashboard.sheet.registryChanges"), [T("dashboard.change"), T("dashboard.people")]), [
            [T("dashboard.change.Registered"), changes.Registered],
            [T("dashboard.change.MovedIn"), changes.MovedIn],
            [T("dashboard.change.MovedOut"), changes.MovedOut],
            [T("dashboard.change.Departed"), changes.Departed],
            [T("dashboard.change.Deported"), changes.Deported],
            [T("dashboard.change.Deceased"), changes.Deceased],
        ]);

        Rows(Sheet(book, T("dashboard.sheet.permitsEnded"), [T("dashboard.permitType"), T("dashboard.permitsCancelled"), T("dashboard.permitsLapsed")]),
            f.PermitsEnded.Select(p => new object?[] { T($"permitType.{p.Type}"), p.Cancelled, p.Lapsed }));

        Rows(Sheet(book, T("dashboard.sheet.lodgingFlags"), [T("dashboard.flagReason"), T("dashboard.flagsRaised"), T("dashboard.flagsResolved")]),
            f.LodgingFlags.Select(l => new object?[] { T($"flagReason.{l.Reason}"), l.Raised, l.Resolved }));

        foreach (var sheet in book.Worksheets) sheet.Columns().AdjustToContents();
        book.SaveAs(to);
    }

    public static string OutcomeName(string outcome, CultureInfo culture) => outcome.Split('.') switch
    {
        ["Resolved", var o] => TextCatalog.Format("dashboard.outcome.resolved", culture, TextCatalog.Format($"outcome.{o}", culture)),
        ["Rejected", var r] => TextCatalog.Format("dashboard.outcome.rejected", culture, TextCatalog.Format($"rejection.{r}", culture)),
        [var other] => TextCatalog.Format($"dashboard.outcome.{other}", culture),
        _ => outcome,
    };

    private static IXLWorksheet Sheet(XLWorkbook book, string name, string[] headers)
    {
        var sheet = book.Worksheets.Add(name);
        for (var i = 0; i < headers.Length; i++) sheet.Cell(1, i + 1).Value = headers[i];
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    private static void Rows(IXLWorksheet sheet, IEnumerable<object?[]> rows)
    {
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
                sheet.Cell(r, c + 1).Value = row[c] switch
                {
                    null => Blank.Value,
                    int i => i,
                    double d => d,
                    var v => v.ToString(),
                };
            r++;
        }
    }
}
