using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Lodging;
using Pantau.Web.Features.Sync;
using Pantau.Web.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Texts;

/// <summary>
/// Every page of the app, in Bahasa Indonesia and in English, shows no text of the other language: its visible text
/// (and its placeholders, titles and labels for screen readers) holds none of the other language's resource values.
/// </summary>
public sealed partial class PageLanguageTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Admin = "admin@pantau.test";
    private const string OfficeAdmin = "admin.tangerang@pantau.test";
    private const string Officer = "petugas.tangerang@pantau.test";
    private const string Head = "kepala.tangerang@pantau.test";
    private const string JakselOfficer = "petugas.jaksel@pantau.test";
    private const string JakselHead = "kepala.jaksel@pantau.test";
    private const string Partner = "polsek.setiabudi@pantau.test";
    private const string NeighbourhoodHead = "rt.setiabudi@pantau.test";

    /// <summary>Pages no account stays on, and why.</summary>
    private static readonly Dictionary<string, string> NotVisited = new()
    {
        ["/logout"] = "is a POST; its GET goes to /",
    };

    [Fact]
    public async Task No_page_shows_a_text_of_the_other_language()
    {
        Assert.True(English.Count > 500 && Indonesian.Count > 500, $"only {English.Count} English and {Indonesian.Count} Indonesian texts to look for");
        var visits = await VisitsAsync();
        var pages = AppEndpoints.Of(App.Services).Where(e => e.IsPage).Select(e => e.Pattern).ToHashSet();
        Assert.Empty(pages.Except(visits.Select(v => v.Page)).Except(NotVisited.Keys)); // a new page: add a visit
        Assert.Empty(visits.Select(v => v.Page).Concat(NotVisited.Keys).Except(pages));

        // Names are data, in whichever language they were given: "Kepala Kanim Tangerang", "Kantor Imigrasi Jakarta Selatan".
        var data = await App.WithDbAsync(async db => (await db.Users.Select(u => u.FullName).ToListAsync())
            .Concat(await db.Users.Select(u => u.Email!).ToListAsync())
            .Concat(await db.Offices.Select(o => o.Name).ToListAsync())
            .Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().OrderByDescending(n => n.Length).ToList());
        var found = new List<string>();
        var inaccessible = new List<string>();
        var codes = new List<string>();
        foreach (var account in visits.GroupBy(v => v.Account))
        {
            var page = await PhoneAsync(screen: new() { Width = 1280, Height = 900 });
            if (account.Key is not null)
            {
                await page.GotoAsync("/login");
                await page.SignInAsync(account.Key, PantauApp.Password);
            }
            foreach (var (language, foreign) in new[] { ("id", English), ("en", Indonesian) })
                foreach (var visit in account)
                {
                    // The language as a person chooses it: the switch in the top bar, which comes back to the page.
                    await page.GotoAsync($"/culture/{language}?returnUrl={Uri.EscapeDataString(visit.Path)}");
                    await page.WaitForLoadStateAsync(LoadState.Load);
                    // Let the scripts draw what they fetch; the live pages keep a stream open and never fall idle.
                    try { await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 3_000 }); }
                    catch (TimeoutException) { }
                    Assert.True(new Uri(page.Url).PathAndQuery == visit.Path, $"{account.Key ?? "a visitor"} at {visit.Path} landed on {page.Url}");
                    Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
                    var shown = WithoutData(Normalised(await page.EvaluateAsync<string>(ShownText)), data);
                    found.AddRange(foreign.Select(t => (t, Match: t.Pattern.Match(shown))).Where(m => m.Match.Success)
                        .Select(m => $"{visit.Path} in {language} ({account.Key ?? "a visitor"}): \"{m.Match.Value}\" is {m.t.Key} \"{m.t.Value}\""
                            + $" in \"…{Around(shown, m.Match)}…\""));
                    // No code where a person reads words: a village's Kemendagri code or a nationality's ISO code outside
                    // a place marked as data (translate="no").
                    codes.AddRange(RawCode().Matches(shown).Where(m => !char.IsAsciiLetter(m.Value[0]) || CountryCodes.Contains(m.Value))
                        .Select(m => $"{visit.Path} in {language} ({account.Key ?? "a visitor"}): \"{m.Value}\" in \"…{Around(shown, m)}…\""));
                    // Accessibility, once per page, on a desk and on a phone (the layout differs, so may the findings).
                    if (language == "id")
                        foreach (var (width, height) in new[] { (1280, 900), (360, 740) })
                        {
                            await page.SetViewportSizeAsync(width, height);
                            inaccessible.AddRange((await AxeAsync(page)).Select(v => $"{visit.Path} at {width} px ({account.Key ?? "a visitor"}): {v}"));
                        }
                    await page.SetViewportSizeAsync(1280, 900);
                }
        }
        Assert.True(found.Count == 0, $"Texts of the other language:\n{string.Join("\n", found.Distinct())}");
        Assert.True(codes.Count == 0, $"Codes where words belong:\n{string.Join("\n", codes.Distinct())}");
        Assert.True(inaccessible.Count == 0, $"Serious or critical accessibility violations (axe-core):\n{string.Join("\n", inaccessible.Distinct())}");
    }

    // "PNG" on an upload's hint is the image format, not Papua New Guinea.
    private static readonly HashSet<string> CountryCodes = [.. CountryNames.All(TextCatalog.English).Select(c => c.Code).Except(["PNG"])];

    [GeneratedRegex(@"\b(\d\d\.\d\d\.\d\d\.\d{4}|[A-Z]{3})\b")]
    private static partial Regex RawCode();

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    /// <summary>
    /// axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A and AA rules), each with the
    /// elements it found. The engine is injected as a script; the page's CSP does not apply to what the test evaluates.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.EvaluateAsync(AxeSource.Value);
        var found = await page.EvaluateAsync<string[]>("""
            async () => {
                const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
                return r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
            }
            """);
        return found;
    }

    private static string WithoutData(string shown, IEnumerable<string> data) =>
        data.Aggregate(shown, (text, name) => text.Replace(name, "\n", StringComparison.Ordinal));

    private static string Around(string text, Match m)
    {
        var from = Math.Max(0, m.Index - 30);
        return text[from..Math.Min(text.Length, m.Index + m.Length + 30)].ReplaceLineEndings(" / ");
    }

    /// <summary>What a page shows: its visible text and the attributes people read or hear; data (<c>translate="no"</c>) left out.</summary>
    private const string ShownText = """
        () => {
            let text = document.title + "\n" + document.body.innerText;
            for (const e of document.querySelectorAll("[translate=no]")) text = text.replace(e.innerText, "\n");
            for (const e of document.querySelectorAll("[placeholder], [title], [aria-label], [alt]"))
                for (const a of ["placeholder", "title", "aria-label", "alt"])
                    if (e.closest("[translate=no]") === null && e.getAttribute(a)) text += "\n" + e.getAttribute(a);
            return text;
        }
        """;

    /// <summary>A text of one language, as a pattern (its placeholders stand for anything on one line).</summary>
    private sealed record ForeignText(string Key, string Value, Regex Pattern);

    private static readonly IReadOnlyList<ForeignText> English = ForeignTexts(TextCatalog.English, TextCatalog.Indonesian);
    private static readonly IReadOnlyList<ForeignText> Indonesian = ForeignTexts(TextCatalog.Indonesian, TextCatalog.English);

    /// <summary>
    /// The texts of <paramref name="language"/> that cannot belong to a page in <paramref name="other"/>: a key's text
    /// that differs between the two, is found in no text of the other language, and is long enough to be unambiguous
    /// (two words or eight letters, placeholders aside).
    /// </summary>
    private static List<ForeignText> ForeignTexts(System.Globalization.CultureInfo language, System.Globalization.CultureInfo other)
    {
        var theirs = TextCatalog.Features.SelectMany(f => TextCatalog.Table(f, language)).ToList();
        var ours = TextCatalog.Features.SelectMany(f => TextCatalog.Table(f, other)).ToDictionary(e => e.Key, e => Normalised(e.Value));
        var ourTexts = string.Join("\n", ours.Values);
        return theirs
            .Select(e => (e.Key, Value: Normalised(e.Value)))
            .Where(e => ours.GetValueOrDefault(e.Key) is { } o && !string.Equals(o, e.Value, StringComparison.OrdinalIgnoreCase))
            .Where(e => Unambiguous(Placeholder().Replace(e.Value, " ")))
            .Select(e => new ForeignText(e.Key, e.Value, new Regex(
                @"(?<![\p{L}\p{N}])" + string.Join(@"[^\n]{1,200}?", Placeholder().Split(e.Value).Select(Regex.Escape)) + @"(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))
            // A word both languages use ("kecamatan" in an English sentence, "nationality" as a CSV column) tells nothing.
            .Where(t => !t.Pattern.IsMatch(ourTexts))
            .ToList();
    }

    private static bool Unambiguous(string literal)
    {
        var words = Words().Matches(literal).Select(m => m.Value).ToList();
        return words.Count >= 2 || words.Any(w => w.Length >= 8);
    }

    /// <summary>One space for any run of spaces (a page's layout and a resource's line breaks are not its words); lines stay.</summary>
    private static string Normalised(string text) => string.Join("\n", text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    [GeneratedRegex(@"[ \t\r\u00a0]+")]
    private static partial Regex Spaces();

    private sealed record Visit(string Page, string? Account, string Path);

    /// <summary>Every page with an account that may see it, and data to show on it.</summary>
    private async Task<List<Visit>> VisitsAsync()
    {
        // A reported case in Tangerang's queue, handled and talked about; the reporter follows it by its key.
        var team = await Operations.Desk.TeamOnDutyAsync(App);
        var reported = await Operations.Desk.ReportAsync(App, village: "36.71.01.1006");
        var officer = await App.LoginAsync(Officer);
        await PostOkAsync(officer, $"/api/reports/{reported.Id}/triage", new { action = "Accept" });
        await PostOkAsync(officer, $"/api/reports/{reported.Id}/assign", new { teamId = team });
        var officerId = (await officer.GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();

        // A lodging whose guest is not in the registry (an office's flag), and one waiting for verification.
        var (lodging, lodgingEmail, _) = await App.VerifiedLodgingAsync();
        await lodging.CheckInAsync(Lodgings.CheckIn(People.NextPassport()));
        await App.RegisterLodgingAsync(Lodgings.Registration());

        // Five alike in Setiabudi whose permits end soon (a partner sees only what covers five), one of them opened to
        // the partner by the office head.
        var jaksel = await App.LoginAsync(JakselOfficer);
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd");
        var passport = People.NextPassport();
        var person = (await jaksel.RegisterAsync(People.Registration(passport: passport, permitExpiry: soon))).GetProperty("id").GetString();
        for (var i = 0; i < 4; i++) await jaksel.RegisterAsync(People.Registration(passport: People.NextPassport(), permitExpiry: soon));
        var partner = await App.LoginAsync(Partner);
        var records = await partner.GetFromJsonAsync<JsonElement>("/api/partner/permits?district=31.74.02");
        var asked = await partner.PostAsJsonAsync("/api/partner/access-requests",
            new { record = records.GetProperty("items")[0].GetProperty("record").GetString(), reason = "Pemeriksaan lapangan atas laporan warga" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        var request = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await PostOkAsync(await App.LoginAsync(JakselHead), $"/api/access-requests/{request}/approve", new { hours = 2 });

        // A finished snapshot import.
        var snapshot = await App.WithDbAsync(async db =>
        {
            var import = new SnapshotImport
            {
                FileName = "snapshot.csv", FilePath = "/nowhere/snapshot.csv", FileHash = Guid.NewGuid().ToString("N"), FileSize = 1024,
                Status = SnapshotImportStatus.Completed, StartedBy = Admin, StartedAt = DateTime.UtcNow.AddMinutes(-2), FinishedAt = DateTime.UtcNow,
                LastCommittedLine = 11, Created = 8, Updated = 1, Unchanged = 1, Rejected = 0,
            };
            db.Add(import);
            await db.SaveChangesAsync();
            return import.Id;
        });

        return
        [
            new("/login", null, "/login"),
            new("/", null, "/"),
            new("/error/{code:int}", null, "/halaman-yang-tidak-ada"),
            new("/lapor", null, "/lapor"),
            new("/lapor/{reference}", null, $"/lapor/{reported.Key}"),
            new("/statistik", null, "/statistik"),
            new("/penginapan/daftar", null, "/penginapan/daftar"),
            new("/dev/outbox", null, "/dev/outbox"),
            new("/admin/accounts", Admin, "/admin/accounts"),
            new("/admin/offices", Admin, "/admin/offices"),
            new("/admin/accounts/new", Admin, "/admin/accounts/new"),
            new("/admin/accounts/{id:guid}", Admin, $"/admin/accounts/{officerId}"),
            new("/sync", Admin, "/sync"),
            new("/sync/snapshots/{id:guid}", Admin, $"/sync/snapshots/{snapshot}"),
            new("/console", Officer, "/console"),
            new("/console/overview", "kanwil.banten@pantau.test", "/console/overview"),
            new("/field", Officer, "/field"),
            new("/lodgings", Officer, "/lodgings"),
            new("/lodging-flags", Officer, "/lodging-flags"),
            new("/supervisor", Head, "/supervisor"),
            new("/dasbor", Head, "/dasbor"),
            new("/teams", OfficeAdmin, "/teams"),
            new("/teams/{id:int}", OfficeAdmin, $"/teams/{team}"),
            new("/registry", JakselOfficer, $"/registry?q={passport}"),
            new("/registry/{id:guid}", JakselOfficer, $"/registry/{person}"),
            new("/permit-expiry", JakselOfficer, "/permit-expiry"),
            new("/access-requests", JakselHead, "/access-requests"),
            new("/mitra", Partner, "/mitra"),
            new("/mitra/akses/{id:guid}", Partner, $"/mitra/akses/{request}"),
            new("/rt", NeighbourhoodHead, "/rt"),
            new("/penginapan", lodgingEmail, "/penginapan"),
            new("/penginapan/unggah", lodgingEmail, "/penginapan/unggah"),
        ];
    }

    private static async Task PostOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
