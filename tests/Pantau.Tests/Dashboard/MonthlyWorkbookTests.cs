using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Dashboard;

/// <summary>The monthly workbook, read back with ClosedXML, holds the dashboard's numbers of that month, cell for cell.</summary>
public sealed class MonthlyWorkbookTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static async Task<XLWorkbook> WorkbookAsync(HttpClient client, string query, string? culture = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/monthly.xlsx?{query}");
        if (culture is not null) request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("kanwil.banten@pantau.test", "", new[] { "KANIM-TANGERANG", "KANIM-TANGSEL" })]
    [InlineData("kepala.jaksel@pantau.test", "", new[] { "KANIM-JAKSEL" })]
    [InlineData("admin@pantau.test", "", new[] { "KANIM-TANGERANG", "KANIM-TANGSEL", "KANIM-JAKSEL" })]
    [InlineData("admin@pantau.test", "&provinceCode=36", new[] { "KANIM-TANGERANG", "KANIM-TANGSEL" })]
    public async Task The_workbook_holds_exactly_the_dashboards_numbers_of_the_month(string account, string narrowing, string[] offices)
    {
        await app.Month;
        var client = await app.LoginAsync(account);
        var json = await client.GetJsonAsync($"/api/dashboard?from=2025-03-01&to=2025-03-31{narrowing}");
        using var book = await WorkbookAsync(client, $"month=2025-03{narrowing}", "en-US");

        Assert.Equal(["Summary", "Categories", "Outcomes", "Channels", "Days", "SLA", "Field checks", "Kelurahan", "Permits ending",
                "Registry changes", "Permits ended", "Lodging flags"],
            book.Worksheets.Select(s => s.Name));
        var summary = Table(book, "Summary").ToDictionary(r => r[0].GetText(), r => r[1]);
        Assert.Equal("2025-03", summary["Month"].GetText());
        Assert.Equal("UTC+07:00", summary["Time zone"].GetText());
        Assert.Equal(json.GetProperty("reports").GetInt32(), Int(summary["Reports"]));
        Assert.Equal(json.GetProperty("falseReports").GetInt32(), Int(summary["False reports"]));
        Assert.Equal(json.GetProperty("falseReportShare").GetDouble(), summary["Share of false reports"].GetDouble());
        Assert.Equal(json.GetProperty("fieldChecks").GetInt32(), Int(summary["Field checks"]));
        Assert.Equal(json.GetProperty("fieldChecksRegistered").GetInt32(), Int(summary["Registered"]));

        Assert.Equal(json.GetProperty("byCategory").EnumerateObject().Select(p => p.Value.GetInt32()), Table(book, "Categories").Select(r => Int(r[1])));
        Assert.Equal(json.GetProperty("byChannel").EnumerateObject().Select(p => p.Value.GetInt32()), Table(book, "Channels").Select(r => Int(r[1])));
        Assert.Equal(json.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("count").GetInt32()), Table(book, "Outcomes").Select(r => Int(r[1])));

        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(days.Select(d => string.Join(" ", new[] { d.GetProperty("date").GetString(), d.GetProperty("reports").GetInt32().ToString() }
                .Concat(d.GetProperty("byCategory").EnumerateObject().Select(p => p.Value.GetInt32().ToString()))
                .Concat(d.GetProperty("byChannel").EnumerateObject().Select(p => p.Value.GetInt32().ToString())))),
            Table(book, "Days").Select(r => string.Join(" ", r.Select(c => c.Value.ToString()))));
        Assert.Equal(days.Select(d => $"{d.GetProperty("date").GetString()} {d.GetProperty("fieldChecks").GetInt32()} {d.GetProperty("fieldChecksRegistered").GetInt32()}"),
            Table(book, "Field checks").Select(r => $"{r[0].GetText()} {Int(r[1])} {Int(r[2])}"));

        var sla = json.GetProperty("sla").EnumerateArray().ToList();
        var slaRows = Table(book, "SLA");
        Assert.Equal(4, slaRows.Count);
        Assert.Equal(["To triage"], slaRows.Take(1).Select(r => r[0].GetText()));
        for (var i = 0; i < sla.Count; i++)
        {
            Assert.Equal(sla[i].GetProperty("started").GetInt32(), Int(slaRows[i][1]));
            Assert.Equal(sla[i].GetProperty("completed").GetInt32(), Int(slaRows[i][2]));
            Assert.Equal(sla[i].GetProperty("medianMinutes") is { ValueKind: JsonValueKind.Number } m ? m.GetDouble() : (double?)null,
                slaRows[i][3].IsEmpty() ? null : slaRows[i][3].GetDouble());
            Assert.Equal(sla[i].GetProperty("late").GetInt32(), Int(slaRows[i][4]));
            Assert.Equal(sla[i].GetProperty("lateShare").GetDouble(), slaRows[i][5].GetDouble());
        }

        Assert.Equal(json.GetProperty("topVillages").EnumerateArray().Select(v => $"{v.GetProperty("code").GetString()} {v.GetProperty("name").GetString()} {v.GetProperty("reports").GetInt32()}"),
            Table(book, "Kelurahan").Select(r => $"{r[0].GetText()} {r[1].GetText()} {Int(r[2])}"));
        Assert.Equal(json.GetProperty("permitsExpiring").EnumerateArray().Select(p => $"{p.GetProperty("month").GetString()} {p.GetProperty("permits").GetInt32()}"),
            Table(book, "Permits ending").Select(r => $"{r[0].GetText()} {Int(r[1])}"));

        // The registry's month, the permits ended and the lodging flags: the JSON's numbers are the seeded month's, and the workbook's the JSON's.
        DashboardRegistryMonth.AssertFigures(json, app.Registry, offices);
        var changes = json.GetProperty("registryChanges");
        Assert.Equal(
            [$"Registered {changes.GetProperty("registered").GetInt32()}", $"Moved in {changes.GetProperty("movedIn").GetInt32()}",
                $"Moved out {changes.GetProperty("movedOut").GetInt32()}", $"Left Indonesia {changes.GetProperty("departed").GetInt32()}",
                $"Deported {changes.GetProperty("deported").GetInt32()}", $"Deceased {changes.GetProperty("deceased").GetInt32()}"],
            Table(book, "Registry changes").Select(r => $"{r[0].GetText()} {Int(r[1])}"));
        Assert.Equal(json.GetProperty("permitsEnded").EnumerateArray().Select(p => $"{English($"permitType.{p.GetProperty("type").GetString()}")} {p.GetProperty("cancelled").GetInt32()} {p.GetProperty("lapsed").GetInt32()}"),
            Table(book, "Permits ended").Select(r => $"{r[0].GetText()} {Int(r[1])} {Int(r[2])}"));
        Assert.Equal(["Cancelled", "Lapsed without extension"], book.Worksheet("Permits ended").Row(1).CellsUsed().Skip(1).Select(c => c.GetText()));
        Assert.Equal(json.GetProperty("lodgingFlags").EnumerateArray().Select(f => $"{English($"flagReason.{f.GetProperty("reason").GetString()}")} {f.GetProperty("raised").GetInt32()} {f.GetProperty("resolved").GetInt32()}"),
            Table(book, "Lodging flags").Select(r => $"{r[0].GetText()} {Int(r[1])} {Int(r[2])}"));
        Assert.Equal("Stay permit lapsed", English("flagReason.PermitLapsed"));
    }

    private static string English(string key) => Pantau.Web.Infrastructure.TextCatalog.Format(key, Pantau.Web.Infrastructure.TextCatalog.English);

    [Fact]
    public async Task The_headers_are_in_Indonesian_by_default()
    {
        using var book = await WorkbookAsync(await app.LoginAsync("kepala.tangerang@pantau.test"), "month=2025-03");
        Assert.Equal("Ringkasan", book.Worksheets.First().Name);
        Assert.Equal(["Kategori", "Laporan"], book.Worksheet("Kategori").Row(1).CellsUsed().Select(c => c.GetText()));
    }

    [Fact]
    public async Task Outside_the_scope_is_404_and_a_bad_month_400()
    {
        var month = await app.Month;
        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/dashboard/monthly.xlsx?month=2025-03&officeId={month.Offices["KANIM-JAKSEL"]}")).StatusCode);
        foreach (var bad in new[] { "2025-13", "2025-3", "March", "2025-03-01" })
            Assert.Equal(["month"], (await (await kanwil.GetAsync($"/api/dashboard/monthly.xlsx?month={bad}")).ProblemAsync(400)).ErrorFields());
        Assert.Equal(["provinceCode"], (await (await kanwil.GetAsync("/api/dashboard/monthly.xlsx?month=2025-03&provinceCode=x")).ProblemAsync(400)).ErrorFields());
    }

    /// <summary>The rows under a sheet's header row.</summary>
    private static List<IXLCell[]> Table(XLWorkbook book, string sheet)
    {
        var ws = book.Worksheet(sheet);
        var width = ws.Row(1).LastCellUsed().Address.ColumnNumber;
        return ws.RowsUsed().Skip(1).Select(r => Enumerable.Range(1, width).Select(c => r.Cell(c)).ToArray()).ToList();
    }

    private static int Int(IXLCell cell) => (int)cell.GetDouble();
}
