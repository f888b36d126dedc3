using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>
/// The place on a phone (360×740): "use my position" names the kelurahan, the pin dragged names another, a name typed
/// is found and picked by keyboard, and a name typed without a signal is looked up when the report goes (or, being
/// several places, the reporter is asked to choose). Kelurahan Sukarasa and Sukaasih, Kota Tangerang (Kanim Tangerang).
/// </summary>
public sealed class PlacePickerPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Sukarasa = "36.71.01.1001", Sukaasih = "36.71.01.1002";

    /// <summary>Sukarasa's centre; Sukaasih lies some 400 m east of it.</summary>
    private static readonly Geolocation InSukarasa = new() { Latitude = -6.17288f, Longitude = 106.63185f, Accuracy = 15 };

    [Fact]
    public async Task Use_my_position_names_the_kelurahan_and_dragging_the_pin_names_the_next_one_where_the_report_lands()
    {
        var description = $"Orang asing bekerja di bengkel tanpa izin ({Guid.NewGuid():N}).";
        var page = await PhoneAsync(InSukarasa);
        await page.GotoAsync("/lapor");
        await page.Locator("#submit-report:not([disabled])").WaitForAsync();
        Assert.True(await page.IsHiddenAsync("#place-map")); // no map before there is a place

        await page.ClickAsync("#use-gps");
        await page.WaitForFunctionAsync("() => document.getElementById('villageCode').value !== ''");
        Assert.Equal("Sukarasa, Kec. Tangerang, Kota Tangerang", await page.InputValueAsync("#villageCode"));
        Assert.Equal(Sukarasa, await page.InputValueAsync("[data-place=code]"));
        Assert.Equal("Ditangani Kantor Imigrasi Tangerang.", await page.ShownTextAsync("#place-state"));
        Assert.Contains("-6.17288, 106.63185", await page.ShownTextAsync("#gps-state"));

        // The map (grey: the test phone loads no tiles) is short enough to keep the form on screen.
        var map = await page.Locator("#place-map").BoundingBoxAsync();
        Assert.NotNull(map);
        Assert.InRange(map.Height, 180, 240);
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-position-id");

        // The reporter drags the pin some 130 px (about 600 m at this zoom) east, with the finger's path.
        var pin = page.Locator("#place-map .leaflet-marker-icon");
        await pin.ScrollIntoViewIfNeededAsync();
        var box = (await pin.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 130, y, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-place=code]').value === '{Sukaasih}'");
        Assert.Equal("Sukaasih, Kec. Tangerang, Kota Tangerang", await page.InputValueAsync("#villageCode"));
        var moved = (await page.GetAttributeAsync("#place-map", "data-pin"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(moved[1] - 106.63185, 0.0035, 0.008);
        Assert.InRange(moved[0] - -6.17288, -0.001, 0.001);
        // What the page says is what the API says of the pin's new spot.
        var there = await App.CreateClient().GetJsonAsync($"/api/places/at?lat={moved[0].ToString(CultureInfo.InvariantCulture)}&lng={moved[1].ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(Sukaasih, there.GetProperty("code").GetString());
        await page.ScreenshotAsync("report-form-pin-dragged-id");

        await page.CheckAsync("input[name=category][value=UnauthorisedWork]");
        await page.FillAsync("#description", description);
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        var report = await App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Description == description));
        Assert.Equal(Sukaasih, report.VillageCode);
        Assert.Equal(moved[0], report.Latitude!.Value, 4);
        Assert.Equal(moved[1], report.Longitude!.Value, 4);
        Assert.Null(report.PositionOffPlaceMetres);
    }

    [Fact]
    public async Task A_name_typed_is_found_and_picked_with_the_keyboard_and_the_report_lands_with_its_code()
    {
        var description = $"Warga asing menginap lama di rumah kos ({Guid.NewGuid():N}).";
        var page = await PhoneAsync();
        await page.GotoAsync("/lapor");
        await page.Locator("#submit-report:not([disabled])").WaitForAsync();
        await page.CheckAsync("input[name=category][value=Overstay]");

        var box = page.Locator("#villageCode");
        await box.PressSequentiallyAsync("sukaras tangerang");
        // The answer to the whole name: an earlier answer (to "sukaras", say) may be the first list shown while typing.
        await page.WaitForFunctionAsync("""
            code => { const options = document.querySelectorAll('#place-options li[role=option]');
                      return options.length === 1 && options[0].dataset.code === code; }
            """, Sukarasa);
        Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
        Assert.Equal("Sukarasa, Kec. Tangerang, Kota Tangerang", await page.ShownTextAsync($"#place-options li[data-code='{Sukarasa}']"));
        Assert.Equal(1, await page.Locator("#place-options li").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-place-search-id");

        await box.PressAsync("ArrowDown");
        Assert.Equal("place-option-0", await box.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("true", await page.GetAttributeAsync("#place-option-0", "aria-selected"));
        await box.PressAsync("Enter"); // picks; does not send the form
        Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.IsHiddenAsync("#receipt"));
        Assert.Equal("Sukarasa, Kec. Tangerang, Kota Tangerang", await box.InputValueAsync());
        Assert.Equal("Ditangani Kantor Imigrasi Tangerang.", await page.ShownTextAsync("#place-state"));
        // Picked by name, the map shows the place (no pin: no position was given).
        await page.Locator("#place-map:not([hidden])").WaitForAsync();
        Assert.Equal(0, await page.Locator("#place-map .leaflet-marker-icon").CountAsync());

        await page.FillAsync("#description", description);
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        var report = await App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Description == description));
        Assert.Equal(Sukarasa, report.VillageCode);
        Assert.Null(report.Latitude);
    }

    [Fact]
    public async Task A_name_typed_without_a_signal_that_is_several_places_waits_on_the_phone_until_the_reporter_chooses_one()
    {
        var description = $"Orang asing berjualan tanpa izin ({Guid.NewGuid():N}).";
        var page = await PhoneAsync();
        await page.GotoAsync("/lapor");
        await page.Locator("#submit-report:not([disabled])").WaitForAsync();
        await page.Context.SetOfflineAsync(true);
        await page.CheckAsync("input[name=category][value=Other]");
        await page.FillAsync("#villageCode", "Sukasari Tangerang");
        await page.FillAsync("#description", description);
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=queued]").WaitForAsync();

        // Back online: that is two places (in Kota and in Kabupaten Tangerang); the report stays on the phone and comes
        // back to the form to choose.
        await page.Context.SetOfflineAsync(false);
        await page.Locator("#report-form:not([hidden])").WaitForAsync();
        Assert.Equal("Laporan belum terkirim: pilih tempatnya, lalu kirim lagi.", await page.ShownTextAsync("#report-error"));
        Assert.Equal("Ada beberapa tempat bernama “Sukasari Tangerang”: pilih salah satu dari daftar.", await page.ShownTextAsync("#villageCode-error"));
        Assert.Equal("Sukasari Tangerang", await page.InputValueAsync("#villageCode"));
        Assert.Equal(0, await App.WithDbAsync(db => db.Reports.CountAsync(r => r.Description == description)));
        var choices = page.Locator("#place-options li[role=option]");
        await choices.First.WaitForAsync();
        Assert.Equal(2, await choices.CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-choose-place-id");

        const string chosen = "36.71.01.1007"; // Sukasari, Kec. Tangerang, Kota Tangerang
        await page.ClickAsync($"#place-options li[data-code='{chosen}']");
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        var reports = await App.WithDbAsync(db => db.Reports.Where(r => r.Description == description).ToListAsync());
        Assert.Equal(chosen, Assert.Single(reports).VillageCode);
        Assert.Equal(0, await page.Locator("#mine-list li[data-key]").CountAsync());
    }

    [Fact]
    public async Task A_position_where_no_office_uses_pantau_says_so_before_anything_is_sent()
    {
        var page = await PhoneAsync(new Geolocation { Latitude = -8.6705f, Longitude = 115.2126f, Accuracy = 20 }); // Denpasar
        await page.GotoAsync("/lapor");
        await page.Locator("#submit-report:not([disabled])").WaitForAsync();
        await page.ClickAsync("#use-gps");
        await page.Locator("#place-state", new() { HasText = "Belum ada kantor imigrasi" }).WaitForAsync();
        Assert.Contains("Kota Denpasar", await page.InputValueAsync("#villageCode"));
        await page.CheckAsync("input[name=category][value=Other]");
        await page.FillAsync("#description", "Keramaian di vila setiap malam.");
        await page.ClickAsync("#submit-report");
        Assert.StartsWith("Belum ada kantor imigrasi di Pantau yang melayani wilayah ini", await page.ShownTextAsync("#villageCode-error"));
        Assert.True(await page.IsHiddenAsync("#receipt"));
    }
}
