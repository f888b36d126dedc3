using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Demo;

/// <summary>
/// Deterministic demo foreigners: the same seed gives the same people, so a demo, a test and a benchmark agree.
/// Nationalities follow the mix of foreign residents in Indonesia; permits follow their real lengths.
/// </summary>
public sealed class DemoRegistry(IReadOnlyList<string> villageCodes, DateOnly today, int seed = 2026)
{
    private static readonly (string Code, int Weight, string[] Given, string[] Family)[] Origins =
    [
        ("CHN", 30, ["Wei", "Fang", "Lei", "Jing", "Hao", "Min", "Yan", "Jun", "Xiu", "Tao"], ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]),
        ("JPN", 12, ["Haruto", "Yuki", "Sota", "Hina", "Ren", "Aoi", "Kenji", "Sakura"], ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto"]),
        ("KOR", 11, ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Soo-ah"], ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"]),
        ("IND", 8, ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Isha"], ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy"]),
        ("MYS", 7, ["Ahmad", "Nurul", "Hafiz", "Siti", "Farid", "Aisyah"], ["bin Abdullah", "binti Ismail", "bin Hassan", "binti Omar"]),
        ("PHL", 6, ["Jose", "Maria", "Mark", "Angel", "John Paul", "Kristine"], ["Santos", "Reyes", "Cruz", "Bautista", "Garcia"]),
        ("USA", 5, ["James", "Emily", "Michael", "Sarah", "David", "Jessica"], ["Smith", "Johnson", "Williams", "Brown", "Miller"]),
        ("AUS", 5, ["Oliver", "Charlotte", "Jack", "Amelia", "Noah"], ["Taylor", "Wilson", "Anderson", "Thompson", "White"]),
        ("GBR", 4, ["George", "Olivia", "Harry", "Isla", "Thomas"], ["Jones", "Evans", "Davies", "Roberts", "O'Brien"]),
        ("TWN", 4, ["Chih-hao", "Shu-fen", "Chia-hui", "Yu-ting"], ["Chen", "Lin", "Huang", "Tsai"]),
        ("VNM", 2, ["Văn An", "Thị Hoa", "Minh", "Thu"], ["Nguyễn", "Trần", "Lê", "Phạm"]),
        ("DEU", 2, ["Lukas", "Anna", "Jürgen", "Sophie"], ["Müller", "Schmidt", "Schäfer", "Groß"]),
        ("FRA", 2, ["Léa", "Hugo", "Chloé", "Théo"], ["Martin", "Bernard", "Lefèvre", "Moreau"]),
        ("NLD", 1, ["Daan", "Sanne", "Bram"], ["de Jong", "Jansen", "de Vries"]),
        ("THA", 1, ["Somchai", "Malee", "Anan"], ["Saetang", "Srisuk", "Wongsa"]),
    ];

    private static readonly (string Purpose, string[] Sponsors)[] ItasPurposes =
    [
        ("work", ["PT Sinar Mas Industri", "PT Astra Otoparts", "PT Hyundai Motor Indonesia", "PT Huawei Tech Investment", "PT Toyota Manufacturing"]),
        ("family", ["Spouse: Dewi Lestari (WNI)", "Spouse: Budi Santoso (WNI)", "Spouse: Siti Rahmawati (WNI)"]),
        ("investment", ["PT Mitra Investasi Nusantara", "PT Global Digital Niaga"]),
        ("study", ["Universitas Indonesia", "Universitas Pelita Harapan", "Swiss German University"]),
        ("retirement", ["PT Bali Retirement Services"]),
        ("research", ["BRIN"]),
    ];

    public IEnumerable<Foreigner> Generate(int count)
    {
        var rng = new Random(seed);
        // Sponsors' phones from a generator of their own, so the people (drawn from rng) stay the ones they were.
        var phones = new Random(seed ^ 0x5EED);
        var totalWeight = Origins.Sum(o => o.Weight);
        var now = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var pick = rng.Next(totalWeight);
            var origin = Origins.First(o => (pick -= o.Weight) < 0);
            var name = $"{origin.Given[rng.Next(origin.Given.Length)]} {origin.Family[rng.Next(origin.Family.Length)]}";
            if (rng.Next(3) == 0) name = $"{origin.Given[rng.Next(origin.Given.Length)]} {name}";
            var dob = today.AddDays(-rng.Next(18 * 365, 75 * 365));
            var f = new Foreigner(name, rng.Next(2) == 0 ? Sex.Female : Sex.Male, dob, origin.Code, now);

            // Passport numbers are unique by construction: a letter, then the running number.
            var passport = $"{(char)('A' + i % 26)}{origin.Code[0]}{i + 1:D7}";
            f.RecordPassport(passport, origin.Code, today.AddDays(rng.Next(-200, 3650)), now);

            var kind = rng.Next(100);
            var (type, days) = kind switch
            {
                < 20 => (PermitType.ITK, rng.Next(30, 61)),
                < 85 => (PermitType.ITAS, rng.Next(180, 731)),
                < 97 => (PermitType.ITAP, 5 * 365),
                < 99 => (PermitType.Diplomatic, 365 * 2),
                _ => (PermitType.Service, 365),
            };
            // Most permits run now; some expire within 30 days and about 8 % have lapsed.
            var issued = today.AddDays(-rng.Next(0, days + (rng.Next(12) == 0 ? 120 : 0)));
            var (purpose, sponsor) = type switch
            {
                PermitType.ITK => ("visit", (string?)null),
                PermitType.ITAS or PermitType.ITAP => ItasPurposes[rng.Next(ItasPurposes.Length)] is var p ? (p.Purpose, p.Sponsors[rng.Next(p.Sponsors.Length)]) : default,
                _ => ("diplomatic mission", $"Embassy of {origin.Code}"),
            };
            var number = $"{type.ToString().ToUpperInvariant()[..2]}{i + 1:D8}";
            f.RecordPermit(type, number, issued, issued.AddDays(days), purpose, sponsor, now);
            // About three in four ITAS/ITAP sponsors (companies, spouses, campuses) gave a mobile number: the daily job reminds them.
            if (sponsor is not null && type is PermitType.ITAS or PermitType.ITAP && phones.Next(4) != 0)
                f.Permits.First(x => x.Number == number).SponsorPhone =
                    $"+62{MobilePrefixes[phones.Next(MobilePrefixes.Length)]}{phones.Next(10_000_000, 100_000_000)}";

            var village = villageCodes[rng.Next(villageCodes.Count)];
            f.MoveTo(village, 1 + rng.Next(rng.Next(2) == 0 ? 3 : 12), 1 + rng.Next(rng.Next(2) == 0 ? 4 : 15),
                $"Jl. {StreetNames[rng.Next(StreetNames.Length)]} No. {1 + rng.Next(200)}", issued, now);

            var fate = rng.Next(100);
            if (fate < 4) f.SetStatus(ResidentStatus.Departed, now);
            else if (fate == 4) f.SetStatus(ResidentStatus.Deported, now);
            else if (fate == 5 && rng.Next(4) == 0) f.SetStatus(ResidentStatus.Deceased, now);
            yield return f;
        }
    }

    /// <summary>Telkomsel, Indosat, XL and Tri blocks, without the leading 0.</summary>
    private static readonly string[] MobilePrefixes = ["811", "812", "813", "821", "822", "852", "856", "857", "858", "817", "818", "878", "895", "896", "897"];

    private static readonly string[] StreetNames =
        ["Sudirman", "Gatot Subroto", "Rasuna Said", "Kemang Raya", "Daan Mogot", "Imam Bonjol", "MH Thamrin", "Gading Serpong", "Pahlawan Seribu", "Merdeka"];
}
