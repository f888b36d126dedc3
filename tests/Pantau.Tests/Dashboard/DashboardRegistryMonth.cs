using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using System.Text.Json;
using Pantau.Web.Features.Lodging;
using LodgingPlace = Pantau.Web.Features.Lodging.Lodging;
using Pantau.Web.Features.Registry;

namespace Pantau.Tests.Dashboard;

/// <summary>
/// What the registry and the lodging reports record in March 2025 around the three offices, written straight into the
/// database at chosen times: people registered, moved, gone; permits cancelled, lapsed or extended; lodging flags
/// raised (and some resolved). The expected figures are counted here from these lists.
/// </summary>
public sealed class DashboardRegistryMonth
{
    private static readonly TimeSpan Wib = DashboardMonth.Wib;

    public sealed record Permit(PermitType Type, DateOnly Expiry, DateOnly? Cancelled);

    /// <param name="Created">Local time of registration.</param>
    /// <param name="Move">A move to another village on that local day, if any.</param>
    /// <param name="Left">A status other than Active, set at that local time (the person's last change).</param>
    public sealed record Person(string Village, DateTime Created, (string Village, DateOnly Since)? Move, (ResidentStatus Status, DateTime At)? Left,
        Permit[] Permits)
    {
        public string VillageNow => Move?.Village ?? Village;
        public ResidentStatus Status => Left?.Status ?? ResidentStatus.Active;
    }

    public sealed record Flag(string Office, FlagReason Reason, DateTime Raised, bool Resolved);

    public required IReadOnlyList<Person> People { get; init; }
    public required IReadOnlyList<Flag> Flags { get; init; }

    private static readonly string[] Villages = ["36.71.01.1001", "36.71.01.1002", "36.71.01.1003", "36.74.01.1001", "36.74.01.1002", "31.74.02.1001", "31.74.02.1003"];

    public static async Task<DashboardRegistryMonth> SeedAsync(PantauApp app)
    {
        var random = new Random(1703);
        DateTime Local(int minMinutes, int spanMinutes) => new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(minMinutes + random.Next(spanMinutes));
        var people = new List<Person>();
        for (var i = 0; i < 40; i++)
        {
            // Registered from mid-February to early April: the month's edges fall on both sides.
            var created = Local(-15 * 24 * 60, 50 * 24 * 60);
            var village = Villages[random.Next(Villages.Length)];
            (string, DateOnly)? move = random.Next(3) == 0
                ? (Villages[random.Next(Villages.Length)], DateOnly.FromDateTime(created).AddDays(random.Next(1, 40)))
                : null;
            (ResidentStatus, DateTime)? left = random.Next(4) == 0
                ? ((ResidentStatus)random.Next(1, 4), created.AddDays(move is null ? random.Next(1, 30) : 45).AddMinutes(random.Next(1440)))
                : null;
            var type = (PermitType)random.Next(5);
            var expiry = new DateOnly(2025, 2, 20).AddDays(random.Next(45));
            var permits = new List<Permit>
            {
                new(type, expiry, random.Next(5) == 0 ? new DateOnly(2025, 2, 25).AddDays(random.Next(40)) : null),
            };
            // Some are extended: a later permit, so the first did not lapse.
            if (random.Next(3) == 0) permits.Add(new Permit(type, expiry.AddYears(1), null));
            people.Add(new Person(village, created, move, left, [.. permits]));
        }
        // The village did not change: no move.
        people.Add(new Person("36.71.01.1001", new DateTime(2025, 3, 3, 9, 0, 0), ("36.71.01.1001", new DateOnly(2025, 3, 10)), null, []));

        var offices = await app.WithDbAsync(db => db.Offices.ToDictionaryAsync(o => o.Code, o => o.Id));
        var flags = new List<Flag>();
        foreach (var office in new[] { "KANIM-TANGERANG", "KANIM-TANGSEL", "KANIM-JAKSEL" })
            for (var i = 0; i < 8; i++)
                flags.Add(new Flag(office, (FlagReason)random.Next(3), Local(-3 * 24 * 60, 37 * 24 * 60), random.Next(2) == 0));

        await app.WithDbAsync(async db =>
        {
            var admin = await db.Users.Where(u => u.Email == "admin@pantau.test").Select(u => u.Id).FirstAsync();
            // One lodging per office, each with its own account (a lodging's account is its own).
            var accounts = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).Take(3).ToListAsync();
            var lodgings = new Dictionary<string, LodgingPlace>();
            var n = 0;
            foreach (var p in people)
            {
                var at = Utc(p.Created);
                var f = new Foreigner($"Registri Dasbor {++n}", Sex.Female, new DateOnly(1990, 1, 1), "JPN", at);
                f.MoveTo(p.Village, 1, 1, null, DateOnly.FromDateTime(p.Created), at);
                var k = 0;
                foreach (var permit in p.Permits)
                {
                    var number = $"DSB{n:D4}{++k}";
                    f.RecordPermit(permit.Type, number, permit.Expiry.AddYears(-1), permit.Expiry, null, null, at);
                    if (permit.Cancelled is { } on) f.CancelPermit(number, on, at);
                }
                if (p.Move is var (village, since)) f.MoveTo(village, 1, 1, null, since, Utc(since.ToDateTime(new TimeOnly(10, 0))));
                if (p.Left is var (status, leftAt)) f.SetStatus(status, Utc(leftAt));
                db.Foreigners.Add(f);
            }
            foreach (var (flag, i) in flags.Select((x, i) => (x, i)))
            {
                var raised = Utc(flag.Raised);
                if (!lodgings.TryGetValue(flag.Office, out var lodging))
                {
                    lodgings[flag.Office] = lodging = new LodgingPlace($"Penginapan Dasbor {lodgings.Count}", LodgingKind.Hotel, "36.71.01.1001", "Jl. Uji 1",
                        "Pengelola", "+6281200000000", offices[flag.Office], accounts[lodgings.Count], new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                    db.Lodgings.Add(lodging);
                }
                var stay = new GuestStay(lodging, new GuestReport($"G{i:D7}", "JPN", "Tamu", "1", DateOnly.FromDateTime(raised), null, null), StaySource.Form, raised);
                var lodgingFlag = new LodgingFlag(stay, flag.Reason, null, raised);
                if (flag.Resolved) lodgingFlag.Resolve(admin, "Sudah dicek.", raised.AddHours(5));
                db.GuestStays.Add(stay);
                db.LodgingFlags.Add(lodgingFlag);
            }
            return await db.SaveChangesAsync();
        });
        return new DashboardRegistryMonth { People = people, Flags = flags };
    }

    /// <summary>A local (WIB) time as the database keeps it, in UTC.</summary>
    private static DateTime Utc(DateTime local) => DateTime.SpecifyKind(local - Wib, DateTimeKind.Utc);

    private static readonly DateOnly First = DashboardMonth.First, Last = DashboardMonth.Last;

    private static bool InMonth(DateTime local) => DateOnly.FromDateTime(local) >= First && DateOnly.FromDateTime(local) <= Last;
    private static bool InMonth(DateOnly day) => day >= First && day <= Last;

    /// <summary>Whether a village lies in the area given as regency codes (null: the whole country).</summary>
    private static bool In(string village, string[]? regencies) => regencies is null || regencies.Any(r => village.StartsWith(r, StringComparison.Ordinal));

    /// <summary>registered, movedIn, movedOut, departed, deported, deceased.</summary>
    public Dictionary<string, int> Changes(string[]? regencies)
    {
        var living = People.Where(p => In(p.VillageNow, regencies)).ToList();
        var moves = People.Where(p => p.Move is { } m && m.Village != p.Village).ToList();
        return new()
        {
            ["registered"] = living.Count(p => InMonth(p.Created)),
            ["movedIn"] = moves.Count(p => In(p.Move!.Value.Village, regencies) && InMonth(p.Move!.Value.Since)),
            // The old address ends the day before the new one begins.
            ["movedOut"] = moves.Count(p => In(p.Village, regencies) && InMonth(p.Move!.Value.Since.AddDays(-1))),
            ["departed"] = living.Count(p => p.Left is { Status: ResidentStatus.Departed } l && InMonth(l.At)),
            ["deported"] = living.Count(p => p.Left is { Status: ResidentStatus.Deported } l && InMonth(l.At)),
            ["deceased"] = living.Count(p => p.Left is { Status: ResidentStatus.Deceased } l && InMonth(l.At)),
        };
    }

    /// <summary>Per permit type: cancelled in the month; lapsed in the month (not cancelled, no later permit, the person still here).</summary>
    public Dictionary<PermitType, (int Cancelled, int Lapsed)> PermitsEnded(string[]? regencies, IEnumerable<(string Village, PermitType Type, DateOnly Expiry)> others)
    {
        var living = People.Where(p => In(p.VillageNow, regencies)).ToList();
        var lapsed = living.Where(p => p.Status == ResidentStatus.Active)
            .SelectMany(p => p.Permits.Where(x => x.Cancelled is null && InMonth(x.Expiry)
                && !p.Permits.Any(y => y.Cancelled is null && y.Expiry > x.Expiry)).Select(x => x.Type))
            .Concat(others.Where(o => In(o.Village, regencies) && InMonth(o.Expiry)).Select(o => o.Type)).ToList();
        return Enum.GetValues<PermitType>().ToDictionary(t => t, t =>
            (living.SelectMany(p => p.Permits).Count(x => x.Type == t && x.Cancelled is { } c && InMonth(c)), lapsed.Count(x => x == t)));
    }

    /// <summary>Permits ending in the month as the dashboard's "permits expiring" counts them: not cancelled, the person active.</summary>
    public int PermitsExpiring(string[]? regencies) =>
        People.Where(p => In(p.VillageNow, regencies) && p.Status == ResidentStatus.Active).SelectMany(p => p.Permits).Count(x => x.Cancelled is null && InMonth(x.Expiry));

    public Dictionary<FlagReason, (int Raised, int Resolved)> FlagsOf(string[] offices) => Enum.GetValues<FlagReason>().ToDictionary(r => r, r =>
    {
        var raised = Flags.Where(f => offices.Contains(f.Office) && f.Reason == r && InMonth(f.Raised)).ToList();
        return (raised.Count, raised.Count(f => f.Resolved));
    });

    /// <summary>Registry changes, permits ended and lodging flags of <paramref name="json"/> against the seeded month of <paramref name="offices"/>.</summary>
    public static void AssertFigures(JsonElement json, DashboardRegistryMonth registry, string[] offices)
    {
        var regencies = offices.SelectMany(o => DashboardApp.Regencies[o]).ToArray();
        var changes = registry.Changes(regencies);
        Assert.True(changes.Values.Sum() > 3);
        var shown = json.GetProperty("registryChanges");
        Assert.Equal(changes.OrderBy(kv => kv.Key), changes.Keys.Select(k => KeyValuePair.Create(k, shown.GetProperty(k).GetInt32())).OrderBy(kv => kv.Key));

        var ended = registry.PermitsEnded(regencies, DashboardApp.RegisteredPermits);
        Assert.True(ended.Values.Sum(e => e.Cancelled) > 0 && ended.Values.Sum(e => e.Lapsed) > 0);
        Assert.Equal(ended.Select(kv => $"{kv.Key} {kv.Value.Cancelled} {kv.Value.Lapsed}").Order(),
            json.GetProperty("permitsEnded").EnumerateArray().Select(p => $"{p.GetProperty("type").GetString()} {p.GetProperty("cancelled").GetInt32()} {p.GetProperty("lapsed").GetInt32()}").Order());

        var flags = registry.FlagsOf(offices);
        Assert.True(flags.Values.Sum(f => f.Raised) > 0);
        Assert.Equal(flags.Select(kv => $"{kv.Key} {kv.Value.Raised} {kv.Value.Resolved}").Order(),
            json.GetProperty("lodgingFlags").EnumerateArray().Select(f => $"{f.GetProperty("reason").GetString()} {f.GetProperty("raised").GetInt32()} {f.GetProperty("resolved").GetInt32()}").Order());
    }
}
