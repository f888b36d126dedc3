using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.PermitExpiry;

/// <summary>
/// The people of <see cref="PermitExpiryListTests"/>, registered once for the class: 24 Tangerang residents whose
/// permits end within 30 days of <see cref="Day"/> (the even ones with a sponsor phone, reminded by the day's run), 6
/// whose permits ended, and 4 in Jakarta Selatan that no Tangerang account may see.
/// </summary>
public sealed class ExpiryListApp : PantauApp
{
    public static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-150);
    public const string OtherDistrictVillage = "36.71.02.1001"; // Keroncong, kecamatan Jatiuwung (Kota Tangerang)
    public const string FormulaSponsor = "=HYPERLINK(\"http://x.test\",\"klik\")";

    public sealed record Person(string Name, string Village, string District, string Nationality, string Type, DateOnly Expiry, bool Phone, bool Jakarta)
    {
        public int DaysLeft => Expiry.DayNumber - Day.DayNumber;
        public bool Expiring => DaysLeft is >= 0 and <= 30;
        public bool Reminded => Phone && Expiring;
    }

    private readonly SemaphoreSlim _once = new(1, 1);
    private List<Person>? _people;

    public async Task<List<Person>> PeopleAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (_people is not null) return _people;
            var people = new List<Person>();
            string[] nationalities = ["CHN", "JPN", "KOR", "AUS"];
            string[] types = ["ITAS", "ITAS", "ITAP", "ITK", "ITAS"];
            for (var i = 0; i < 30; i++)
            {
                // Distinct days in 0..30 for the first 24 (7 is prime to 31), so the expiry order differs from the name order.
                var expiry = i < 24 ? Day.AddDays(i * 7 % 31) : Day.AddDays(-1 - (i - 24) * 2);
                var village = i % 3 == 0 ? OtherDistrictVillage : People.TangerangVillage;
                people.Add(new Person($"Expiry Person {i:D2}", village, village[..8], nationalities[i % 4], types[i % 5], expiry, i % 2 == 0, false));
            }
            for (var i = 0; i < 4; i++)
                people.Add(new Person($"Jakarta Person {i:D2}", People.SetiaBudi, People.SetiaBudi[..8], "CHN", "ITAS", Day.AddDays(i + 1), true, true));

            var tangerang = await LoginAsync("petugas.tangerang@pantau.test");
            var jaksel = await LoginAsync("petugas.jaksel@pantau.test");
            var n = 0;
            foreach (var p in people)
            {
                var body = People.Registration(p.Village, p.Name, nationality: p.Nationality, permitType: p.Type, permitExpiry: p.Expiry.ToString("yyyy-MM-dd"));
                var permit = ((Dictionary<string, object?>[])body["permits"]!)[0];
                permit["issueDate"] = Day.AddDays(-400).ToString("yyyy-MM-dd");
                permit["sponsorPhone"] = p.Phone ? $"0812{Random.Shared.Next(1000, 9999)}{n++:D4}" : null;
                if (p.Name == "Expiry Person 05") permit["sponsor"] = FormulaSponsor;
                await (p.Jakarta ? jaksel : tangerang).RegisterAsync(body);
            }
            var run = await (await LoginAsync("admin@pantau.test")).PostAsJsonAsync("/api/permit-expiry/runs", new { day = Day.ToString("yyyy-MM-dd") });
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            return _people = people;
        }
        finally
        {
            _once.Release();
        }
    }
}

/// <summary>The expiry list's paging, filters, order, exports and scope, each computed from the people the test registered.</summary>
public sealed class PermitExpiryListTests(ExpiryListApp app) : IClassFixture<ExpiryListApp>
{
    private const string Head = "kepala.tangerang@pantau.test";
    private static readonly string Day = ExpiryListApp.Day.ToString("yyyy-MM-dd");

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("fullName").GetString()!).ToList();

    private static List<string> ByExpiry(IEnumerable<ExpiryListApp.Person> people) =>
        people.OrderBy(p => p.Expiry).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name).ToList();

    [Fact]
    public async Task The_list_is_paged_with_its_total_and_pages_meet_without_gap_or_overlap()
    {
        var people = await app.PeopleAsync();
        var head = await app.LoginAsync(Head);
        var expected = ByExpiry(people.Where(p => p.Expiring && !p.Jakarta));
        Assert.Equal(24, expected.Count);

        var first = await head.GetJsonAsync($"/api/permit-expiry?day={Day}");
        Assert.Equal(24, first.GetProperty("total").GetInt32());
        Assert.Equal(24, first.GetProperty("expiringTotal").GetInt32());
        Assert.Equal(6, first.GetProperty("lapsedTotal").GetInt32());
        Assert.Equal(25, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(expected, Names(first));

        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var json = await head.GetJsonAsync($"/api/permit-expiry?day={Day}&pageSize=7&page={page}");
            Assert.Equal(24, json.GetProperty("total").GetInt32());
            Assert.Equal(page, json.GetProperty("page").GetInt32());
            Assert.Equal(page < 4 ? 7 : 3, json.GetProperty("items").GetArrayLength());
            seen.AddRange(Names(json));
        }
        Assert.Equal(expected, seen);
        var past = await head.GetJsonAsync($"/api/permit-expiry?day={Day}&pageSize=7&page=5");
        Assert.Empty(Names(past));
        Assert.Equal(24, past.GetProperty("total").GetInt32());

        // Ended permits: the most recently ended first.
        var lapsed = await head.GetJsonAsync($"/api/permit-expiry?day={Day}&status=lapsed");
        Assert.Equal(people.Where(p => p.DaysLeft < 0 && !p.Jakarta).OrderByDescending(p => p.Expiry).Select(p => p.Name).ToList(), Names(lapsed));
    }

    [Theory]
    [InlineData("district", "36.71.02")]
    [InlineData("nationality", "JPN")]
    [InlineData("nationality", "kor")]
    [InlineData("permitType", "ITAP")]
    [InlineData("permitType", "itk")]
    [InlineData("reminded", "yes")]
    [InlineData("reminded", "no")]
    public async Task Each_filter_lists_exactly_the_matching_residents(string field, string value)
    {
        var people = await app.PeopleAsync();
        var head = await app.LoginAsync(Head);
        Func<ExpiryListApp.Person, bool> match = field switch
        {
            "district" => p => p.District == value,
            "nationality" => p => p.Nationality == value.ToUpperInvariant(),
            "permitType" => p => p.Type == value.ToUpperInvariant(),
            "reminded" => p => p.Reminded == (value == "yes"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var expected = ByExpiry(people.Where(p => p.Expiring && !p.Jakarta && match(p)));
        Assert.NotEmpty(expected);
        Assert.NotEqual(24, expected.Count);
        var json = await head.GetJsonAsync($"/api/permit-expiry?day={Day}&{field}={value}&pageSize=100");
        Assert.Equal(expected, Names(json));
        Assert.Equal(expected.Count, json.GetProperty("total").GetInt32());
        Assert.Equal(people.Count(p => p.DaysLeft < 0 && !p.Jakarta && match(p)), json.GetProperty("lapsedTotal").GetInt32());
    }

    [Fact]
    public async Task The_list_sorts_by_expiry_name_or_kecamatan_and_filters_combine()
    {
        var people = (await app.PeopleAsync()).Where(p => p.Expiring && !p.Jakarta).ToList();
        var head = await app.LoginAsync(Head);
        Assert.Equal(people.Select(p => p.Name).Order(StringComparer.Ordinal).ToList(),
            Names(await head.GetJsonAsync($"/api/permit-expiry?day={Day}&sort=name&pageSize=100")));
        Assert.Equal(people.OrderBy(p => p.District, StringComparer.Ordinal).ThenBy(p => p.Expiry).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name).ToList(),
            Names(await head.GetJsonAsync($"/api/permit-expiry?day={Day}&sort=district&pageSize=100")));
        Assert.Equal(people.Where(p => p.Nationality == "CHN" && p.Type == "ITAS").Select(p => p.Name).Order(StringComparer.Ordinal).ToList(),
            Names(await head.GetJsonAsync($"/api/permit-expiry?day={Day}&sort=name&nationality=CHN&permitType=ITAS&pageSize=100")));
    }

    [Theory]
    [InlineData("status", "soon")]
    [InlineData("district", "36.71")]
    [InlineData("district", "Tangerang")]
    [InlineData("nationality", "XYZ")]
    [InlineData("permitType", "Work")]
    [InlineData("permitType", "7")]
    [InlineData("reminded", "maybe")]
    [InlineData("sort", "age")]
    [InlineData("page", "0")]
    [InlineData("pageSize", "500")]
    [InlineData("day", "2026-13-01")]
    public async Task A_value_not_understood_is_a_400_naming_its_field_and_is_ignored_with_a_message_on_the_page(string field, string value)
    {
        var head = await app.LoginAsync(Head);
        var problem = await (await head.GetAsync($"/api/permit-expiry?{field}={Uri.EscapeDataString(value)}")).ProblemAsync(400);
        Assert.Equal([field], problem.ErrorFields());
        if (field is not ("page" or "pageSize"))
            Assert.Equal([field], (await (await head.GetAsync($"/api/permit-expiry/export.csv?{field}={Uri.EscapeDataString(value)}")).ProblemAsync(400)).ErrorFields());

        var page = await head.GetAsync($"/permit-expiry?{field}={Uri.EscapeDataString(value)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        if (field != "pageSize") Assert.Contains("id=\"ignored\"", html);
    }

    [Fact]
    public async Task An_office_head_of_Tangerang_sees_nothing_of_Jakarta_in_the_list_or_the_exports()
    {
        var people = await app.PeopleAsync();
        var head = await app.LoginAsync(Head);
        var names = Names(await head.GetJsonAsync($"/api/permit-expiry?day={Day}&pageSize=100"));
        Assert.DoesNotContain(names, n => n.StartsWith("Jakarta", StringComparison.Ordinal));
        var jakarta = await head.GetJsonAsync($"/api/permit-expiry?day={Day}&district=31.74.02");
        Assert.Equal(0, jakarta.GetProperty("total").GetInt32());
        Assert.DoesNotContain("Jakarta Person", await head.GetStringAsync($"/api/permit-expiry/export.csv?day={Day}"));
        Assert.DoesNotContain("Jakarta Person", await head.GetStringAsync($"/permit-expiry?day={Day}")); // (the page names its zone, Asia/Jakarta)
        // The national admin sees both offices' people.
        var all = Names(await (await app.LoginAsync("admin@pantau.test")).GetJsonAsync($"/api/permit-expiry?day={Day}&pageSize=100"));
        Assert.Equal(ByExpiry(people.Where(p => p.Expiring)), all);
    }

    [Fact]
    public async Task The_exports_hold_the_filtered_list_in_words_and_are_audited()
    {
        var people = await app.PeopleAsync();
        var head = await app.LoginAsync(Head);
        const string filter = "reminded=no&sort=name";
        var expected = people.Where(p => p.Expiring && !p.Jakarta && !p.Reminded).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(p => p.Name).ToList(), Names(await head.GetJsonAsync($"/api/permit-expiry?day={Day}&{filter}&pageSize=100")));

        var csvResponse = await head.GetAsync($"/api/permit-expiry/export.csv?day={Day}&{filter}");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.StartsWith("text/csv", csvResponse.Content.Headers.ContentType!.ToString());
        using var reader = new CsvReader(new StringReader(await csvResponse.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var csv = new List<string[]>();
        while (await reader.ReadAsync()) csv.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!).ToArray());
        Assert.Equal("Nama", csv[0][0]);
        Assert.Equal("Kewarganegaraan", csv[0][1]);
        Assert.Equal(expected.Select(p => p.Name).ToList(), csv.Skip(1).Select(r => r[0]).ToList());
        var australian = csv.Skip(1).First(r => r[0] == expected.First(p => p.Nationality == "AUS").Name);
        Assert.Equal("Australia", australian[1]);
        Assert.Equal("ITAS (izin tinggal terbatas)", csv.Skip(1).First(r => r[0] == expected.First(p => p.Type == "ITAS").Name)[2]);
        var japanese = csv.Skip(1).First(r => r[0] == expected.First(p => p.Nationality == "JPN").Name);
        Assert.Equal("Jepang", japanese[1]);
        Assert.DoesNotContain(csv.Skip(1), r => r[1].Length == 3 && r[1].All(char.IsAsciiLetterUpper));
        var formula = csv.Single(r => r[0] == "Expiry Person 05");
        Assert.Equal("'" + ExpiryListApp.FormulaSponsor, formula[8]);

        var xlsxResponse = await head.GetAsync($"/api/permit-expiry/export.xlsx?day={Day}&{filter}");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheets.First();
        var rows = sheet.RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).ToList();
        Assert.Equal(expected.Select(p => p.Name).ToList(), rows);
        var cell = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Expiry Person 05").Cell(9);
        Assert.False(cell.HasFormula);
        Assert.Equal(ExpiryListApp.FormulaSponsor, cell.GetString());

        // English headers and names for an English reader.
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/permit-expiry/export.csv?day={Day}&{filter}");
        english.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString("c=en-US|uic=en-US")}");
        var englishCsv = await (await head.SendAsync(english)).Content.ReadAsStringAsync();
        Assert.StartsWith("Name,Nationality,", englishCsv);
        Assert.Contains(",Japan,", englishCsv);

        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Purpose == "permit expiry export (csv)" && e.Actor == Head)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Purpose == "permit expiry export (xlsx)" && e.Actor == Head)));
    }

    [Fact]
    public async Task A_card_says_today_one_day_left_yesterday_and_who_was_reminded()
    {
        var people = await app.PeopleAsync();
        var head = await app.LoginAsync(Head);
        var html = await head.GetStringAsync($"/permit-expiry?day={Day}&sort=name");
        var today = people.Single(p => p.DaysLeft == 0);
        Assert.Matches($"{today.Name}</a>\\s*<span class=\"badge expiring\" data-days=\"0\">hari ini</span>", html);
        Assert.DoesNotContain(">0 hari lagi<", html);
        Assert.Matches("data-days=\"1\">1 hari lagi<", html);
        Assert.Contains("<dd>China</dd>", html);
        Assert.Contains("<dd>Jepang</dd>", html);
        Assert.DoesNotContain(">CHN<", html);
        Assert.DoesNotContain("permitType.", html);
        Assert.Contains("data-reminded=\"true\">diingatkan pada", html);
        Assert.Contains("Tidak bisa diingatkan: penjamin tanpa nomor telepon", html);
        Assert.Contains("Menampilkan 1–24 dari 24", WebUtility.HtmlDecode(html));
        var lapsed = await head.GetStringAsync($"/permit-expiry?day={Day}&status=lapsed");
        Assert.Matches("data-days=\"-1\">kemarin<", lapsed);
        Assert.Matches("data-days=\"-3\">3 hari lalu<", lapsed);
    }
}
