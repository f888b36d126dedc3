using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Lodging;
using Pantau.Tests.Operations;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Audit;

/// <summary>
/// Looks at people that used to leave no trace, or a trace the office holding the person could not see (issue 13,
/// point 9): a reporter's phone, a passport number already registered elsewhere, a lodging's flagged guest.
/// </summary>
public sealed class AuditGapsTests(PantauApp app) : IClassFixture<PantauApp>
{
    private static async Task<List<JsonElement>> EntriesAsync(HttpClient reader, string record) =>
        (await reader.GetJsonAsync($"/api/audit?record={record}&pageSize=500")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Reading_a_report_with_its_reporter_phone_is_audited_with_its_purpose_for_the_office()
    {
        var report = await Desk.ReportAsync(app);
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var read = await officer.GetJsonAsync($"/api/reports/{report.Id}?purpose={Uri.EscapeDataString("hubungi pelapor")}");
        Assert.Equal(Intl(report.Phone), read.GetProperty("reporterPhone").GetString());

        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var entry = Assert.Single(await EntriesAsync(head, report.Id));
        Assert.Equal("read", entry.GetProperty("action").GetString());
        Assert.Equal("reporter", entry.GetProperty("recordType").GetString());
        Assert.Equal("petugas.tangerang@pantau.test", entry.GetProperty("actor").GetString());
        Assert.StartsWith("hubungi pelapor", entry.GetProperty("purpose").GetString());
        // Another office's head does not see Tangerang's reporter being read.
        Assert.Empty(await EntriesAsync(await app.LoginAsync("kepala.jaksel@pantau.test"), report.Id));

        // A decision answers the report with the phone too: also on the trail, with what it was for.
        await Desk.PostOkAsync(officer, $"/api/reports/{report.Id}/triage", new { action = "Accept" });
        Assert.Contains(await EntriesAsync(head, report.Id), e => e.GetProperty("purpose").GetString()!.StartsWith("triage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_passport_registered_in_another_office_is_refused_and_the_lookup_is_on_that_office_trail()
    {
        var passport = People.NextPassport();
        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        var held = (await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, passport: passport))).GetProperty("id").GetString()!;

        // A Jakarta Selatan officer cannot see the person, and tries the same passport.
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var refused = await (await jaksel.PostAsJsonAsync("/api/foreigners", People.Registration(passport: passport))).ProblemAsync(400);
        Assert.Equal(["passports[0].number"], refused.ErrorFields());

        // That answer told that the person exists: Kanim Tangerang's head sees who asked, about whom.
        var entries = await EntriesAsync(await app.LoginAsync("kepala.tangerang@pantau.test"), held);
        var probe = Assert.Single(entries, e => e.GetProperty("action").GetString() == "number-taken");
        Assert.Equal("petugas.jaksel@pantau.test", probe.GetProperty("actor").GetString());
        Assert.Contains("registration", probe.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task A_passport_registered_in_the_same_office_is_refused_and_the_lookup_is_audited()
    {
        var passport = People.NextPassport();
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var held = (await jaksel.RegisterAsync(People.Registration(passport: passport))).GetProperty("id").GetString()!;
        var refused = await (await jaksel.PostAsJsonAsync("/api/foreigners", People.Registration(name: "Zhang Wei", passport: passport))).ProblemAsync(400);
        Assert.Equal(["passports[0].number"], refused.ErrorFields());

        var entries = await EntriesAsync(await app.LoginAsync("kepala.jaksel@pantau.test"), held);
        Assert.Equal(["number-taken", "create"], entries.Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_lodging_flag_read_or_resolved_is_on_the_trail_of_the_office_holding_the_guest()
    {
        // Registered by Kanim Jakarta Selatan, staying in a hotel in Tangerang with a lapsed permit.
        var passport = People.NextPassport();
        var jaksel = await app.LoginAsync("petugas.jaksel@pantau.test");
        var person = (await jaksel.RegisterAsync(People.Registration(passport: passport, nationality: "KOR",
            permitExpiry: Lodgings.Date(Lodgings.Today.AddDays(-10))))).GetProperty("id").GetString()!;
        var (hotel, _, _) = await app.VerifiedLodgingAsync(name: $"Hotel Audit {Guid.NewGuid():N}"[..20]);
        await hotel.CheckInAsync(Lodgings.CheckIn(passport, "KOR", "301"));

        var tangerang = await app.LoginAsync("petugas.tangerang@pantau.test");
        var flag = (await tangerang.GetJsonAsync("/api/lodging-flags")).EnumerateArray().Single(f => f.GetProperty("passportNumber").GetString() == passport);
        await Desk.PostOkAsync(tangerang, $"/api/lodging-flags/{flag.GetProperty("id").GetGuid()}/resolve", new { note = "Sudah dicek di lokasi" });

        // Kanim Jakarta Selatan holds the person: its head sees Tangerang's officer read and resolve the flag.
        var entries = await EntriesAsync(await app.LoginAsync("kepala.jaksel@pantau.test"), person);
        Assert.Contains(entries, e => e.GetProperty("purpose").GetString() == "lodging flags" && e.GetProperty("actor").GetString() == "petugas.tangerang@pantau.test");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "lodging-flag-resolved");
    }
}
