using System.Text.Json;
using Microsoft.Playwright;
using Pantau.Tests.Dashboard;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>The dashboard (/dasbor) of a seeded month, on a desk and on a phone: its tables hold the JSON's numbers.</summary>
public sealed class DashboardPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string March = "from=2025-03-01&to=2025-03-31";
    private static readonly string[] Categories = ["Overstay", "UnauthorisedWork", "PublicDisorder", "SuspiciousActivity", "NotAtAddress", "Other"];

    private readonly Lazy<Task<DashboardMonth>> _month = new(() => DashboardMonth.SeedAsync(app));

    private async Task<IPage> SignedInAsync(string email, ViewportSize? screen)
    {
        await _month.Value;
        var page = await PhoneAsync(screen: screen);
        await page.GotoAsync($"/dasbor?{March}");
        await page.SignInAsync(email, PantauApp.Password);
        if (page.PathOf() != "/dasbor") await page.GotoAsync($"/dasbor?{March}");
        Assert.Equal("/dasbor", page.PathOf());
        await page.Locator("#dashboard[aria-busy=false]").WaitForAsync();
        return page;
    }

    /// <summary>The data-value cells of a table's rows, by the row's key.</summary>
    private static async Task<Dictionary<string, string[]>> TableAsync(IPage page, string id) =>
        await page.EvaluateAsync<Dictionary<string, string[]>>("""
            id => Object.fromEntries([...document.querySelectorAll(`#table-${id} tbody tr[data-key]`)]
                .map(r => [r.dataset.key, [...r.querySelectorAll('td[data-value]')].map(td => td.dataset.value)]))
            """, id);

    [Fact]
    public async Task A_regional_division_reads_the_months_reports_per_day_on_a_desk_as_the_json_has_them()
    {
        var page = await SignedInAsync("kanwil.banten@pantau.test", new() { Width = 1280, Height = 800 });
        var json = await (await App.LoginAsync("kanwil.banten@pantau.test")).GetJsonAsync($"/api/dashboard?{March}");
        Assert.True(json.GetProperty("reports").GetInt32() > 0);

        var table = await TableAsync(page, "categories");
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(days.Select(d => d.GetProperty("date").GetString()!), table.Keys);
        foreach (var day in days)
            Assert.Equal(Categories.Select(c => day.GetProperty("byCategory").GetProperty(c).GetInt32().ToString()).Append(day.GetProperty("reports").GetInt32().ToString()),
                table[day.GetProperty("date").GetString()!]);

        // The chart draws the same numbers: the first dataset is the first category, day by day.
        var drawn = await page.EvaluateAsync<int[]>("() => Chart.getChart('chart-categories').data.datasets[0].data");
        Assert.Equal(days.Select(d => d.GetProperty("byCategory").GetProperty(Categories[0]).GetInt32()), drawn);

        // Per week: the same charts' tables hold the JSON's weeks.
        await page.CheckAsync("input[name=scale][value=weeks]");
        var weekly = await TableAsync(page, "categories");
        var weeks = json.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(weeks.Select(w => w.GetProperty("start").GetString()!), weekly.Keys);
        foreach (var week in weeks)
            Assert.Equal(Categories.Select(c => week.GetProperty("byCategory").GetProperty(c).GetInt32().ToString()).Append(week.GetProperty("reports").GetInt32().ToString()),
                weekly[week.GetProperty("start").GetString()!]);
        Assert.Equal(weeks.Select(w => w.GetProperty("byCategory").GetProperty(Categories[0]).GetInt32()),
            await page.EvaluateAsync<int[]>("() => Chart.getChart('chart-categories').data.datasets[0].data"));
        await page.ScreenshotAsync("dashboard-desk-weeks-id");
        await page.CheckAsync("input[name=scale][value=days]");
        Assert.Equal(days.Select(d => d.GetProperty("date").GetString()!), (await TableAsync(page, "categories")).Keys);

        // The heat map's busiest places, as the heat JSON has them, drawn as circles on the map.
        var heat = await (await App.LoginAsync("kanwil.banten@pantau.test")).GetJsonAsync($"/api/dashboard/heat?{March}");
        var places = await TableAsync(page, "heat");
        Assert.Equal(heat.GetProperty("points").EnumerateArray().Take(10).Select(p => p.GetProperty("reports").GetInt32().ToString()),
            places.Values.Select(v => v[0]));
        Assert.Equal(heat.GetProperty("points").GetArrayLength(), await page.Locator("#heat-map path.heat-point").CountAsync());

        var outcomes = await TableAsync(page, "outcomes");
        Assert.Equal(json.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("outcome").GetString()!, o => new[] { o.GetProperty("count").GetInt32().ToString() }),
            outcomes);
        Assert.Equal(json.GetProperty("reports").GetInt32().ToString(), await page.ShownTextAsync("#tally-reports"));
        Assert.Equal("/api/dashboard/monthly.xlsx?month=2025-03", await page.GetAttributeAsync("#monthly-link", "href"));
        Assert.True(await page.EvaluateAsync<int>("() => document.getElementById('chart-categories').width") > 0);
        await page.ScreenshotAsync("dashboard-desk-id");

        // Narrowed to one office of the province: the page reads it again, and the link follows.
        var tangsel = (await (await App.LoginAsync("admin@pantau.test")).GetJsonAsync("/api/offices")).EnumerateArray()
            .First(o => o.GetProperty("code").GetString() == "KANIM-TANGSEL").GetProperty("id").GetInt32();
        Assert.Equal(2, await page.Locator("#office option[value]:not([value=''])").CountAsync()); // Banten's offices only
        await page.SelectOptionAsync("#office", tangsel.ToString());
        await page.EvaluateAsync("() => { document.getElementById('dashboard').setAttribute('aria-busy', 'true'); }");
        await page.ClickAsync("#period button[type=submit]");
        await page.Locator("#dashboard[aria-busy=false]").WaitForAsync();
        var narrowed = await (await App.LoginAsync("kanwil.banten@pantau.test")).GetJsonAsync($"/api/dashboard?{March}&officeId={tangsel}");
        Assert.Equal(narrowed.GetProperty("reports").GetInt32().ToString(), await page.ShownTextAsync("#tally-reports"));
        Assert.Equal($"/api/dashboard/monthly.xlsx?month=2025-03&officeId={tangsel}", await page.GetAttributeAsync("#monthly-link", "href"));
        await page.ScreenshotAsync("dashboard-desk-office-id");
    }

    [Fact]
    public async Task An_office_head_reads_the_sla_and_field_checks_on_a_phone()
    {
        var page = await SignedInAsync("kepala.tangerang@pantau.test", null);
        var json = await (await App.LoginAsync("kepala.tangerang@pantau.test")).GetJsonAsync($"/api/dashboard?{March}");
        Assert.Equal(0, await page.Locator("#office").CountAsync()); // an office head has one office

        var sla = await TableAsync(page, "sla");
        foreach (var s in json.GetProperty("sla").EnumerateArray())
            Assert.Equal(new[]
            {
                s.GetProperty("medianMinutes") is { ValueKind: JsonValueKind.Number } m ? m.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                s.GetProperty("started").GetInt32().ToString(), s.GetProperty("completed").GetInt32().ToString(), s.GetProperty("late").GetInt32().ToString(),
                (Math.Round(s.GetProperty("lateShare").GetDouble() * 1000, MidpointRounding.AwayFromZero) / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, sla[s.GetProperty("stage").GetString()!]);

        var checks = await TableAsync(page, "checks");
        foreach (var d in json.GetProperty("days").EnumerateArray())
            Assert.Equal([d.GetProperty("fieldChecks").GetInt32().ToString(), d.GetProperty("fieldChecksRegistered").GetInt32().ToString()],
                checks[d.GetProperty("date").GetString()!]);
        var villages = await TableAsync(page, "villages");
        Assert.Equal(json.GetProperty("topVillages").EnumerateArray().Select(v => v.GetProperty("code").GetString()!), villages.Keys);

        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("dashboard-phone-id");

        // In English, a bad period is said in words, not as a failure of the page.
        await page.GotoAsync($"/culture/en?returnUrl={Uri.EscapeDataString("/dasbor?from=2025-03-31&to=2025-03-01")}");
        await page.Locator("#dash-error:not([hidden])").WaitForAsync();
        Assert.Equal("Performance dashboard", await page.ShownTextAsync("h1"));
        Assert.Contains("The period ends on or after the day it starts.", await page.ShownTextAsync("#dash-error"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("dashboard-phone-en");
    }
}
