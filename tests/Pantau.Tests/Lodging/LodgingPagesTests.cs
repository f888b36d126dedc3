using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Lodging;

/// <summary>A hotel's receptionist on a phone (360×740): registration, the check-in form, the check-out; and the office's side.</summary>
public sealed class LodgingPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private static DateOnly Today => Lodgings.Today;

    [Fact]
    public async Task A_receptionist_reports_a_guest_check_in_and_check_out_from_a_phone()
    {
        var (_, email, _) = await App.VerifiedLodgingAsync(name: "Hotel Pasar Lama");
        var unknown = People.NextPassport();

        var page = await PhoneAsync();
        await page.GotoAsync("/penginapan");
        Assert.Equal("/login", page.PathOf());
        await page.SignInAsync(email, PantauApp.Password);
        Assert.Equal("/penginapan", page.PathOf());
        Assert.Equal("Lapor tamu WNA", await page.ShownTextAsync("h1"));
        Assert.Equal(Lodgings.Date(Today), await page.InputValueAsync("#checkIn"));
        await page.AssertFitsPhoneAsync();

        // Sent empty: every required field says what it needs, in Indonesian.
        await page.FillAsync("#checkIn", "");
        await page.SubmitAsync("#check-in-button");
        Assert.Equal("Periksa isian yang ditandai di bawah.", await page.ShownTextAsync(".notice.error"));
        Assert.Equal("Nomor paspor terdiri dari 5 sampai 9 huruf A–Z dan angka (ICAO 9303).", await page.ShownTextAsync("#passportNumber-error"));
        Assert.Equal("Kamar/unit wajib diisi, paling banyak 50 karakter.", await page.ShownTextAsync("#room-error"));
        Assert.Equal("Tanggal masuk wajib diisi.", await page.ShownTextAsync("#checkIn-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#passportNumber", "aria-invalid"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("lodging-check-in-errors-id");

        // As read off the passport: lower case with a space.
        await page.FillAsync("#passportNumber", $"{unknown[..3].ToLowerInvariant()} {unknown[3..]}");
        await page.FillAsync("#nationality", "aus");
        await page.FillAsync("#guestName", "Olivia Brown");
        await page.FillAsync("#room", "Kamar 12");
        await page.FillAsync("#checkIn", Lodgings.Date(Today));
        await page.FillAsync("#plannedCheckOut", Lodgings.Date(Today.AddDays(3)));
        await page.SubmitAsync("#check-in-button");
        Assert.Equal("/penginapan", page.PathOf());
        Assert.Equal($"Laporan tamu dengan paspor {unknown} tersimpan.", await page.ShownTextAsync(".flash"));
        var card = page.Locator($"#staying li[data-passport='{unknown}']");
        Assert.Equal(1, await card.CountAsync());
        Assert.Contains("Kamar 12", await card.TextContentAsync());
        Assert.Contains("Olivia Brown", await card.TextContentAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("lodging-check-in-id");

        // The guest is not in the registry: the office's queue has them.
        var flag = await App.WithDbAsync(db => db.LodgingFlags.SingleAsync(f => db.GuestStays.Any(s => s.Id == f.StayId && s.PassportNumber == unknown)));
        Assert.Equal(Pantau.Web.Features.Lodging.FlagReason.NotInRegistry, flag.Reason);

        // Check-out today, in English.
        await page.SubmitAsync("a[data-lang=en]");
        Assert.Equal("Report foreign guests", await page.ShownTextAsync("h1"));
        await page.SubmitAsync(card.Locator("button[type=submit]"));
        Assert.Equal("/penginapan", page.PathOf());
        Assert.Equal($"The guest with passport {unknown} is recorded as checked out.", await page.ShownTextAsync(".flash"));
        Assert.Equal(0, await page.Locator($"#staying li[data-passport='{unknown}']").CountAsync());
        Assert.Equal(1, await page.Locator($"#left li[data-passport='{unknown}']").CountAsync());
        Assert.Equal("No foreign guests are staying now.", await page.ShownTextAsync("#none-staying"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("lodging-check-out-en");
    }

    [Fact]
    public async Task A_lodging_registers_on_a_phone_and_the_office_verifies_it()
    {
        var email = Lodgings.NextEmail("kos");
        var page = await PhoneAsync();
        await page.GotoAsync("/penginapan/daftar");
        Assert.Equal("Pendaftaran penginapan", await page.ShownTextAsync("h1"));
        await page.FillAsync("#name", "Kos Mawar");
        await page.SelectOptionAsync("#kind", "Landlord");
        // The kelurahan by its name, picked among the places suggested (not a code typed).
        await page.FillAsync("#villageCode", "sukarasa tangerang");
        await page.ClickAsync($"#place-options li[data-code='{People.TangerangVillage}']");
        await page.FillAsync("#address", "Jl. Mawar No. 3");
        await page.FillAsync("#contactName", "Siti Aminah");
        await page.FillAsync("#contactPhone", "0813-1111-2222");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "short");
        await page.SubmitAsync("#register-button");
        Assert.StartsWith("Kata sandi minimal 8 karakter.", await page.ShownTextAsync("#password-error"));
        Assert.Equal(email, await page.InputValueAsync("#email")); // what was typed stays
        Assert.Equal("Sukarasa, Kec. Tangerang, Kota Tangerang", await page.InputValueAsync("#villageCode")); // and the place picked
        await page.FillAsync("#password", PantauApp.Password);
        await page.SubmitAsync("#register-button");
        Assert.Contains("Kantor Imigrasi Tangerang", await page.ShownTextAsync("#registered"));
        Assert.Equal(People.TangerangVillage, await App.WithDbAsync(db => db.Lodgings.Where(l => l.Name == "Kos Mawar").Select(l => l.VillageCode).FirstAsync()));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("lodging-registered-id");

        // Before the office decides, the owner's right password says whose verification it waits for; a wrong one
        // says only that it is wrong (a stranger learns nothing of the account).
        await page.GotoAsync("/login");
        await page.SignInAsync(email, PantauApp.Password);
        Assert.Equal("/login", page.PathOf());
        Assert.Contains("menunggu verifikasi oleh Kantor Imigrasi Tangerang", await page.ShownTextAsync("#login-held"));
        Assert.Equal(0, await page.Locator("#login-error").CountAsync());
        await page.SignInAsync(email, PantauApp.Password + "x");
        Assert.Equal(0, await page.Locator("#login-held").CountAsync());
        Assert.Equal(1, await page.Locator("#login-error").CountAsync());
        await page.AssertFitsPhoneAsync();

        var office = await PhoneAsync();
        await office.GotoAsync("/lodgings");
        await office.SignInAsync("petugas.tangerang@pantau.test", PantauApp.Password);
        Assert.Equal("/lodgings", office.PathOf());
        var card = office.Locator("#pending li.lodging", new() { HasText = "Kos Mawar" });
        Assert.Equal("Menunggu verifikasi", (await card.Locator("[data-state]").TextContentAsync())?.Trim());
        await office.AssertFitsPhoneAsync();
        await office.SubmitAsync(card.Locator("button[value=true]"));
        Assert.Equal("/lodgings", office.PathOf());
        Assert.Equal("Kos Mawar terverifikasi; akunnya kini dapat masuk.", await office.ShownTextAsync(".flash"));
        Assert.Equal("Terverifikasi", (await office.Locator("#decided li.lodging", new() { HasText = "Kos Mawar" }).Locator("[data-state]").TextContentAsync())?.Trim());

        await page.GotoAsync("/login");
        await page.SignInAsync(email, PantauApp.Password);
        Assert.Equal("/penginapan", page.PathOf());
    }

    [Fact]
    public async Task A_list_uploaded_from_a_phone_flags_its_guests_and_an_officer_resolves_them_and_sees_permits_ending()
    {
        var (_, email, _) = await App.VerifiedLodgingAsync(name: "Guest House Anggrek");
        var unknown = People.NextPassport();
        var ending = People.NextPassport();
        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        var body = People.Registration(People.TangerangVillage, "Ending Guest", "THA", ending, permitExpiry: Lodgings.Date(Today.AddDays(2)));
        ((Dictionary<string, object?>[])body["permits"]!)[0]["sponsorPhone"] = "081277766655";
        await officer.RegisterAsync(body);

        var page = await PhoneAsync();
        await page.GotoAsync("/penginapan/unggah");
        await page.SignInAsync(email, PantauApp.Password);
        Assert.Equal("/penginapan/unggah", page.PathOf());
        var csv = $"passportNumber,nationality,room,checkIn,plannedCheckOut\n{unknown},NZL,5,{Lodgings.Date(Today)},\n{ending},THA,6,{Lodgings.Date(Today)},{Lodgings.Date(Today.AddDays(9))}\nbad,NZL,7,{Lodgings.Date(Today)},\n";
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "tamu.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.SubmitAsync("#upload-button");
        Assert.Equal("3 baris dibaca: 2 tamu masuk, 0 tamu keluar, 0 sudah pernah dilaporkan.", await page.ShownTextAsync("#upload-result .flash"));
        Assert.Equal("4", await page.GetAttributeAsync("#rejected li", "data-line"));
        Assert.Contains("Nomor paspor terdiri dari", await page.ShownTextAsync("#rejected li"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("lodging-upload-id");

        var office = await PhoneAsync();
        await office.GotoAsync("/lodging-flags");
        await office.SignInAsync("petugas.tangerang@pantau.test", PantauApp.Password);
        Assert.Equal("/lodging-flags", office.PathOf());
        var notRegistered = office.Locator($"#flags li[data-passport='{unknown}']");
        Assert.Equal("NotInRegistry", await notRegistered.GetAttributeAsync("data-reason"));
        Assert.Equal("Tidak terdaftar di registri", (await notRegistered.Locator(".badge").TextContentAsync())?.Trim());
        Assert.Equal("StaysPastPermit", await office.Locator($"#flags li[data-passport='{ending}']").GetAttributeAsync("data-reason"));
        await office.AssertFitsPhoneAsync();
        await office.ScreenshotAsync("lodging-flags-id");
        await notRegistered.Locator("input[name=note]").FillAsync("Tamu turis bebas visa kunjungan, dicek di lokasi");
        await office.SubmitAsync(notRegistered.Locator("button[type=submit]"));
        Assert.Equal("/lodging-flags", office.PathOf());
        Assert.Equal($"Tanda untuk paspor {unknown} selesai.", await office.ShownTextAsync(".flash"));
        Assert.Equal(0, await office.Locator($"#flags li[data-passport='{unknown}']").CountAsync());

        await office.GotoAsync("/permit-expiry");
        var person = office.Locator("#permits li", new() { HasText = "Ending Guest" });
        Assert.Equal("2 hari lagi", (await person.Locator(".badge").TextContentAsync())?.Trim());
        Assert.Contains("+6281277766655", await person.TextContentAsync());
        await office.AssertFitsPhoneAsync();
        await office.ScreenshotAsync("permit-expiry-id");
    }
}
