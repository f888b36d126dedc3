using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Reports;
using Pantau.Web.Features.Reports;

namespace Pantau.Tests.Browser;

/// <summary>
/// The public report form, its status page and the development outbox on a phone (360×740): a report written without
/// a signal is kept on the phone and sent once when the network returns; the phone is proved with a code read from
/// the outbox, before or after sending.
/// </summary>
public sealed partial class ReportFormPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    /// <summary>Kota Tangerang: kecamatan Tangerang, kelurahan Sukarasa (Kanim Tangerang's jurisdiction).</summary>
    private const string Village = Reporting.TangerangVillage, VillageLabel = "Sukarasa, Kec. Tangerang, Kota Tangerang";

    /// <summary>Where the phone is: near Tangerang's city hall.</summary>
    private static readonly Geolocation KotaTangerang = new() { Latitude = -6.1781f, Longitude = 106.6300f, Accuracy = 20 };

    [Fact]
    public async Task A_report_written_without_a_signal_is_kept_on_the_phone_sent_once_when_the_network_returns_and_verified_with_a_code_from_the_outbox()
    {
        var description = $"Warga asing bekerja di pabrik tanpa izin kerja ({Guid.NewGuid():N}).";
        var page = await PhoneAsync(KotaTangerang);
        Assert.Equal(200, (await page.GotoAsync("/lapor"))!.Status);
        Assert.Equal("/lapor", page.PathOf()); // no sign-in needed
        Assert.Equal("Laporkan WNA", await page.ShownTextAsync("h1"));
        Assert.Equal("page", await page.GetAttributeAsync("nav a[data-nav=report]", "aria-current"));

        // Once the form is on the phone, the signal goes, and the form still opens.
        await page.Locator("#report-form[data-offline-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.Context.SetOfflineAsync(true);
        var reopened = await page.ReloadAsync();
        Assert.True(reopened!.FromServiceWorker, "the form came from the network, not from the phone");
        Assert.False(await page.EvaluateAsync<bool>("() => navigator.onLine"));
        Assert.Equal("Laporkan WNA", await page.ShownTextAsync("h1"));

        await page.CheckAsync("input[name=category][value=UnauthorisedWork]");
        await page.ClickAsync("#use-gps");
        await page.WaitForFunctionAsync("() => document.getElementById('latitude').value !== ''");
        Assert.Contains("-6.17810, 106.63000", await page.ShownTextAsync("#gps-state"));
        // No signal: the position is kept, its place found later; the kelurahan is typed and looked up when it goes.
        await page.Locator("#place-state", new() { HasText = "posisi disimpan" }).WaitForAsync();
        Assert.Equal(1, await page.Locator("#place-map .leaflet-marker-icon").CountAsync()); // the map's script came from the phone
        await page.FillAsync("#villageCode", "Sukarasa Tangerang");
        await page.Locator("#place-state", new() { HasText = "dicari saat laporan dikirim" }).WaitForAsync();
        await page.FillAsync("#address", "Jl. Daan Mogot No. 12, pabrik cat");
        await page.FillAsync("#description", description);
        await page.FillAsync("#personNationality", "china"); // a country's name, as a resident knows it; stored as its code
        await page.FillAsync("#workplace", "PT Cat Sejahtera");
        await page.SetInputFilesAsync("#photos", new FilePayload { Name = "bukti.png", MimeType = "image/png", Buffer = Reporting.Png });
        await page.Locator("#photo-list li img").WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-offline-id");

        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=queued]").WaitForAsync();
        Assert.StartsWith("Laporan tersimpan di ponsel, akan dikirim saat ada sinyal.", await page.ShownTextAsync("#receipt-state"));
        Assert.True(await page.IsHiddenAsync("#report-form"));
        Assert.Equal("waiting", await page.GetAttributeAsync("#mine-list li[data-key]", "data-state"));
        await Task.Delay(2500); // a retry or two without a signal
        Assert.Equal(0, await ReportsDescribedAsync(description));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-queued-id");

        // The signal comes back: the report goes by itself, once, and the page shows its ticket.
        await page.Context.SetOfflineAsync(false);
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        var ticket = await page.ShownTextAsync("#ticket");
        Assert.Matches("^LP-[2-9A-HJKMNP-Z]{7}$", ticket);
        await Task.Delay(1000); // nothing more goes out afterwards
        Assert.Equal(1, await ReportsDescribedAsync(description));
        var report = await App.WithDbAsync(db => db.Reports.IgnoreQueryFilters().Include(r => r.Photos).SingleAsync(r => r.Description == description));
        Assert.Equal(ticket, report.Ticket);
        Assert.Equal(ReportStatus.Received, report.Status);
        Assert.Equal(ReportCategory.UnauthorisedWork, report.Category);
        Assert.Equal(Village, report.VillageCode);
        Assert.Equal(-6.1781, report.Latitude!.Value, 3);
        Assert.Equal(106.63, report.Longitude!.Value, 3);
        Assert.Equal("CHN", report.PersonNationality);
        Assert.Equal("PT Cat Sejahtera", report.Workplace);
        Assert.Equal("image/jpeg", Assert.Single(report.Photos).ContentType); // re-encoded without its metadata
        Assert.Equal("Received", await page.GetAttributeAsync("#receipt-status", "data-status"));
        Assert.Contains("verifikasi nomor ponsel", await page.ShownTextAsync("#receipt-state"));
        Assert.Equal(0, await page.Locator("#mine-list li[data-key]").CountAsync());
        Assert.Equal(1, await page.Locator($"#mine-list li[data-ticket='{ticket}']").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-sent-id");

        // The phone is proved after sending, with the code the outbox shows.
        var phone = Reporting.NewPhone();
        await VerifyPhoneAsync(page, phone);
        await page.Locator("#receipt-status[data-status=Verified]").WaitForAsync();
        Assert.Equal($"Nomor terverifikasi; laporan {ticket} diteruskan ke petugas imigrasi.", await page.ShownTextAsync("#receipt-state"));
        Assert.Equal("Terverifikasi, diteruskan ke petugas imigrasi", await page.ShownTextAsync("#receipt-status"));
        var verified = await App.WithDbAsync(db => db.Reports.IgnoreQueryFilters().SingleAsync(r => r.Description == description));
        Assert.Equal(ReportStatus.Verified, verified.Status);
        var reporterPhone = await App.WithDbAsync(db => db.Reporters.Where(r => r.Id == verified.ReporterId).Select(r => r.Phone).SingleAsync());
        Assert.Equal(Reporting.Intl(phone), reporterPhone);
        await page.ScreenshotAsync("report-form-verified-id");

        // The status page: the verified status and its history, nothing personal.
        await page.SubmitAsync("#status-link");
        Assert.Matches("^/lapor/[A-Za-z0-9_-]{27}$", page.PathOf()); // the reporter's private link, not the public ticket
        Assert.Equal($"Laporan {ticket}", await page.ShownTextAsync("h1"));
        Assert.Equal("Terverifikasi, diteruskan ke petugas imigrasi", await page.ShownTextAsync("#status"));
        Assert.Equal("Bekerja tidak sesuai izin", await page.ShownTextAsync("#category"));
        Assert.Equal(["Received", "Verified"], await page.Locator("#history li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status)"));
        var content = await page.ContentAsync();
        foreach (var personal in new[] { description, "PT Cat Sejahtera", Reporting.Intl(phone), phone[1..], "Daan Mogot" })
            Assert.DoesNotContain(personal, content);
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-status-verified-id");
    }

    /// <summary>
    /// A fingerprinted file never changes under its name, so the worker answers it from what the phone keeps, not
    /// from the network and not from the browser's HTTP cache, which a phone short of space empties first.
    /// </summary>
    [Fact]
    public async Task A_phone_that_has_the_form_asks_the_network_for_none_of_its_fingerprinted_files_on_the_next_visit()
    {
        var page = await PhoneAsync();
        var ready = page.Locator("#report-form[data-offline-ready=true]");
        await page.GotoAsync("/lapor");
        await ready.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        // The second visit, the first under the worker, keeps the files under the fingerprinted names the page links.
        await page.GotoAsync("/lapor");
        await ready.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        // Evaluate awaits the check's promise (a wait for a function would take the promise itself for true).
        const string allKept = """
            async () => {
                const kept = await caches.open("pantau-lapor-v1");
                const files = performance.getEntriesByType("resource").map(e => new URL(e.name))
                    .filter(u => u.origin === location.origin && /\.[a-z0-9]{10}\.[a-z]+$/.test(u.pathname));
                for (const file of files) if (!await kept.match(file.origin + file.pathname)) return false;
                return files.length > 0;
            }
            """;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !await page.EvaluateAsync<bool>(allKept); await Task.Delay(100))
            Assert.True(DateTime.UtcNow < deadline, "the worker did not keep the page's files");

        var requested = await App.RequestsDuringAsync(async () =>
        {
            await page.GotoAsync("/lapor");
            await ready.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        });
        Assert.Contains("/lapor", requested);
        Assert.True(!requested.Any(path => Fingerprinted().IsMatch(path)), string.Join(" ", requested));
        Assert.Equal("Laporkan WNA", await page.ShownTextAsync("h1"));
    }

    /// <summary>A file named by its content (MapStaticAssets): "/js/report-form.k3x9q0w1ab.js".</summary>
    [GeneratedRegex(@"\.[a-z0-9]{10}\.[a-z]+$")]
    private static partial Regex Fingerprinted();

    [Fact]
    public async Task A_phone_proved_before_sending_reports_straight_into_the_queue_and_its_next_report_too()
    {
        var first = $"Orang asing tinggal melebihi izin tinggal ({Guid.NewGuid():N}).";
        var second = $"Someone keeps working without a permit ({Guid.NewGuid():N}).";
        var page = await PhoneAsync();
        // Anyone reaches the form from the menu.
        await page.GotoAsync("/statistik");
        await page.SubmitAsync("nav a[data-nav=report]");
        Assert.Equal("/lapor", page.PathOf());

        var phone = Reporting.NewPhone();
        await VerifyPhoneAsync(page, phone);
        await page.Locator("#verified-as:not([hidden])").WaitForAsync();
        Assert.Contains("sudah terverifikasi", await page.ShownTextAsync("#verified-text"));
        Assert.True(await page.IsHiddenAsync("#verify-form"));

        await page.CheckAsync("input[name=category][value=Overstay]");
        await PickVillageAsync(page);
        await page.FillAsync("#description", first);
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        Assert.Equal("Verified", await page.GetAttributeAsync("#receipt-status", "data-status"));
        Assert.Equal("Laporan terkirim.", await page.ShownTextAsync("#receipt-state"));
        Assert.True(await page.IsHiddenAsync("#verify"));

        // Later, in English, after the page was opened again: the phone is still proved.
        await page.GotoAsync("/culture/en?returnUrl=%2Flapor");
        Assert.Equal("Report a foreign national", await page.ShownTextAsync("h1"));
        Assert.StartsWith($"Number {Reporting.Intl(phone)[..6]}", await page.ShownTextAsync("#verified-text"));
        await page.CheckAsync("input[name=category][value=UnauthorisedWork]");
        await PickVillageAsync(page);
        await page.FillAsync("#description", second);
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        Assert.Equal("Verified, passed to the immigration officers", await page.ShownTextAsync("#receipt-status"));
        Assert.Equal(2, await page.Locator("#mine-list li[data-ticket]").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-second-en");

        var reports = await App.WithDbAsync(db => db.Reports.IgnoreQueryFilters().Where(r => r.Description == first || r.Description == second).ToListAsync());
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Equal(ReportStatus.Verified, r.Status));
        Assert.Single(reports.Select(r => r.ReporterId).Distinct());
        Assert.NotNull(reports[0].ReporterId);
    }

    [Fact]
    public async Task An_rt_head_reports_from_the_account_as_a_trusted_reporter_without_a_phone_code()
    {
        var description = $"Beberapa orang asing menginap di rumah kosong ({Guid.NewGuid():N}).";
        var page = await PhoneAsync();
        await page.GotoAsync("/login?ReturnUrl=%2Flapor");
        await page.SignInAsync("rt.setiabudi@pantau.test", PantauApp.Password);
        Assert.Equal("/lapor", page.PathOf());
        Assert.Contains("pelapor terpercaya", await page.ShownTextAsync("#trusted-reporter"));
        Assert.True(await page.IsHiddenAsync("#verify"));

        await page.CheckAsync("input[name=category][value=SuspiciousActivity]");
        await PickVillageAsync(page);
        await page.FillAsync("#description", description);
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        Assert.Equal("Verified", await page.GetAttributeAsync("#receipt-status", "data-status"));
        Assert.True(await page.IsHiddenAsync("#verify"));
        var report = await App.WithDbAsync(db => db.Reports.IgnoreQueryFilters().SingleAsync(r => r.Description == description));
        Assert.Equal(ReportStatus.Verified, report.Status);
        Assert.NotNull(report.TrustedReporterId);
        Assert.Null(report.ReporterId);
    }

    [Fact]
    public async Task A_bad_field_is_shown_at_the_field_whether_the_phone_or_the_server_finds_it_and_nothing_is_stored()
    {
        var description = $"Keributan setiap malam di rumah kos ({Guid.NewGuid():N}).";
        var page = await PhoneAsync();
        await page.GotoAsync("/lapor");
        await page.Locator("#submit-report:not([disabled])").WaitForAsync();

        // No kelurahan and a description over the limit: the phone says so at both fields and sends nothing.
        await page.CheckAsync("input[name=category][value=PublicDisorder]");
        await page.FillAsync("#description", new string('x', Report.MaxDescription + 1));
        await page.ClickAsync("#submit-report");
        Assert.Equal("Pilih kelurahan/desa tempat kejadian.", await page.ShownTextAsync("#villageCode-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#villageCode", "aria-invalid"));
        Assert.Equal("Paling banyak 4.000 karakter.", await page.ShownTextAsync("#description-error"));
        Assert.Equal("Periksa isian yang ditandai di bawah.", await page.ShownTextAsync("#report-error"));
        Assert.True(await page.IsHiddenAsync("#receipt"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-form-errors-id");

        // A nationality only the server knows is wrong: its message comes back to that field, in Indonesian.
        await PickVillageAsync(page);
        await page.FillAsync("#description", description);
        await page.FillAsync("#personNationality", "XYZ");
        await page.ClickAsync("#submit-report");
        await page.Locator("#personNationality-error").WaitForAsync();
        Assert.Equal("Pilih negara dari daftar, atau kosongkan.",
            await page.ShownTextAsync("#personNationality-error"));
        Assert.StartsWith("Laporan belum dapat diterima", await page.ShownTextAsync("#report-error"));
        Assert.Equal(0, await page.Locator("#villageCode-error").CountAsync());
        Assert.Equal(VillageLabel, await page.InputValueAsync("#villageCode"));
        Assert.Equal(Village, await page.InputValueAsync("[data-place=code]"));
        Assert.Equal(description, await page.InputValueAsync("#description"));
        Assert.Equal(0, await ReportsDescribedAsync(description));
        await page.ScreenshotAsync("report-form-server-error-id");

        // Corrected, it goes.
        await page.FillAsync("#personNationality", "");
        await page.ClickAsync("#submit-report");
        await page.Locator("#receipt[data-state=sent]").WaitForAsync();
        Assert.Equal(1, await ReportsDescribedAsync(description));
    }

    [Fact]
    public async Task The_status_page_follows_the_report_as_officers_act_on_it_and_shows_the_reason_for_a_rejection()
    {
        var client = App.CreateClient();
        var token = await Reporting.VerifyPhoneAsync(client, Reporting.NewPhone());
        var receipt = await Reporting.SubmittedAsync(client, Reporting.Form(category: "SuspiciousActivity"), token);
        var ticket = receipt.GetProperty("ticket").GetString()!;
        var id = receipt.GetProperty("id").GetString();

        var page = await PhoneAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync($"/lapor/{ticket.ToLowerInvariant()}");
        Assert.Equal($"Laporan {ticket}", await page.ShownTextAsync("h1"));
        Assert.Equal("Terverifikasi, diteruskan ke petugas imigrasi", await page.ShownTextAsync("#status"));
        Assert.True(await page.IsHiddenAsync("#status-note"));
        await page.MarkDocumentAsync();

        var officer = await App.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/reports/{id}/triage",
            new { action = "Reject", reason = "FalseReport", publicNote = "Alamat tidak ditemukan di lokasi." })).StatusCode);

        await page.Clock.FastForwardAsync("00:31");
        await page.Locator("#tracking[data-status=Rejected]").WaitForAsync();
        Assert.True(await page.IsSameDocumentAsync());
        Assert.Equal("Tidak dapat ditindaklanjuti", await page.ShownTextAsync("#status"));
        Assert.Equal("Alasan", await page.ShownTextAsync("#status-note-label"));
        Assert.Equal("Alamat tidak ditemukan di lokasi.", await page.ShownTextAsync("#status-note-text"));
        Assert.Equal(["Verified", "Rejected"], await page.Locator("#history li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status)"));
        Assert.StartsWith("Diperbarui pukul", await page.ShownTextAsync("#updated"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("report-status-rejected-id");

        Assert.Equal(404, (await page.GotoAsync("/lapor/LP-NOTHERE"))!.Status);
        Assert.Equal("Tidak ada laporan dengan nomor tiket LP-NOTHERE. Periksa kembali nomor tiketnya.", await page.ShownTextAsync("#unknown-ticket"));
    }

    [Fact]
    public async Task The_outbox_page_lists_the_messages_newest_first()
    {
        var client = App.CreateClient();
        var phone = Reporting.NewPhone();
        await Reporting.SubmittedAsync(client, Reporting.Form(), await Reporting.VerifyPhoneAsync(client, phone));

        var page = await PhoneAsync();
        await page.GotoAsync($"/dev/outbox?recipient={phone}");
        Assert.Equal("Kotak keluar pesan", await page.ShownTextAsync("h1"));
        var messages = page.Locator("#messages li.message");
        Assert.Equal(2, await messages.CountAsync());
        Assert.All(await messages.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.recipient)"), r => Assert.Equal(Reporting.Intl(phone), r));
        Assert.StartsWith("Laporan LP-", (await messages.First.Locator(".text").TextContentAsync())?.Trim());
        Assert.StartsWith("Kode verifikasi Pantau", (await messages.Last.Locator(".text").TextContentAsync())?.Trim());
        var ids = await messages.EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.id))");
        Assert.Equal(ids.OrderDescending(), ids);
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("dev-outbox-id");
    }

    [Fact]
    public async Task The_form_is_an_installable_app_with_a_manifest_icons_and_a_service_worker()
    {
        var client = App.CreateClient();
        var manifest = await client.GetAsync("/manifest.webmanifest");
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        var m = System.Text.Json.JsonDocument.Parse(await manifest.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/lapor", m.GetProperty("start_url").GetString());
        Assert.Equal("standalone", m.GetProperty("display").GetString());
        Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("name").GetString()));
        var sizes = new List<string>();
        foreach (var icon in m.GetProperty("icons").EnumerateArray())
        {
            var file = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), file.Content.Headers.ContentType?.MediaType);
            if (icon.GetProperty("type").GetString() != "image/png") continue;
            var png = await file.Content.ReadAsByteArrayAsync(); // the size the manifest gives is the picture's (PNG header)
            var size = $"{System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))}x{System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))}";
            Assert.Equal(icon.GetProperty("sizes").GetString(), size);
            sizes.Add(size);
        }
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);
        Assert.Equal("text/javascript", (await client.GetAsync("/sw.js")).Content.Headers.ContentType?.MediaType);
        var form = await client.GetStringAsync("/lapor");
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">", form);
        // Every page names its icon, and a browser asking for /favicon.ico on its own finds one too.
        Assert.Contains("<link rel=\"icon\" href=\"/icons/pantau.svg\"", await client.GetStringAsync("/login"));
        var favicon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await favicon.Content.ReadAsByteArrayAsync())[..4]); // an icon file's header
    }

    /// <summary>Types part of the kelurahan's name and taps it among the places suggested.</summary>
    private static async Task PickVillageAsync(IPage page)
    {
        await page.FillAsync("#villageCode", "sukarasa tangerang");
        await page.ClickAsync($"#place-options li[data-code='{Village}']");
        Assert.Equal(VillageLabel, await page.InputValueAsync("#villageCode"));
        Assert.Equal(Village, await page.InputValueAsync("[data-place=code]"));
    }

    /// <summary>Asks for a code, reads it from the outbox page in another tab of the same phone, and types it in.</summary>
    private static async Task VerifyPhoneAsync(IPage page, string phone)
    {
        await page.FillAsync("#phone", phone);
        await page.ClickAsync("#verify-button");
        await page.Locator("#code-field:not([hidden])").WaitForAsync();
        Assert.StartsWith("Kode dikirim ke +62", await page.ShownTextAsync("#verify-state"));

        var outbox = await page.Context.NewPageAsync();
        await outbox.GotoAsync($"/dev/outbox?recipient={Uri.EscapeDataString(phone)}");
        var text = await outbox.ShownTextAsync("#messages li.message:first-child .text");
        await outbox.CloseAsync();
        var code = SixDigits().Match(text).Groups[1].Value;
        Assert.Equal(6, code.Length);

        await page.FillAsync("#code", code);
        await page.ClickAsync("#verify-button");
        await page.Locator("#verify-form[hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private Task<int> ReportsDescribedAsync(string description) =>
        App.WithDbAsync(db => db.Reports.IgnoreQueryFilters().CountAsync(r => r.Description == description));

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();
}

/// <summary>Outside Development there is no outbox page.</summary>
public sealed class OutboxOutsideDevelopmentTests(OutboxOutsideDevelopmentTests.ProductionApp app) : IClassFixture<OutboxOutsideDevelopmentTests.ProductionApp>
{
    public sealed class ProductionApp : PantauApp
    {
        // No demo accounts: a production start on its own, empty database.
        protected override bool StartsFromTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            // Production fails closed: the operator's secrets, and no demo accounts.
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Audit:ChainKey", TestSecrets.ChainKey);
            builder.UseSetting("DataProtection:Certificate:Path", TestSecrets.Certificate);
            builder.UseSetting("DataProtection:Certificate:Password", TestSecrets.CertificatePassword);
            builder.UseSetting("Reports:CodeKey", TestSecrets.CodeKey);
        }
    }

    [Fact]
    public async Task The_outbox_page_is_not_found_outside_development()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lapor")).StatusCode);
    }
}
