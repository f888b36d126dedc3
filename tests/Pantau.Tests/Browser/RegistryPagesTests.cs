using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>The pages in a real Chromium at a phone's size (360×740), against the real app on a real port.</summary>
public sealed class RegistryPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Officer = "petugas.jaksel@pantau.test";
    private const string Admin = "admin@pantau.test";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    // The real port first: the API clients of a test then talk to the same server as the browser.

    [Fact]
    public async Task An_officer_finds_a_foreigner_by_name_on_a_phone_and_reads_the_record_in_either_language()
    {
        var jaksel = await App.LoginAsync(Officer);
        var (person, passport, itas, itk) = await RegisterMovedPersonAsync(jaksel, "Nguyễn Thị Hồng Nhung");
        // Same name in another office's area, and a different name in this one: neither may be found.
        await (await App.LoginAsync("petugas.tangerang@pantau.test")).RegisterAsync(People.Registration(People.TangerangVillage, "Nguyen Thi Hong Nhung"));
        await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Nguyễn Văn An"));

        var page = await PhoneAsync();
        await page.GotoAsync("/registry");
        Assert.Equal("/login", page.PathOf());
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/registry", page.PathOf());

        // Other case, no diacritics, words in another order.
        await page.FillAsync("#q", "HONG nguyen thi");
        await page.SubmitAsync("#search-button");
        Assert.Equal("1 orang ditemukan", await page.ShownTextAsync("#result-count"));
        var results = page.Locator("#results > li");
        Assert.Equal(1, await results.CountAsync());
        Assert.Equal("Nguyễn Thị Hồng Nhung", (await results.Locator("a.name").TextContentAsync())?.Trim());
        Assert.Contains(passport, await results.TextContentAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("registry-search-id");

        await page.SubmitAsync(results.Locator("a.name"));
        Assert.Equal($"/registry/{person}", page.PathOf());
        Assert.Equal("Nguyễn Thị Hồng Nhung", (await page.TextContentAsync("#person-name"))?.Trim());
        Assert.Equal("Paspor", (await page.TextContentAsync("#passports-heading"))?.Trim());
        Assert.Contains(passport, await page.TextContentAsync("#passports"));

        // Each permit with its own status, and the statuses look different.
        var valid = page.Locator("#permits > li", new() { HasText = itas });
        var expired = page.Locator("#permits > li", new() { HasText = itk });
        Assert.Equal("Berlaku", (await valid.Locator(".badge").TextContentAsync())?.Trim());
        Assert.Equal("valid", await valid.Locator(".badge").GetAttributeAsync("data-status"));
        Assert.Equal("Kedaluwarsa", (await expired.Locator(".badge").TextContentAsync())?.Trim());
        Assert.NotEqual(await BackgroundOfAsync(valid.Locator(".badge")), await BackgroundOfAsync(expired.Locator(".badge")));
        // A purpose sent as a bare category word reads in the page's words; free text keeps its own beside them.
        Assert.Equal("Bekerja", (await valid.Locator(".purpose").TextContentAsync())?.Trim());
        Assert.Equal("Keluarga (kunjungan keluarga)", (await expired.Locator(".purpose").TextContentAsync())?.Trim());

        // The current address with region names, and where the person lived before.
        var address = await page.TextContentAsync("#current-address");
        Assert.Contains("Karet Kuningan", address);
        Assert.Contains("Setiabudi", address);
        Assert.Contains("Kota Administrasi Jakarta Selatan", address);
        Assert.Equal(2, await page.Locator("#address-history > li").CountAsync());
        Assert.Contains("Setia Budi", await page.TextContentAsync("#address-history"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("foreigner-id");

        await page.SubmitAsync("a[data-lang=en]");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal($"/registry/{person}", page.PathOf());
        Assert.Equal("Passports", (await page.TextContentAsync("#passports-heading"))?.Trim());
        Assert.Equal("Valid", (await valid.Locator(".badge").TextContentAsync())?.Trim());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("foreigner-en");

        await page.SubmitAsync("a[data-lang=id]");
        Assert.Equal("id", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Paspor", (await page.TextContentAsync("#passports-heading"))?.Trim());

        // Every look at the person is in the audit trail, as the API's would be.
        var id = person.ToString();
        var actions = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Actor == Officer && e.RecordIds.Contains(id))
            .Select(e => e.Action).ToListAsync());
        Assert.Equal(3, actions.Count(a => a == "read"));
        Assert.Contains("search", actions);
    }

    [Fact]
    public async Task A_foreigner_outside_the_officers_area_or_unknown_is_a_not_found_page()
    {
        var tangerang = await App.LoginAsync("petugas.tangerang@pantau.test");
        var elsewhere = (await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, "Kim Min Jun", "KOR"))).GetProperty("id").GetGuid();

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync(Officer, PantauApp.Password);

        foreach (var id in new[] { elsewhere, Guid.NewGuid() })
        {
            var response = await page.GotoAsync($"/registry/{id}");
            Assert.Equal(404, response!.Status);
            Assert.True(await page.IsVisibleAsync("#not-found"));
            Assert.DoesNotContain("Kim Min Jun", await page.ContentAsync());
        }
        await page.AssertFitsPhoneAsync();

        await page.GotoAsync("/registry?q=kim+min");
        Assert.Equal("0 orang ditemukan", (await page.TextContentAsync("#result-count"))?.Trim());
    }

    [Fact]
    public async Task Search_filters_narrow_the_list_and_bad_filters_are_named()
    {
        var jaksel = await App.LoginAsync(Officer);
        var soon = Today.AddDays(20).ToString("yyyy-MM-dd");
        await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "Tanaka Hiroshi", "JPN", permitExpiry: soon));
        await jaksel.RegisterAsync(People.Registration(People.KaretKuningan, "Tanaka Yuki", "JPN", permitType: "ITAP", permitExpiry: Today.AddYears(4).ToString("yyyy-MM-dd")));

        var page = await PhoneAsync();
        await page.GotoAsync("/login?ReturnUrl=%2Fregistry");
        await page.SignInAsync(Officer, PantauApp.Password);

        await page.GotoAsync($"/registry?q=tanaka&region=31.74.02.1003&nationality=jpn&expiringBefore={Today.AddDays(30):yyyy-MM-dd}");
        Assert.Equal("1 orang ditemukan", (await page.TextContentAsync("#result-count"))?.Trim());
        Assert.Contains("Tanaka Hiroshi", await page.TextContentAsync("#results"));
        Assert.Equal("expiring", await page.Locator("#results .badge").GetAttributeAsync("data-status"));

        await page.GotoAsync("/registry?q=tanaka&permitType=ITAP");
        Assert.Equal("1 orang ditemukan", (await page.TextContentAsync("#result-count"))?.Trim());
        Assert.Contains("Tanaka Yuki", await page.TextContentAsync("#results"));

        // The filters are a form on the page, not only a URL.
        await page.GotoAsync("/registry");
        await page.FillAsync("#q", "tanaka");
        await page.ClickAsync(".filters summary");
        await page.FillAsync("#region", "31.7");
        await page.FillAsync("#nationality", "XYZ");
        await page.SubmitAsync("#search-button");
        Assert.Contains("31.74.02.1001", await page.ShownTextAsync("#region-error"));
        Assert.Contains("Pilih negara dari daftar", await page.TextContentAsync("#nationality-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#region", "aria-invalid"));
        Assert.Equal(0, await page.Locator("#results").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("registry-filters-errors-id");
    }

    [Fact]
    public async Task The_national_admin_creates_an_officer_account_and_disables_it()
    {
        var email = $"petugas.{Guid.NewGuid():N}"[..20] + "@pantau.test";
        const string password = "Rahasia#2026";

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync(Admin, PantauApp.Password);
        Assert.Equal("/admin/accounts", page.PathOf());
        Assert.True(await page.Locator("#accounts > li[data-email='petugas.jaksel@pantau.test']").IsVisibleAsync());
        await page.AssertFitsPhoneAsync();

        // Waits for the new document itself: a URL wait then a load-state wait timed out once under a loaded machine.
        await page.SubmitAsync("#new-account");
        Assert.Equal("/admin/accounts/new", page.PathOf());
        // Only the chosen role's scope fields show.
        Assert.Equal("Officer", await page.InputValueAsync("#role"));
        Assert.False(await page.IsVisibleAsync("#provinceCode"));
        await page.SelectOptionAsync("#role", "Partner");
        Assert.True(await page.IsVisibleAsync("#districtCodes"));
        await page.SelectOptionAsync("#role", "Officer");
        Assert.False(await page.IsVisibleAsync("#districtCodes"));

        // Without an office, the rules refuse, and say so at the field.
        await page.FillAsync("#email", email);
        await page.FillAsync("#fullName", "Petugas Baru Jakarta Selatan");
        await page.FillAsync("#password", password);
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("Peran ini wajib memiliki kantor.", await page.ShownTextAsync("#officeId-error"));
        Assert.Equal(email, await page.InputValueAsync("#email"));
        Assert.Equal("", await page.InputValueAsync("#password"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("account-new-errors-id");

        await page.SelectOptionAsync("#officeId", new SelectOptionValue { Label = "Kantor Imigrasi Jakarta Selatan" });
        await page.FillAsync("#password", password);
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("/admin/accounts", page.PathOf());
        Assert.Contains(email, await page.TextContentAsync(".flash"));
        var card = page.Locator($"#accounts > li[data-email='{email}']");
        Assert.Equal("active", await card.Locator("[data-state]").GetAttributeAsync("data-state"));
        Assert.Contains("Petugas imigrasi", await card.TextContentAsync());
        Assert.Contains("Kantor Imigrasi Jakarta Selatan", await card.TextContentAsync());

        // The new officer can work, and sees Jakarta Selatan's registry.
        var newcomer = await App.LoginAsync(email, password);
        Assert.True((await newcomer.GetAsync("/api/foreigners?query=x")).IsSuccessStatusCode);

        await page.EvaluateAsync("() => { window.__leaving = true; }");
        await card.GetByRole(AriaRole.Button, new() { Name = "Nonaktifkan" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__leaving !== true && document.readyState !== 'loading'");
        Assert.Equal("disabled", await card.Locator("[data-state]").GetAttributeAsync("data-state"));
        Assert.Contains("dinonaktifkan", await page.ShownTextAsync(".flash"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("accounts-id");
        Assert.True(await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.IsDisabled).SingleAsync()));

        // A disabled account cannot sign in, nor use a session it already had.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await newcomer.GetAsync("/api/foreigners?query=x")).StatusCode);
        var other = await PhoneAsync();
        await other.GotoAsync("/login");
        await other.SignInAsync(email, password);
        Assert.Equal("/login", other.PathOf());
        Assert.Equal("Email atau kata sandi salah.", await other.ShownTextAsync("#login-error"));
    }

    [Fact]
    public async Task An_officer_is_turned_away_from_account_admin()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/registry", page.PathOf());
        Assert.Equal(0, await page.Locator("nav.nav a[href='/admin/accounts']").CountAsync());

        var response = await page.GotoAsync("/admin/accounts");
        Assert.NotNull(response!.Request.RedirectedFrom);
        Assert.Equal("/login", page.PathOf());
        Assert.True(await page.IsVisibleAsync("#denied"));
        Assert.Equal(0, await page.Locator("#accounts").CountAsync());
        Assert.DoesNotContain(Admin, await page.ContentAsync());

        await page.GotoAsync("/admin/accounts/new");
        Assert.Equal("/login", page.PathOf());
        await page.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task An_office_admin_manages_only_their_office_and_re_scopes_within_its_area()
    {
        var email = await CreateOfficerAsync("KANIM-TANGERANG");
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync("admin.tangerang@pantau.test", PantauApp.Password);
        Assert.Equal("/admin/accounts", page.PathOf());
        var listed = await page.Locator("#accounts > li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.email)");
        Assert.Contains("petugas.tangerang@pantau.test", listed);
        Assert.Contains(email, listed);
        Assert.DoesNotContain("petugas.jaksel@pantau.test", listed);
        Assert.DoesNotContain(Admin, listed);

        // What the form offers is what the rules allow this admin: no national roles, only this office.
        await page.GotoAsync("/admin/accounts/new");
        var roles = await page.Locator("#role option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(["Officer", "Partner", "NeighbourhoodHead"], roles);
        var offices = await page.Locator("#officeId option").EvaluateAllAsync<string[]>("os => os.filter(o => o.value).map(o => o.textContent)");
        Assert.Equal(["Kantor Imigrasi Tangerang"], offices);

        // The officer becomes a partner agency; a kecamatan outside the office's area is refused at the field.
        await page.GotoAsync("/admin/accounts");
        await page.SubmitAsync($"#accounts > li[data-email='{email}'] a.button");
        await page.SelectOptionAsync("#role", "Partner");
        await page.FillAsync("#districtCodes", "36.71.01, 31.74.02");
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("Kecamatan ini di luar wilayah kerja kantor Anda.", await page.ShownTextAsync("#districtCodes-error"));
        Assert.Equal("Partner", await page.InputValueAsync("#role"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("account-rescope-errors-id");

        await page.FillAsync("#districtCodes", "36.71.01");
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("/admin/accounts", page.PathOf());
        var card = await page.Locator($"#accounts > li[data-email='{email}']").TextContentAsync();
        Assert.Contains("Instansi mitra", card);
        var district = page.Locator($"#accounts > li[data-email='{email}'] .place[data-code='36.71.01']");
        Assert.Equal("Tangerang", await district.Locator(".place-name").TextContentAsync()); // the name, its code small beside it
        Assert.Equal("36.71.01", await district.Locator(".place-code").TextContentAsync());
        var saved = await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => new { u.Role, u.DistrictCodes }).SingleAsync());
        Assert.Equal(Pantau.Web.Features.Access.StaffRole.Partner, saved.Role);
        Assert.Equal("36.71.01", saved.DistrictCodes);
    }

    [Fact]
    public async Task A_partner_agency_has_no_registry_page()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync("polsek.setiabudi@pantau.test", PantauApp.Password);
        Assert.Equal("/mitra", page.PathOf());
        var menu = await page.Locator("nav.nav a").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        Assert.Equal(["/mitra", "/lapor", "/statistik"], menu);
        await page.GotoAsync("/registry");
        Assert.Equal("/login", page.PathOf());
        Assert.True(await page.IsVisibleAsync("#denied"));
        Assert.Equal(0, await page.Locator("#results").CountAsync());
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_an_anonymous_visit_is_sent_to_sign_in()
    {
        var page = await PhoneAsync();
        var response = await page.GotoAsync("/registry");
        Assert.NotNull(response!.Request.RedirectedFrom);
        Assert.Equal("/login", page.PathOf());
        Assert.Contains("ReturnUrl=%2Fregistry", page.Url);

        await page.SignInAsync(Officer, "Salah#2026");
        Assert.Equal("/login", page.PathOf());
        Assert.Equal("Email atau kata sandi salah.", await page.ShownTextAsync("#login-error"));
        Assert.Equal(Officer, await page.InputValueAsync("#email"));
        Assert.Equal("", await page.InputValueAsync("#password"));
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("login-error-id");

        await page.FillAsync("#email", "");
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("Email wajib diisi.", await page.ShownTextAsync("#email-error"));
        Assert.Equal("Kata sandi wajib diisi.", await page.ShownTextAsync("#password-error"));

        // The page it was sent away from is where it lands after signing in.
        await page.SignInAsync(Officer, PantauApp.Password);
        Assert.Equal("/registry", page.PathOf());

        // On a phone signing out is in the menu.
        await page.ClickAsync(".menu-button");
        await page.SubmitAsync("#staff-nav form.logout button");
        Assert.Equal("/login", page.PathOf());
        Assert.Equal("Anda telah keluar.", await page.ShownTextAsync(".flash"));
        await page.GotoAsync("/registry");
        Assert.Equal("/login", page.PathOf());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var email = await CreateOfficerAsync();
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        for (var i = 0; i < 4; i++)
        {
            await page.SignInAsync(email, $"Salah#{i}000");
            Assert.Equal("Email atau kata sandi salah.", await page.ShownTextAsync("#login-error"));
        }
        await page.SignInAsync(email, "Salah#5000");
        Assert.Contains("dikunci", await page.ShownTextAsync("#login-error"));
        await page.SignInAsync(email, "Rahasia#2026");
        Assert.Contains("dikunci", await page.ShownTextAsync("#login-error"));
        Assert.Equal("/login", page.PathOf());
    }

    [Fact]
    public async Task An_account_with_two_factor_sign_in_is_asked_for_the_code()
    {
        var email = await CreateOfficerAsync();
        var client = await App.LoginAsync(email, "Rahasia#2026");
        var key = (await (await client.PostAsync("/api/auth/2fa/setup", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("sharedKey").GetString()!;
        var enabled = await client.PostAsJsonAsync("/api/auth/2fa", new { enable = true, code = Totp(key, DateTimeOffset.UtcNow) });
        Assert.True(enabled.IsSuccessStatusCode, await enabled.Content.ReadAsStringAsync());

        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync(email, "Rahasia#2026");
        Assert.True(await page.IsVisibleAsync("#twoFactorCode"));
        Assert.Equal(0, await page.Locator("#password").CountAsync());

        var wrong = Totp(key, DateTimeOffset.UtcNow.AddHours(-1));
        await page.FillAsync("#twoFactorCode", wrong);
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("Kode salah atau sudah tidak berlaku.", await page.ShownTextAsync("#twoFactorCode-error"));
        Assert.Equal("/login", page.PathOf());
        await page.AssertFitsPhoneAsync();

        await page.FillAsync("#twoFactorCode", Totp(key, DateTimeOffset.UtcNow));
        await page.SubmitAsync("form.form button[type=submit]");
        Assert.Equal("/registry", page.PathOf());
    }

    /// <summary>Registers a person with a valid ITAS and an expired ITK, then moves them: returns id, passport and permit numbers.</summary>
    private static async Task<(Guid Id, string Passport, string Itas, string Itk)> RegisterMovedPersonAsync(HttpClient officer, string name)
    {
        var passport = People.NextPassport();
        var itas = $"2C{passport[1..]}A";
        var itk = $"1A{passport[1..]}K";
        var body = People.Registration(People.SetiaBudi, name, "VNM", passport);
        body["sex"] = "Female";
        body["permits"] = new[]
        {
            Permit("ITAS", itas, Today.AddDays(-100), Today.AddDays(400), "PT Sinar Harapan"),
            Permit("ITK", itk, Today.AddDays(-200), Today.AddDays(-150), null),
        };
        var created = await officer.RegisterAsync(body);
        var id = created.GetProperty("id").GetGuid();

        body["address"] = new Dictionary<string, object?>
        {
            ["villageCode"] = People.KaretKuningan, ["rw"] = 4, ["rt"] = 7, ["street"] = "Jl. Karet Pasar Baru No. 12",
            ["since"] = Today.AddDays(-30).ToString("yyyy-MM-dd"),
        };
        body["version"] = created.GetProperty("version").GetInt32();
        var moved = await officer.PutAsJsonAsync($"/api/foreigners/{id}", body);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        return (id, passport, itas, itk);
    }

    private static Dictionary<string, object?> Permit(string type, string number, DateOnly issued, DateOnly expiry, string? sponsor) => new()
    {
        ["type"] = type, ["number"] = number, ["issueDate"] = issued.ToString("yyyy-MM-dd"),
        ["expiryDate"] = expiry.ToString("yyyy-MM-dd"), ["purpose"] = sponsor is null ? "kunjungan keluarga" : "work", ["sponsor"] = sponsor,
    };

    private async Task<string> CreateOfficerAsync(string officeCode = "KANIM-JAKSEL")
    {
        var email = $"uji.{Guid.NewGuid():N}"[..16] + "@pantau.test";
        var admin = await App.LoginAsync(Admin);
        var officeId = await App.WithDbAsync(db => db.Offices.Where(o => o.Code == officeCode).Select(o => o.Id).SingleAsync());
        var response = await admin.PostAsJsonAsync("/api/accounts",
            new { email, fullName = "Petugas Uji", password = "Rahasia#2026", role = "Officer", officeId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return email;
    }

    private static Task<string> BackgroundOfAsync(ILocator l) => l.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    /// <summary>RFC 6238 with the authenticator app's settings: HMAC-SHA1, 30-second steps, 6 digits.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim().TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
