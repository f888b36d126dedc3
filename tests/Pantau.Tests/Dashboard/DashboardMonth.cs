using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.FieldChecks;
using Pantau.Web.Features.Reports;

namespace Pantau.Tests.Dashboard;

/// <summary>
/// March 2025 in three offices, written straight into the database with the reports' own steps (verify, accept, reject,
/// dispatch, arrive, resolve) at chosen times, and what the dashboard should make of it, worked out here from the list.
/// </summary>
public sealed class DashboardMonth
{
    public const int Year = 2025, Month = 3;
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    public static readonly DateOnly First = new(Year, Month, 1), Last = new(Year, Month, 31);

    public enum Fate { Open, Accepted, FalseReport, NotImmigration, Resolved }

    /// <param name="Steps">Minutes: to triage, then to dispatch, then to arrival, then to closing.</param>
    /// <param name="Latitude">The report's own position, when it has one (else the map puts it at its kelurahan's centre).</param>
    public sealed record Seeded(string Office, ReportCategory Category, string Channel, DateTime VerifiedAt, Fate Fate, string Village,
        FieldOutcome? Outcome, int[] Steps, double? Latitude = null, double? Longitude = null)
    {
        public DateOnly LocalDay => DateOnly.FromDateTime(VerifiedAt + Wib);
    }

    public sealed record Check(string Office, DateTime At, bool Registered)
    {
        public DateOnly LocalDay => DateOnly.FromDateTime(At + Wib);
    }

    public required IReadOnlyDictionary<string, int> Offices { get; init; }
    public required IReadOnlyList<Seeded> Reports { get; init; }
    public required IReadOnlyList<Check> Checks { get; init; }

    public static readonly Dictionary<string, string[]> Villages = new()
    {
        ["KANIM-TANGERANG"] = ["36.71.01.1001", "36.71.01.1002", "36.71.01.1003"],
        ["KANIM-TANGSEL"] = ["36.74.01.1001", "36.74.01.1002"],
        ["KANIM-JAKSEL"] = ["31.74.02.1001", "31.74.02.1003"],
    };

    public static async Task<DashboardMonth> SeedAsync(PantauApp app)
    {
        var random = new Random(17);
        var offices = await app.WithDbAsync(db => db.Offices.ToDictionaryAsync(o => o.Code, o => o.Id));
        var rt = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "rt.setiabudi@pantau.test").Select(u => u.Id).FirstAsync());
        var polsek = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "polsek.setiabudi@pantau.test").Select(u => u.Id).FirstAsync());
        var reports = new List<Seeded>();
        var checks = new List<Check>();
        foreach (var (office, count) in new[] { ("KANIM-TANGERANG", 40), ("KANIM-TANGSEL", 12), ("KANIM-JAKSEL", 18) })
        {
            for (var i = 0; i < count; i++)
            {
                // Local times from the evening before the month to the morning after it: the edges must fall on the right side.
                var local = new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-2).AddMinutes(random.Next(0, (31 * 24 + 4) * 60));
                var channel = office == "KANIM-JAKSEL" ? new[] { "Public", "Neighbourhood", "Partner", "Application" }[random.Next(4)]
                    : new[] { "Public", "Public", "Application" }[random.Next(3)];
                var fate = (Fate)random.Next(5);
                reports.Add(new Seeded(office, (ReportCategory)random.Next(6), channel, local - Wib, fate, Villages[office][random.Next(Villages[office].Length)],
                    fate == Fate.Resolved ? (FieldOutcome)random.Next(4) : null,
                    [random.Next(3, 45), random.Next(5, 90), random.Next(20, 240), random.Next(10, 2000)]));
            }
            for (var i = 0; i < count / 2; i++)
                checks.Add(new Check(office, new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-3).AddMinutes(random.Next(0, (31 * 24 + 6) * 60)) - Wib,
                    random.Next(3) > 0));
        }
        // Exactly on the edges of the local month.
        reports.Add(new Seeded("KANIM-TANGERANG", ReportCategory.Overstay, "Public", new DateTime(2025, 2, 28, 17, 0, 0, DateTimeKind.Utc), Fate.Open, "36.71.01.1001", null, [1, 1, 1, 1]));
        reports.Add(new Seeded("KANIM-TANGERANG", ReportCategory.Overstay, "Public", new DateTime(2025, 2, 28, 16, 59, 0, DateTimeKind.Utc), Fate.Open, "36.71.01.1001", null, [1, 1, 1, 1]));
        reports.Add(new Seeded("KANIM-TANGERANG", ReportCategory.Other, "Public", new DateTime(2025, 3, 31, 16, 59, 0, DateTimeKind.Utc), Fate.Open, "36.71.01.1002", null, [1, 1, 1, 1]));
        reports.Add(new Seeded("KANIM-TANGERANG", ReportCategory.Other, "Public", new DateTime(2025, 3, 31, 17, 0, 0, DateTimeKind.Utc), Fate.Open, "36.71.01.1002", null, [1, 1, 1, 1]));

        // Every third report has a position of its own, a few hundred metres apart around the office's town; the 0.00013
        // keeps each clear of a rounding edge of the heat map's hundred-metre grid.
        var placing = new Random(5);
        var towns = new Dictionary<string, (double Lat, double Lng)>
        {
            ["KANIM-TANGERANG"] = (-6.178, 106.630), ["KANIM-TANGSEL"] = (-6.290, 106.710), ["KANIM-JAKSEL"] = (-6.220, 106.830),
        };
        for (var i = 0; i < reports.Count; i += 3)
        {
            var town = towns[reports[i].Office];
            reports[i] = reports[i] with
            {
                Latitude = Math.Round(town.Lat + placing.Next(4) / 1000.0 + 0.00013, 5), Longitude = Math.Round(town.Lng + placing.Next(4) / 1000.0 + 0.00013, 5),
            };
        }

        await app.WithDbAsync(async db =>
        {
            var n = 0;
            foreach (var s in reports)
            {
                var report = new Report
                {
                    Ticket = $"DSB{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}", Category = s.Category, VillageCode = s.Village,
                    Latitude = s.Latitude, Longitude = s.Longitude,
                    OccurredAt = s.VerifiedAt.AddHours(-1), Description = $"Laporan dasbor {++n}", OfficeId = offices[s.Office], CreatedAt = s.VerifiedAt.AddMinutes(-1),
                    IdempotencyKey = Guid.NewGuid().ToString("N"),
                    TrustedReporterId = s.Channel switch { "Neighbourhood" => rt, "Partner" => polsek, _ => null },
                    ApiClientId = s.Channel == "Application" ? Guid.NewGuid() : null, ClientName = s.Channel == "Application" ? "FixMyStreet" : null,
                };
                report.Verify(null, Guid.NewGuid(), s.VerifiedAt);
                var at = s.VerifiedAt.AddMinutes(s.Steps[0]);
                switch (s.Fate)
                {
                    case Fate.Accepted:
                        Assert.Null(report.Accept(null, at));
                        break;
                    case Fate.FalseReport or Fate.NotImmigration:
                        Assert.Null(report.Reject(s.Fate == Fate.FalseReport ? RejectionReason.FalseReport : RejectionReason.NotImmigration, null, "Ditolak.", at));
                        break;
                    case Fate.Resolved:
                        Assert.Null(report.Accept(null, at));
                        Assert.Null(report.Dispatch(1, "Tim dikirim.", null, at = at.AddMinutes(s.Steps[1])));
                        Assert.Null(report.Arrive(at = at.AddMinutes(s.Steps[2])));
                        Assert.Null(report.RecordFindings(s.Outcome!.Value, null, 1));
                        Assert.Null(report.Resolve(null, "Selesai.", at.AddMinutes(s.Steps[3])));
                        break;
                }
                db.Reports.Add(report);
            }
            foreach (var c in checks)
                db.FieldChecks.Add(new FieldCheck
                {
                    At = c.At, OfficerId = Guid.NewGuid(), OfficeId = offices[c.Office], Purpose = "dasbor", Query = "passport=X0000000", Registered = c.Registered,
                    ForeignerIds = "",
                });
            return await db.SaveChangesAsync();
        });
        return new DashboardMonth { Offices = offices, Reports = reports, Checks = checks };
    }

    /// <summary>The seeded reports of the month (local days) in the given offices.</summary>
    public IReadOnlyList<Seeded> ReportsOf(params string[] offices) =>
        Reports.Where(r => offices.Contains(r.Office) && r.LocalDay >= First && r.LocalDay <= Last).ToList();

    public IReadOnlyList<Check> ChecksOf(params string[] offices) =>
        Checks.Where(c => offices.Contains(c.Office) && c.LocalDay >= First && c.LocalDay <= Last).ToList();

    public static string OutcomeOf(Seeded s) => s.Fate switch
    {
        Fate.Open or Fate.Accepted => "Open",
        Fate.FalseReport => "Rejected.FalseReport",
        Fate.NotImmigration => "Rejected.NotImmigration",
        _ => $"Resolved.{s.Outcome}",
    };

    /// <summary>Stage (Triage, Dispatch, Arrival, Resolution) → each started clock's minutes, whether it is over, its target.</summary>
    public static IEnumerable<(string Stage, double Minutes, bool Done, double Target)> Clocks(Seeded s, DateTime now)
    {
        double Since(DateTime t) => (now - t).TotalMinutes;
        var triage = s.Steps[0];
        switch (s.Fate)
        {
            case Fate.Open:
                yield return ("Triage", Since(s.VerifiedAt), false, 15);
                yield return ("Resolution", Since(s.VerifiedAt), false, 1440);
                break;
            case Fate.Accepted:
                yield return ("Triage", triage, true, 15);
                yield return ("Dispatch", Since(s.VerifiedAt.AddMinutes(triage)), false, 30);
                yield return ("Resolution", Since(s.VerifiedAt), false, 1440);
                break;
            case Fate.FalseReport or Fate.NotImmigration:
                yield return ("Triage", triage, true, 15);
                yield return ("Resolution", triage, true, 1440);
                break;
            default:
                yield return ("Triage", triage, true, 15);
                yield return ("Dispatch", s.Steps[1], true, 30);
                yield return ("Arrival", s.Steps[2], true, 120);
                yield return ("Resolution", s.Steps.Sum(), true, 1440);
                break;
        }
    }

    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return null;
        return Math.Round(sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2, 1);
    }
}
