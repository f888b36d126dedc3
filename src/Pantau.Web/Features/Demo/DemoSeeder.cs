using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Statistics;
using Pantau.Web.Features.Teams;

namespace Pantau.Web.Features.Demo;

/// <summary>Seeds the demo offices, accounts and foreigners into an empty database; does nothing to one with data.</summary>
public sealed class DemoSeeder(PantauDb db, UserManager<StaffUser> users, TimeProvider time, ILogger<DemoSeeder> log)
{
    public async Task SeedOfficesAndAccountsAsync()
    {
        if (!await db.Offices.AnyAsync())
        {
            foreach (var o in DemoData.Offices) db.Offices.Add(new Office(o.Code, o.Name, o.ProvinceCode, o.Regencies));
            await db.SaveChangesAsync();
        }
        if (!await db.Users.AnyAsync())
        {
            var offices = await db.Offices.ToDictionaryAsync(o => o.Code, o => o.Id);
            // A database that already had offices of its own gets only the accounts whose office exists.
            foreach (var a in DemoData.Accounts.Where(a => a.OfficeCode is null || offices.ContainsKey(a.OfficeCode)))
            {
                var user = new StaffUser { UserName = a.Email, Email = a.Email, EmailConfirmed = true, FullName = a.FullName, CreatedAt = time.GetUtcNow().UtcDateTime };
                user.AssignScope(new StaffScopeAssignment(a.Role, a.OfficeCode is null ? null : offices[a.OfficeCode], a.ProvinceCode,
                    a.Districts, a.VillageCode, a.Rw, a.Rt));
                var result = await users.CreateAsync(user, DemoData.Password);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        await SeedTeamsAsync();
        // Said at every start while demo seeding is on, so whoever runs the demo can sign in.
        var emails = DemoData.Accounts.Select(a => a.Email).ToList();
        var present = await db.Users.Where(u => emails.Contains(u.Email!)).Select(u => u.Email!).ToListAsync();
        if (present.Count > 0)
            log.LogWarning("Demo accounts (password {Password}, demo only): {Accounts}", DemoData.Password, string.Join(", ", present.Order()));
    }

    public static readonly string[] DemoTeams = ["TIMPORA Tangerang 1", "TIMPORA Tangerang 2"];

    /// <summary>
    /// Kanim Tangerang's two demo TIMPORA teams (into a database with no teams and the demo officer), and their roster
    /// around the clock, three 8-hour shifts a day in turn, from yesterday to a week ahead. The roster is topped up at
    /// every start, so a demo started on any day has a team on duty now; slots someone already planned are left alone.
    /// </summary>
    public async Task SeedTeamsAsync()
    {
        if (await db.Offices.FirstOrDefaultAsync(o => o.Code == "KANIM-TANGERANG") is not { } office) return;
        if (!await db.Teams.AnyAsync())
        {
            var staff = await db.Users.Where(u => u.Email == "petugas.tangerang@pantau.test" || u.Email == "kepala.tangerang@pantau.test")
                .ToDictionaryAsync(u => u.Email!);
            if (!staff.TryGetValue("petugas.tangerang@pantau.test", out var officer)) return;
            var first = new Team(office.Id, DemoTeams[0]);
            first.SetMembers([new(officer.Id, officer.FullName, TeamAgency.Immigration), new(null, "Aiptu Budi Santoso (Polres Metro Tangerang Kota)", TeamAgency.Police)]);
            var second = new Team(office.Id, DemoTeams[1]);
            second.SetMembers([.. staff.TryGetValue("kepala.tangerang@pantau.test", out var head) ? [new TeamMember(head.Id, head.FullName, TeamAgency.Immigration)] : Array.Empty<TeamMember>(),
                new(null, "Bripka Rina Wulandari (Polsek Cipondoh)", TeamAgency.Police), new(null, "Serka Dedi Kurniawan (Koramil Cipondoh)", TeamAgency.Military)]);
            db.Teams.AddRange(first, second);
            await db.SaveChangesAsync();
        }
        var teams = await db.Teams.Where(t => t.OfficeId == office.Id && t.Active && DemoTeams.Contains(t.Name)).OrderBy(t => t.Name).ToListAsync();
        if (teams.Count == 0) return;
        // Shifts of the office's clock: 00–08, 08–16 and 16–24 WIB (WITA, WIT), kept in UTC.
        var zone = office.Zone;
        var today = zone.DayOf(time.GetUtcNow().UtcDateTime);
        var (from, to) = (zone.Day(today.AddDays(-1)).From, zone.Day(today.AddDays(8)).From);
        var planned = await db.RosterShifts.Where(s => s.OfficeId == office.Id && s.StartsAt < to && s.EndsAt > from).ToListAsync();
        for (var slot = 0; from.AddHours(8 * slot) < to; slot++)
        {
            var start = from.AddHours(8 * slot);
            if (planned.Any(s => s.Overlaps(start, start.AddHours(8)))) continue;
            // Counting 8-hour slots from a fixed epoch keeps the turns the same whichever day the demo starts.
            var turn = (int)(((start + zone.Offset - DateTime.UnixEpoch).Ticks / TimeSpan.FromHours(8).Ticks) % teams.Count);
            db.RosterShifts.Add(new RosterShift(teams[turn], start, start.AddHours(8)));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Adds <paramref name="count"/> demo foreigners in batches; <paramref name="progress"/> gets the running total.</summary>
    public async Task SeedForeignersAsync(int count, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (count <= 0 || await db.Foreigners.Nationally("demo people go into an empty registry only").AnyAsync(ct)) return;
        var generator = await RegistryAsync(ct);
        var done = await RegistryBulkWriter.WriteAsync(db, generator.Generate(count), progress, ct);
        // The bulk writer goes around EF, and so around the counts kept on every save: count once at the end.
        await ResidentCounts.RebuildAsync(db, ct);
        log.LogInformation("Seeded {Count} demo foreigners", done);
    }

    /// <summary>The generator the seeder uses today: the demo offices' villages, today's date, the fixed seed.</summary>
    public async Task<DemoRegistry> RegistryAsync(CancellationToken ct = default)
    {
        var regencies = DemoData.Offices.SelectMany(o => o.Regencies).ToList();
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && regencies.Contains(r.Code.Substring(0, 5)))
            .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        return new DemoRegistry(villages, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// Adds <paramref name="count"/> verified reports spread over the demo offices' villages and the local month
    /// <paramref name="month"/> (for the dashboard's benchmark): a fifth still open, the rest accepted, rejected or
    /// resolved after a few steps, from the public, RT/RW heads, partners and applications. Written in batches without
    /// change tracking between them; <paramref name="progress"/> gets the running total.
    /// </summary>
    public async Task SeedReportsAsync(int count, DateOnly month, TimeSpan utcOffset, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (count <= 0) return;
        var offices = await db.Offices.AsNoTracking().Select(o => new { o.Id, o.Code }).ToListAsync(ct);
        var villages = new List<(int Office, string Village)>();
        foreach (var o in DemoData.Offices)
        {
            if (offices.FirstOrDefault(x => x.Code == o.Code) is not { } office) continue;
            var codes = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && o.Regencies.Contains(r.Code.Substring(0, 5)))
                .Select(r => r.Code).ToListAsync(ct);
            villages.AddRange(codes.Select(c => (office.Id, c)));
        }
        var trusted = await db.Users.AsNoTracking().Where(u => u.Role == StaffRole.NeighbourhoodHead || u.Role == StaffRole.Partner)
            .Select(u => u.Id).ToListAsync(ct);
        var rng = new Random(2026);
        var start = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - utcOffset;
        var minutes = (int)(month.AddMonths(1).ToDateTime(TimeOnly.MinValue) - month.ToDateTime(TimeOnly.MinValue)).TotalMinutes;
        var client = Guid.CreateVersion7();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var done = 0;
        while (done < count)
        {
            var batch = Math.Min(5000, count - done);
            for (var i = 0; i < batch; i++)
            {
                var (office, village) = villages[rng.Next(villages.Count)];
                var verified = start.AddMinutes(rng.Next(minutes));
                var channel = rng.Next(10);
                var report = new Report
                {
                    Ticket = $"BENCH{done + i:D9}", Category = (ReportCategory)rng.Next(6), VillageCode = village, OccurredAt = verified.AddHours(-1),
                    Description = "Laporan uji beban dasbor.", OfficeId = office, CreatedAt = verified.AddMinutes(-1), IdempotencyKey = $"bench-{done + i}",
                    TrustedReporterId = channel is 7 or 8 && trusted.Count > 0 ? trusted[rng.Next(trusted.Count)] : null,
                    ApiClientId = channel == 9 ? client : null, ClientName = channel == 9 ? "FixMyStreet" : null,
                };
                report.Verify(null, Guid.CreateVersion7(), verified);
                var at = verified.AddMinutes(rng.Next(3, 45));
                switch (rng.Next(5))
                {
                    case 1:
                        report.Accept(null, at);
                        break;
                    case 2:
                        report.Reject(rng.Next(3) == 0 ? RejectionReason.FalseReport : RejectionReason.NotImmigration, null, "Ditolak.", at);
                        break;
                    case 3 or 4:
                        report.Accept(null, at);
                        report.Dispatch(1, "Tim dikirim.", null, at = at.AddMinutes(rng.Next(5, 90)));
                        report.Arrive(at = at.AddMinutes(rng.Next(20, 240)));
                        report.RecordFindings((FieldOutcome)rng.Next(4), null, 1);
                        report.Resolve(null, "Selesai.", at.AddMinutes(rng.Next(10, 2000)));
                        break;
                }
                db.Reports.Add(report);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch;
            progress?.Report(done);
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        log.LogInformation("Seeded {Count} demo reports in {Month}", done, month);
    }
}
