using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Reports;

namespace Pantau.Tests.Dashboard;

/// <summary>An app holding <see cref="DashboardMonth"/> and a few permits ending around it, made once for the class.</summary>
public sealed class DashboardApp : PantauApp
{
    private readonly Lazy<Task<DashboardMonth>> _month;

    /// <summary>Permits of residents registered here: (office, expiry).</summary>
    public static readonly (string Office, string Village, string Expiry)[] Permits =
    [
        ("KANIM-TANGERANG", "36.71.01.1001", "2025-03-10"),
        ("KANIM-TANGERANG", "36.71.01.1002", "2025-03-31"),
        ("KANIM-TANGERANG", "36.71.01.1001", "2025-04-01"),
        ("KANIM-TANGSEL", "36.74.01.1001", "2025-03-01"),
        ("KANIM-JAKSEL", "31.74.02.1001", "2025-03-15"),
        ("KANIM-JAKSEL", "31.74.02.1001", "2027-06-30"),
    ];

    public DashboardApp() => _month = new(async () =>
    {
        var admin = await LoginAsync("admin@pantau.test");
        foreach (var (_, village, expiry) in Permits)
        {
            var body = People.Registration(village: village, name: "Dasbor Uji", permitExpiry: expiry);
            ((Dictionary<string, object?>[])body["permits"]!)[0]["issueDate"] = "2024-03-01";
            await admin.RegisterAsync(body);
        }
        var month = await DashboardMonth.SeedAsync(this);
        Registry = await DashboardRegistryMonth.SeedAsync(this);
        return month;
    });

    public Task<DashboardMonth> Month => _month.Value;

    /// <summary>The registry's and the lodging reports' month (seeded with <see cref="Month"/>).</summary>
    public DashboardRegistryMonth Registry { get; private set; } = null!;

    /// <summary>The regencies of the offices (their jurisdiction in the demo data).</summary>
    public static readonly Dictionary<string, string[]> Regencies = new()
    {
        ["KANIM-TANGERANG"] = ["36.71", "36.03"], ["KANIM-TANGSEL"] = ["36.74"], ["KANIM-JAKSEL"] = ["31.74"],
    };

    /// <summary>The permits registered through the API above, as the registry's figures see them.</summary>
    public static IEnumerable<(string Village, Pantau.Web.Features.Registry.PermitType Type, DateOnly Expiry)> RegisteredPermits =>
        Permits.Select(p => (p.Village, Pantau.Web.Features.Registry.PermitType.ITAS, DateOnly.Parse(p.Expiry, System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed class DashboardApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private const string March = "from=2025-03-01&to=2025-03-31";
    private static readonly string[] Banten = ["KANIM-TANGERANG", "KANIM-TANGSEL"];
    private static readonly string[] Everywhere = ["KANIM-TANGERANG", "KANIM-TANGSEL", "KANIM-JAKSEL"];

    [Fact]
    public async Task The_national_admin_sees_the_countrys_month_as_counted_from_the_seeded_reports()
    {
        var month = await app.Month;
        var json = await (await app.LoginAsync("admin@pantau.test")).GetJsonAsync($"/api/dashboard?{March}");
        await AssertFiguresAsync(json, month, Everywhere);
        Assert.Equal("UTC+07:00", json.GetProperty("period").GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task A_regional_division_of_Banten_sees_its_offices_and_nothing_of_Jakarta()
    {
        var month = await app.Month;
        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var json = await kanwil.GetJsonAsync($"/api/dashboard?{March}");
        await AssertFiguresAsync(json, month, Banten);
        Assert.Equal("36", json.GetProperty("area").GetProperty("provinceCode").GetString());
        Assert.DoesNotContain(json.GetProperty("topVillages").EnumerateArray(), v => v.GetProperty("code").GetString()!.StartsWith("31", StringComparison.Ordinal));

        await AssertFiguresAsync(await kanwil.GetJsonAsync($"/api/dashboard?{March}&officeId={month.Offices["KANIM-TANGSEL"]}"), month, ["KANIM-TANGSEL"]);
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/dashboard?{March}&officeId={month.Offices["KANIM-JAKSEL"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kanwil.GetAsync($"/api/dashboard?{March}&provinceCode=31")).StatusCode);
    }

    [Fact]
    public async Task An_office_head_sees_the_own_office_only()
    {
        var month = await app.Month;
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        await AssertFiguresAsync(await head.GetJsonAsync($"/api/dashboard?{March}"), month, ["KANIM-TANGERANG"]);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/dashboard?{March}&officeId={month.Offices["KANIM-TANGSEL"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/dashboard?{March}&provinceCode=31")).StatusCode);

        // Jakarta Selatan's head sees the channels Tangerang's reports do not come by: RT/RW heads and partners.
        await AssertFiguresAsync(await (await app.LoginAsync("kepala.jaksel@pantau.test")).GetJsonAsync($"/api/dashboard?{March}"), month, ["KANIM-JAKSEL"]);
    }

    [Fact]
    public async Task The_national_admin_narrows_to_a_province_or_an_office()
    {
        var month = await app.Month;
        var admin = await app.LoginAsync("admin@pantau.test");
        await AssertFiguresAsync(await admin.GetJsonAsync($"/api/dashboard?{March}&provinceCode=31"), month, ["KANIM-JAKSEL"]);
        await AssertFiguresAsync(await admin.GetJsonAsync($"/api/dashboard?{March}&provinceCode=36"), month, Banten);
        await AssertFiguresAsync(await admin.GetJsonAsync($"/api/dashboard?{March}&officeId={month.Offices["KANIM-TANGERANG"]}"), month, ["KANIM-TANGERANG"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/dashboard?{March}&officeId=987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/dashboard?{March}&provinceCode=98")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.GetAsync($"/api/dashboard?{March}&provinceCode=31&officeId={month.Offices["KANIM-TANGERANG"]}")).StatusCode);
    }

    [Theory]
    [InlineData("from=2025-13-01&to=2025-12-31", "from")]
    [InlineData("from=2025-03-01&to=31-03-2025", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2025-03-31&to=2025-03-01", "to")]
    [InlineData("from=2024-01-01&to=2025-01-01", "to")]
    [InlineData("from=2025-03-01&to=2025-03-31&provinceCode=3a", "provinceCode")]
    [InlineData("from=2025-03-01&to=2025-03-31&provinceCode=%3Cb%3E", "provinceCode")]
    public async Task Bad_input_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await (await app.LoginAsync("admin@pantau.test")).GetAsync($"/api/dashboard?{query}")).ProblemAsync(400);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task A_year_of_366_days_is_one_period()
    {
        var json = await (await app.LoginAsync("admin@pantau.test")).GetJsonAsync("/api/dashboard?from=2024-01-01&to=2024-12-31");
        Assert.Equal(366, json.GetProperty("days").GetArrayLength());
    }

    /// <summary>Every figure of <paramref name="json"/> against the seeded month of <paramref name="offices"/>, counted here.</summary>
    private async Task AssertFiguresAsync(JsonElement json, DashboardMonth month, string[] offices)
    {
        var reports = month.ReportsOf(offices);
        var checks = month.ChecksOf(offices);
        Assert.True(reports.Count > 10);
        Assert.Equal(reports.Count, json.GetProperty("reports").GetInt32());
        foreach (var c in Enum.GetValues<ReportCategory>())
            Assert.Equal(reports.Count(r => r.Category == c), Key(json.GetProperty("byCategory"), c.ToString()).GetInt32());
        foreach (var c in new[] { "Public", "Neighbourhood", "Partner", "Application" })
            Assert.Equal(reports.Count(r => r.Channel == c), Key(json.GetProperty("byChannel"), c).GetInt32());

        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(31, days.Count);
        foreach (var day in days)
        {
            var date = DateOnly.Parse(day.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var ofDay = reports.Where(r => r.LocalDay == date).ToList();
            Assert.Equal(ofDay.Count, day.GetProperty("reports").GetInt32());
            foreach (var c in Enum.GetValues<ReportCategory>())
                Assert.Equal(ofDay.Count(r => r.Category == c), Key(day.GetProperty("byCategory"), c.ToString()).GetInt32());
            foreach (var c in new[] { "Public", "Neighbourhood", "Partner", "Application" })
                Assert.Equal(ofDay.Count(r => r.Channel == c), Key(day.GetProperty("byChannel"), c).GetInt32());
            Assert.Equal(checks.Count(c => c.LocalDay == date), day.GetProperty("fieldChecks").GetInt32());
            Assert.Equal(checks.Count(c => c.LocalDay == date && c.Registered), day.GetProperty("fieldChecksRegistered").GetInt32());
        }
        Assert.Equal(checks.Count, json.GetProperty("fieldChecks").GetInt32());

        var outcomes = json.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("outcome").GetString()!, o => o.GetProperty("count").GetInt32());
        Assert.Equal(reports.GroupBy(DashboardMonth.OutcomeOf).ToDictionary(g => g.Key, g => g.Count()).OrderBy(kv => kv.Key), outcomes.OrderBy(kv => kv.Key));
        var falseReports = reports.Count(r => r.Fate == DashboardMonth.Fate.FalseReport);
        Assert.Equal(falseReports, json.GetProperty("falseReports").GetInt32());
        Assert.Equal(Math.Round((double)falseReports / reports.Count, 4), json.GetProperty("falseReportShare").GetDouble(), 6);

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var clocks = reports.SelectMany(r => DashboardMonth.Clocks(r, now)).ToList();
        var sla = json.GetProperty("sla").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
        foreach (var stage in new[] { "Triage", "Dispatch", "Arrival", "Resolution" })
        {
            var ofStage = clocks.Where(c => c.Stage == stage).ToList();
            var late = ofStage.Count(c => c.Minutes > c.Target);
            Assert.Equal(ofStage.Count, sla[stage].GetProperty("started").GetInt32());
            Assert.Equal(ofStage.Count(c => c.Done), sla[stage].GetProperty("completed").GetInt32());
            Assert.Equal(DashboardMonth.Median(ofStage.Where(c => c.Done).Select(c => c.Minutes)),
                sla[stage].GetProperty("medianMinutes").ValueKind == JsonValueKind.Null ? null : sla[stage].GetProperty("medianMinutes").GetDouble());
            Assert.Equal(late, sla[stage].GetProperty("late").GetInt32());
            Assert.Equal(ofStage.Count == 0 ? 0 : Math.Round((double)late / ofStage.Count, 4), sla[stage].GetProperty("lateShare").GetDouble(), 6);
        }

        var names = await app.WithDbAsync(db => db.Regions.Where(r => r.Code.Length == 13).ToDictionaryAsync(r => r.Code, r => r.Name));
        var top = reports.GroupBy(r => r.Village).Select(g => (Code: g.Key, Count: g.Count()))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Code, StringComparer.Ordinal).Take(10).ToList();
        Assert.Equal(top.Select(v => $"{v.Code} {names[v.Code]} {v.Count}"),
            json.GetProperty("topVillages").EnumerateArray().Select(v => $"{v.GetProperty("code").GetString()} {v.GetProperty("name").GetString()} {v.GetProperty("reports").GetInt32()}"));

        var regencies = offices.SelectMany(o => DashboardApp.Regencies[o]).ToArray();
        var permits = json.GetProperty("permitsExpiring").EnumerateArray().ToList();
        Assert.Equal("2025-03", Assert.Single(permits).GetProperty("month").GetString());
        Assert.Equal(DashboardApp.Permits.Count(p => offices.Contains(p.Office) && p.Expiry.StartsWith("2025-03", StringComparison.Ordinal))
            + app.Registry.PermitsExpiring(regencies), permits[0].GetProperty("permits").GetInt32());

        DashboardRegistryMonth.AssertFigures(json, app.Registry, offices);

        // The weeks: Monday to Sunday, cut to the period, each counted here from the seeded reports and checks.
        var weeks = json.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(["2025-02-24", "2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31"], weeks.Select(w => w.GetProperty("start").GetString()));
        Assert.Equal("2025-03-01", weeks[0].GetProperty("from").GetString());
        Assert.Equal("2025-03-31", weeks[^1].GetProperty("to").GetString());
        foreach (var week in weeks)
        {
            var monday = DateOnly.Parse(week.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            bool InWeek(DateOnly d) => d >= monday && d < monday.AddDays(7);
            var ofWeek = reports.Where(r => InWeek(r.LocalDay)).ToList();
            Assert.Equal(ofWeek.Count, week.GetProperty("reports").GetInt32());
            foreach (var c in Enum.GetValues<ReportCategory>())
                Assert.Equal(ofWeek.Count(r => r.Category == c), Key(week.GetProperty("byCategory"), c.ToString()).GetInt32());
            foreach (var c in new[] { "Public", "Neighbourhood", "Partner", "Application" })
                Assert.Equal(ofWeek.Count(r => r.Channel == c), Key(week.GetProperty("byChannel"), c).GetInt32());
            Assert.Equal(checks.Count(c => InWeek(c.LocalDay)), week.GetProperty("fieldChecks").GetInt32());
            Assert.Equal(checks.Count(c => InWeek(c.LocalDay) && c.Registered), week.GetProperty("fieldChecksRegistered").GetInt32());
        }
        // The weeks' sums are the days' sums.
        foreach (var figure in new[] { "reports", "fieldChecks", "fieldChecksRegistered" })
            Assert.Equal(days.Sum(d => d.GetProperty(figure).GetInt32()), weeks.Sum(w => w.GetProperty(figure).GetInt32()));
        foreach (var c in Enum.GetValues<ReportCategory>())
            Assert.Equal(days.Sum(d => Key(d.GetProperty("byCategory"), c.ToString()).GetInt32()), weeks.Sum(w => Key(w.GetProperty("byCategory"), c.ToString()).GetInt32()));
    }

    private static JsonElement Key(JsonElement obj, string name) =>
        obj.EnumerateObject().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
