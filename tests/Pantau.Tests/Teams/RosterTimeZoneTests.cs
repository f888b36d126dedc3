using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Teams;

/// <summary>
/// The duty roster is read and typed on the office's clock (WIB, WITA or WIT, per office) and kept in UTC: a shift
/// typed 08:00–16:00 at Kanim Tangerang is 01:00–09:00 UTC, and is shown back as 08:00–16:00 WIB.
/// </summary>
public sealed class RosterTimeZoneTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string TangerangAdmin = "admin.tangerang@pantau.test";

    private static string NewName() => $"TIMPORA Zona {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(DateTime StartsAt, DateTime EndsAt)> StoredShiftAsync(int teamId) =>
        await App.WithDbAsync(db => db.RosterShifts.IgnoreQueryFilters().Where(s => s.TeamId == teamId)
            .Select(s => new ValueTuple<DateTime, DateTime>(s.StartsAt, s.EndsAt)).SingleAsync());

    [Theory]
    [InlineData(360, 740, 41)]
    [InlineData(1280, 800, 42)]
    public async Task A_shift_typed_08_to_16_at_a_WIB_office_is_kept_01_to_09_UTC_and_shown_08_to_16_WIB(int width, int height, int daysAhead)
    {
        var admin = await App.LoginAsync(TangerangAdmin);
        var name = NewName();
        var teamId = (await CreatedAsync(await admin.PostAsJsonAsync("/api/teams", new { name, members = Array.Empty<object>() }))).GetProperty("id").GetInt32();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(daysAhead);
        var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await PhoneAsync(screen: new() { Width = width, Height = height });
        await page.GotoAsync("/login");
        await page.SignInAsync(TangerangAdmin, PantauApp.Password);
        await page.GotoAsync($"/teams?date={date}");
        Assert.Equal("Jam mulai (WIB)", await page.ShownTextAsync("label[for=startsAt]"));
        Assert.Equal("Jam selesai (WIB)", await page.ShownTextAsync("label[for=endsAt]"));
        Assert.Contains("WIB", await page.ShownTextAsync("#time-zone"));
        Assert.DoesNotContain("UTC)", await page.ShownTextAsync("#add-shift"));
        await page.SelectOptionAsync("#teamId", new SelectOptionValue { Label = name });
        await page.FillAsync("#shiftDate", date);
        await page.FillAsync("#startsAt", "08:00");
        await page.FillAsync("#endsAt", "16:00");
        await page.SubmitAsync("#add-shift button[type=submit]");
        Assert.Equal("Jadwal piket ditambahkan.", await page.ShownTextAsync(".flash"));

        var (startsAt, endsAt) = await StoredShiftAsync(teamId);
        var utcDay = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Assert.Equal(utcDay.AddHours(1), startsAt);
        Assert.Equal(utcDay.AddHours(9), endsAt);

        Assert.Equal("08:00–16:00 WIB", await page.ShownTextAsync($"#shifts tr[data-team='{name}'] .times"));
        Assert.Equal("Asia/Jakarta", await page.GetAttributeAsync("body", "data-time-zone"));
        // On the day's bar it sits from 08:00 (a third of the day) for 8 hours.
        var bar = page.Locator($"#timeline .roster-bar[data-team='{name}'] .shift");
        Assert.Equal("33.33%", await bar.GetAttributeAsync("data-left"));
        Assert.Equal("33.33%", await bar.GetAttributeAsync("data-width"));
        if (width == Chromium.PhoneWidth) await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync($"roster-wib-{width}");

        // The API says the same instants in UTC, with their Z, and names the day's zone.
        var roster = await admin.GetJsonAsync($"/api/roster?date={date}");
        Assert.Equal("Asia/Jakarta", roster.GetProperty("timeZone").GetString());
        Assert.Equal("WIB", roster.GetProperty("timeZoneName").GetString());
        Assert.Equal($"{day.AddDays(-1):yyyy-MM-dd}T17:00:00Z", roster.GetProperty("from").GetString());
        var shift = roster.GetProperty("shifts").EnumerateArray().Single(s => s.GetProperty("teamId").GetInt32() == teamId);
        Assert.Equal($"{date}T01:00:00Z", shift.GetProperty("startsAt").GetString());
        Assert.Equal($"{date}T09:00:00Z", shift.GetProperty("endsAt").GetString());

        // In English the labels name the zone too.
        await page.SubmitAsync("a[data-lang=en]");
        Assert.Equal("Start time (WIB)", await page.ShownTextAsync("label[for=startsAt]"));
        Assert.Equal("08:00–16:00 WIB", await page.ShownTextAsync($"#shifts tr[data-team='{name}'] .times"));
    }

    [Fact]
    public async Task The_api_takes_a_time_with_Z_or_an_offset_and_refuses_one_without_a_zone_naming_the_field()
    {
        var admin = await App.LoginAsync(TangerangAdmin);
        var teamId = (await CreatedAsync(await admin.PostAsJsonAsync("/api/teams", new { name = NewName(), members = Array.Empty<object>() }))).GetProperty("id").GetInt32();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(43);

        var unzoned = await (await admin.PostAsJsonAsync("/api/roster", new { teamId, startsAt = $"{day:yyyy-MM-dd}T08:00:00", endsAt = $"{day:yyyy-MM-dd}T16:00:00" })).ProblemAsync(400);
        Assert.Equal(["endsAt", "startsAt"], unzoned.ErrorFields().Order().ToArray());
        Assert.Contains("+07:00", unzoned.GetProperty("errors").GetProperty("startsAt")[0].GetString());
        Assert.Equal(["startsAt"], (await (await admin.PostAsJsonAsync("/api/roster", new { teamId, startsAt = "besok pagi", endsAt = $"{day:yyyy-MM-dd}T16:00:00Z" })).ProblemAsync(400)).ErrorFields());
        Assert.Equal(0, await App.WithDbAsync(db => db.RosterShifts.IgnoreQueryFilters().CountAsync(s => s.TeamId == teamId)));

        var wib = await CreatedAsync(await admin.PostAsJsonAsync("/api/roster", new { teamId, startsAt = $"{day:yyyy-MM-dd}T08:00:00+07:00", endsAt = $"{day:yyyy-MM-dd}T16:00:00+07:00" }));
        Assert.Equal($"{day:yyyy-MM-dd}T01:00:00Z", wib.GetProperty("startsAt").GetString());
        var utc = await CreatedAsync(await admin.PostAsJsonAsync("/api/roster", new { teamId, startsAt = $"{day:yyyy-MM-dd}T09:00:00Z", endsAt = $"{day:yyyy-MM-dd}T17:00:00Z" }));
        Assert.Equal($"{day:yyyy-MM-dd}T16:00:00+07:00", DateTimeOffset.Parse(utc.GetProperty("startsAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

        // A clash names the other shift on the office's clock.
        var clash = await (await admin.PostAsJsonAsync("/api/roster", new { teamId, startsAt = $"{day:yyyy-MM-dd}T03:00:00Z", endsAt = $"{day:yyyy-MM-dd}T04:00:00Z" })).ProblemAsync(400);
        Assert.Contains($"{day:yyyy-MM-dd} 08:00 WIB", clash.GetProperty("errors").GetProperty("startsAt")[0].GetString());
    }

    [Fact]
    public async Task An_office_in_WITA_gets_its_roster_in_WITA()
    {
        var national = await App.LoginAsync("admin@pantau.test");
        // Kota Makassar, Sulawesi Selatan: a new office there keeps its province's zone, WITA, unless told otherwise.
        var office = await CreatedAsync(await national.PostAsJsonAsync("/api/offices", new { code = "KANIM-MAKASSAR", name = "Kantor Imigrasi Makassar", provinceCode = "73", regencyCodes = new[] { "73.71" } }));
        Assert.Equal("Asia/Makassar", office.GetProperty("timeZone").GetString());
        Assert.Equal("WITA", office.GetProperty("timeZoneName").GetString());
        var officeId = office.GetProperty("id").GetInt32();
        var name = NewName();
        var teamId = (await CreatedAsync(await national.PostAsJsonAsync("/api/teams", new { officeId, name, members = Array.Empty<object>() }))).GetProperty("id").GetInt32();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(44);
        var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync("admin@pantau.test", PantauApp.Password);
        await page.GotoAsync($"/teams?officeId={officeId}&date={date}");
        Assert.Equal("Jam mulai (WITA)", await page.ShownTextAsync("label[for=startsAt]"));
        await page.SelectOptionAsync("#teamId", new SelectOptionValue { Label = name });
        await page.FillAsync("#shiftDate", date);
        await page.FillAsync("#startsAt", "08:00");
        await page.FillAsync("#endsAt", "16:00");
        await page.SubmitAsync("#add-shift button[type=submit]");
        Assert.Equal("Jadwal piket ditambahkan.", await page.ShownTextAsync(".flash"));
        var utcDay = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Assert.Equal((utcDay.AddHours(0), utcDay.AddHours(8)), await StoredShiftAsync(teamId));
        Assert.Equal("08:00–16:00 WITA", await page.ShownTextAsync($"#shifts tr[data-team='{name}'] .times"));
        Assert.Equal("WITA", await page.GetAttributeAsync("body", "data-time-zone-name"));
        await page.AssertFitsPhoneAsync();

        var roster = await national.GetJsonAsync($"/api/roster?date={date}&officeId={officeId}");
        Assert.Equal("WITA", roster.GetProperty("timeZoneName").GetString());
        Assert.Equal($"{day.AddDays(-1):yyyy-MM-dd}T16:00:00Z", roster.GetProperty("from").GetString());

        // The national admin may move the office to another zone; a zone that is not Indonesia's is a 400 naming it.
        var moved = await national.PutAsJsonAsync($"/api/offices/{officeId}", new { name = "Kantor Imigrasi Makassar", provinceCode = "73", regencyCodes = new[] { "73.71" }, timeZone = "Asia/Jayapura" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("WIT", (await moved.Content.ReadFromJsonAsync<JsonElement>(PantauApp.Json)).GetProperty("timeZoneName").GetString());
        Assert.Equal(["timeZone"], (await (await national.PutAsJsonAsync($"/api/offices/{officeId}", new { name = "Kantor Imigrasi Makassar", provinceCode = "73", regencyCodes = new[] { "73.71" }, timeZone = "Asia/Tokyo" })).ProblemAsync(400)).ErrorFields());
        Assert.Equal("Asia/Jayapura", (await national.GetJsonAsync($"/api/offices/{officeId}")).GetProperty("timeZone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.LoginAsync(TangerangAdmin)).PutAsJsonAsync($"/api/offices/{officeId}", new { name = "x", provinceCode = "73", regencyCodes = new[] { "73.71" }, timeZone = "Asia/Jakarta" })).StatusCode);
    }
}
