using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Lodging;
using Pantau.Web.Features.Regions;

namespace Pantau.Tests.Lodging;

/// <summary>Lodging reports (APOA): registration and verification, guests' check-ins and check-outs by form and CSV, and the office's flags.</summary>
public sealed class LodgingApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string TangerangOfficer = "petugas.tangerang@pantau.test";
    private const string JakselOfficer = "petugas.jaksel@pantau.test";
    private static DateOnly Today => Lodgings.Today;

    /// <summary>The open (or resolved) flags of one lodging's guests, as an officer's list shows them; tests here share one database.</summary>
    private static async Task<List<JsonElement>> FlagsOfAsync(HttpClient officer, string lodging, bool resolved = false) =>
        (await officer.GetJsonAsync($"/api/lodging-flags?resolved={(resolved ? "true" : "false")}")).EnumerateArray()
            .Where(f => f.GetProperty("lodgingName").GetString() == lodging).ToList();

    [Fact]
    public async Task A_lodging_registers_is_verified_by_its_office_and_only_then_signs_in()
    {
        var email = Lodgings.NextEmail();
        var lodging = await app.RegisterLodgingAsync(Lodgings.Registration(email, People.TangerangVillage, "Losmen Pasar Baru", "GuestHouse"));
        var id = lodging.GetProperty("id").GetGuid();
        Assert.Equal("Pending", lodging.GetProperty("state").GetString());
        Assert.Equal("Kantor Imigrasi Tangerang", lodging.GetProperty("officeName").GetString());
        Assert.Equal("+6281234567890", lodging.GetProperty("contactPhone").GetString());

        // Not verified yet: the account cannot sign in, and its right password is told whose verification it waits
        // for; a wrong one hears the same as for any account.
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = PantauApp.Password });
        var held = await login.ProblemAsync(403);
        Assert.Equal("lodging.awaitingVerification", held.GetProperty("code").GetString());
        Assert.Contains("Kantor Imigrasi Tangerang", held.GetProperty("title").GetString());
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = PantauApp.Password + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        // Another office does not see it; a partner may not verify at all.
        var jaksel = await app.LoginAsync(JakselOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.GetAsync($"/api/lodgings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.PostAsJsonAsync($"/api/lodgings/{id}/decision", new { approve = true })).StatusCode);
        Assert.DoesNotContain((await jaksel.GetJsonAsync("/api/lodgings")).EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);
        var partner = await app.LoginAsync("polsek.setiabudi@pantau.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/lodgings")).StatusCode);

        // The office admin of Kanim Tangerang has it waiting; a rejection must say why.
        var officeAdmin = await app.LoginAsync("admin.tangerang@pantau.test");
        Assert.Contains((await officeAdmin.GetJsonAsync("/api/lodgings?state=Pending")).EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);
        var noReason = await (await officeAdmin.PostAsJsonAsync($"/api/lodgings/{id}/decision", new { approve = false })).ProblemAsync(400);
        Assert.Equal(["note"], noReason.ErrorFields());

        var verified = await officeAdmin.PostAsJsonAsync($"/api/lodgings/{id}/decision", new { approve = true, note = "Izin usaha dicek" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("Verified", (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await (await officeAdmin.PostAsJsonAsync($"/api/lodgings/{id}/decision", new { approve = false, note = "late" })).ProblemAsync(409);

        var hotel = await app.LoginAsync(email);
        var me = await hotel.GetJsonAsync("/api/auth/me");
        Assert.Equal("Lodging", me.GetProperty("role").GetString());
        Assert.Empty((await hotel.GetJsonAsync("/api/lodging/stays")).EnumerateArray());
        // A lodging reaches its own reports and nothing of the registry.
        Assert.Equal(HttpStatusCode.Forbidden, (await hotel.GetAsync("/api/foreigners")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hotel.GetAsync("/api/lodging-flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hotel.GetAsync("/api/lodgings")).StatusCode);
    }

    [Fact]
    public async Task A_rejected_lodging_never_signs_in_and_a_registration_names_its_bad_fields()
    {
        var email = Lodgings.NextEmail();
        var id = (await app.RegisterLodgingAsync(Lodgings.Registration(email))).GetProperty("id").GetGuid();
        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        var rejected = await head.PostAsJsonAsync($"/api/lodgings/{id}/decision", new { approve = false, note = "Alamat tidak ditemukan" });
        Assert.Equal("Rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = PantauApp.Password });
        var refused = await login.ProblemAsync(403);
        Assert.Equal("lodging.registrationRejected", refused.GetProperty("code").GetString());
        Assert.Contains("Alamat tidak ditemukan", refused.GetProperty("title").GetString());

        var anonymous = app.CreateClient();
        var empty = await (await anonymous.PostAsJsonAsync("/api/lodgings", new { })).ProblemAsync(400);
        Assert.Equal(["address", "contactName", "contactPhone", "email", "kind", "name", "password", "villageCode"], empty.ErrorFields().Order());

        var badPhone = Lodgings.Registration();
        badPhone["contactPhone"] = "12345";
        Assert.Equal(["contactPhone"], (await (await anonymous.PostAsJsonAsync("/api/lodgings", badPhone)).ProblemAsync(400)).ErrorFields());

        // A village no office covers (Aceh has no demo office): nobody could verify it.
        var aceh = await app.WithDbAsync(db => db.Regions.Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith("11.")).Select(r => r.Code).FirstAsync());
        var nowhere = await (await anonymous.PostAsJsonAsync("/api/lodgings", Lodgings.Registration(village: aceh))).ProblemAsync(400);
        Assert.Equal(["villageCode"], nowhere.ErrorFields());

        var weak = Lodgings.Registration();
        weak["password"] = "short";
        Assert.Equal(["password"], (await (await anonymous.PostAsJsonAsync("/api/lodgings", weak)).ProblemAsync(400)).ErrorFields());
        // Nothing half-written: the refused registration left no account behind.
        var weakEmail = (string)weak["email"]!;
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == weakEmail)));
    }

    [Fact]
    public async Task Guests_not_in_the_registry_with_a_lapsed_permit_or_staying_past_it_are_flagged_to_the_office()
    {
        var tangerang = await app.LoginAsync(TangerangOfficer);
        var jaksel = await app.LoginAsync(JakselOfficer);
        var valid = People.NextPassport();
        var lapsed = People.NextPassport();
        var shortPermit = People.NextPassport();
        var unknown = People.NextPassport();
        await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, "Li Na", "CHN", valid, permitExpiry: Lodgings.Date(Today.AddDays(100))));
        // Recorded by another office: the lookup is national.
        var lapsedPerson = (await jaksel.RegisterAsync(People.Registration(People.SetiaBudi, "Kim Min Jun", "KOR", lapsed,
            permitExpiry: Lodgings.Date(Today.AddDays(-10))))).GetProperty("id").GetGuid();
        var shortPerson = (await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, "Tanaka Yui", "JPN", shortPermit,
            permitExpiry: Lodgings.Date(Today.AddDays(5))))).GetProperty("id").GetGuid();

        var (hotel, _, _) = await app.VerifiedLodgingAsync(name: "Hotel Cisadane");
        var validStay = await hotel.CheckInAsync(Lodgings.CheckIn(valid, "CHN", "201", plannedCheckOut: Today.AddDays(3)));
        await hotel.CheckInAsync(Lodgings.CheckIn(lapsed.ToLowerInvariant(), "kor", "202"));
        var shortStay = await hotel.CheckInAsync(Lodgings.CheckIn(shortPermit, "JPN", "203", plannedCheckOut: Today.AddDays(12), guestName: "Tanaka Yui"));
        await hotel.CheckInAsync(Lodgings.CheckIn(unknown, "AUS", "204"));
        // The lodging hears nothing about its guests' records.
        Assert.False(shortStay.TryGetProperty("foreignerId", out _));
        Assert.Equal(lapsed, (await hotel.GetJsonAsync("/api/lodging/stays")).EnumerateArray().Single(s => s.GetProperty("room").GetString() == "202")
            .GetProperty("passportNumber").GetString());

        var flags = await FlagsOfAsync(tangerang, "Hotel Cisadane");
        Assert.Equal(3, flags.Count);
        Assert.Equal("PermitLapsed", flags.Single(f => f.GetProperty("passportNumber").GetString() == lapsed).GetProperty("reason").GetString());
        Assert.Equal(lapsedPerson, flags.Single(f => f.GetProperty("passportNumber").GetString() == lapsed).GetProperty("foreignerId").GetGuid());
        var past = flags.Single(f => f.GetProperty("passportNumber").GetString() == shortPermit);
        Assert.Equal("StaysPastPermit", past.GetProperty("reason").GetString());
        Assert.Equal(shortPerson, past.GetProperty("foreignerId").GetGuid());
        Assert.Equal(Lodgings.Date(Today.AddDays(5)), past.GetProperty("permitExpiry").GetString());
        Assert.Equal("Hotel Cisadane", past.GetProperty("lodgingName").GetString());
        var notRegistered = flags.Single(f => f.GetProperty("passportNumber").GetString() == unknown);
        Assert.Equal("NotInRegistry", notRegistered.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, notRegistered.GetProperty("foreignerId").ValueKind);
        Assert.DoesNotContain(flags, f => f.GetProperty("passportNumber").GetString() == valid);

        // A check-out within the permit raises nothing more.
        var checkedOut = await hotel.PostAsJsonAsync($"/api/lodging/stays/{validStay.GetProperty("id").GetGuid()}/check-out", new { checkOutDate = Lodgings.Date(Today) });
        Assert.Equal(Lodgings.Date(Today), (await checkedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkedOutOn").GetString());
        Assert.Equal(3, (await FlagsOfAsync(tangerang, "Hotel Cisadane")).Count);

        // The flags are Kanim Tangerang's, where the lodging is.
        Assert.Empty(await FlagsOfAsync(jaksel, "Hotel Cisadane"));
        var flagId = past.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await jaksel.PostAsJsonAsync($"/api/lodging-flags/{flagId}/resolve", new { note = "Dicek" })).StatusCode);
        Assert.Equal(["note"], (await (await tangerang.PostAsJsonAsync($"/api/lodging-flags/{flagId}/resolve", new { })).ProblemAsync(400)).ErrorFields());
        var resolved = await tangerang.PostAsJsonAsync($"/api/lodging-flags/{flagId}/resolve", new { note = "Penjamin mengajukan perpanjangan ITAS" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await (await tangerang.PostAsJsonAsync($"/api/lodging-flags/{flagId}/resolve", new { note = "lagi" })).ProblemAsync(409);
        Assert.Equal(2, (await FlagsOfAsync(tangerang, "Hotel Cisadane")).Count);
        Assert.Equal(flagId, (await FlagsOfAsync(tangerang, "Hotel Cisadane", resolved: true)).Single().GetProperty("id").GetGuid());

        // Each lookup is on the audit trail, naming the people it found.
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == GuestReports.AuditAction).ToListAsync());
        Assert.Contains(entries, e => e.RecordIds.Contains(lapsedPerson.ToString()));
        Assert.Contains(entries, e => e.RecordIds.Contains(shortPerson.ToString()));
        Assert.Contains(entries, e => e.Purpose.Contains("Hotel Cisadane"));
    }

    [Fact]
    public async Task A_guest_still_staying_after_the_permit_ended_is_flagged_and_a_check_out_past_it_too()
    {
        var tangerang = await app.LoginAsync(TangerangOfficer);
        var overstaying = People.NextPassport();
        var leaving = People.NextPassport();
        await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, "Nguyen Van An", "VNM", overstaying, permitExpiry: Lodgings.Date(Today.AddDays(-2))));
        await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, "Sarah Jones", "GBR", leaving, permitExpiry: Lodgings.Date(Today)));
        var (hotel, _, _) = await app.VerifiedLodgingAsync(name: "Kos Melati");

        // Checked in while the permit held, still here after it ended.
        await hotel.CheckInAsync(Lodgings.CheckIn(overstaying, "VNM", "A1", checkIn: Today.AddDays(-7)));
        // Checked in while it held, planned to leave on its last day, but left the day after.
        var stay = await hotel.CheckInAsync(Lodgings.CheckIn(leaving, "GBR", "A2", checkIn: Today.AddDays(-3), plannedCheckOut: Today));
        Assert.DoesNotContain(await FlagsOfAsync(tangerang, "Kos Melati"), f => f.GetProperty("passportNumber").GetString() == leaving);
        var late = await hotel.PostAsJsonAsync($"/api/lodging/stays/{stay.GetProperty("id").GetGuid()}/check-out", new { checkOutDate = Lodgings.Date(Today.AddDays(1)) });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);

        var flags = await FlagsOfAsync(tangerang, "Kos Melati");
        Assert.Equal(2, flags.Count);
        Assert.Equal("StaysPastPermit", flags.Single(f => f.GetProperty("passportNumber").GetString() == overstaying).GetProperty("reason").GetString());
        Assert.Equal("StaysPastPermit", flags.Single(f => f.GetProperty("passportNumber").GetString() == leaving).GetProperty("reason").GetString());

        // A check-out before the check-in is refused, naming the field.
        var early = await hotel.PostAsJsonAsync($"/api/lodging/stays/{stay.GetProperty("id").GetGuid()}/check-out", new { checkOutDate = Lodgings.Date(Today.AddDays(-9)) });
        Assert.Equal(["checkOutDate"], (await early.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task A_lodging_sees_only_its_own_submissions()
    {
        var (first, _, _) = await app.VerifiedLodgingAsync(name: "Hotel Satu");
        var (second, _, _) = await app.VerifiedLodgingAsync(People.SetiaBudi, JakselOfficer, "Hotel Dua");
        var stay = await first.CheckInAsync(Lodgings.CheckIn(People.NextPassport(), "USA", "7"));
        var id = stay.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/lodging/stays/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/api/lodging/stays/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await second.PostAsJsonAsync($"/api/lodging/stays/{id}/check-out", new { checkOutDate = Lodgings.Date(Today) })).StatusCode);
        Assert.Empty((await second.GetJsonAsync("/api/lodging/stays")).EnumerateArray());
        Assert.Single((await first.GetJsonAsync("/api/lodging/stays")).EnumerateArray());
        // Staff do not report guests.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsync(TangerangOfficer)).GetAsync("/api/lodging/stays")).StatusCode);
    }

    [Fact]
    public async Task A_check_in_names_its_bad_fields_and_a_retried_form_is_the_same_stay()
    {
        var (hotel, _, _) = await app.VerifiedLodgingAsync(name: "Homestay Kenanga");
        var empty = await (await hotel.PostAsJsonAsync("/api/lodging/stays", new { })).ProblemAsync(400);
        Assert.Equal(["checkIn", "nationality", "passportNumber", "room"], empty.ErrorFields().Order());
        var wrong = Lodgings.CheckIn("X1", "XYZ", "", checkIn: Today.AddDays(5));
        Assert.Equal(["checkIn", "nationality", "passportNumber", "room"], (await (await hotel.PostAsJsonAsync("/api/lodging/stays", wrong)).ProblemAsync(400)).ErrorFields().Order());
        var backwards = Lodgings.CheckIn(People.NextPassport(), plannedCheckOut: Today.AddDays(-3));
        Assert.Equal(["plannedCheckOut"], (await (await hotel.PostAsJsonAsync("/api/lodging/stays", backwards)).ProblemAsync(400)).ErrorFields());

        var body = Lodgings.CheckIn(People.NextPassport(), "MYS", "12");
        var first = await hotel.CheckInAsync(body);
        var again = await hotel.PostAsJsonAsync("/api/lodging/stays", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Single((await hotel.GetJsonAsync("/api/lodging/stays")).EnumerateArray());

        // The same form sent several times at once (a phone retrying on a weak network): one stay, no error.
        var burst = Lodgings.CheckIn(People.NextPassport(), "MYS", "14");
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => hotel.PostAsJsonAsync("/api/lodging/stays", burst)));
        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(2, (await hotel.GetJsonAsync("/api/lodging/stays")).GetArrayLength());
    }

    [Fact]
    public async Task A_csv_upload_keeps_the_good_lines_reports_the_bad_ones_by_number_and_takes_check_outs()
    {
        var tangerang = await app.LoginAsync(TangerangOfficer);
        var registered = People.NextPassport();
        var unknown = People.NextPassport();
        await tangerang.RegisterAsync(People.Registration(People.TangerangVillage, "Raj Kumar", "IND", registered, permitExpiry: Lodgings.Date(Today.AddDays(60))));
        var (hotel, _, _) = await app.VerifiedLodgingAsync(name: "Hotel Grand Tangerang");

        var csv = string.Join("\n",
            "passportNumber,nationality,guestName,room,checkIn,plannedCheckOut",                 // line 1
            $"{registered},IND,\"Kumar, Raj\",301,{Lodgings.Date(Today.AddDays(-1))},{Lodgings.Date(Today.AddDays(4))}", // 2: good
            $"{unknown},AUS,,302,{Today.AddDays(-1):dd/MM/yyyy},",                               // 3: good, not registered
            "12,AUS,,303,2026-01-01,",                                                            // 4: bad passport
            $"{People.NextPassport()},AUS,,304,yesterday,",                                      // 5: bad date
            "",
            $"{People.NextPassport()},FRA,,,{Lodgings.Date(Today)},");                            // 7: no room
        var upload = await hotel.PostAsync("/api/lodging/stays/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var result = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(upload.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.Equal(5, result.GetProperty("lines").GetInt32());
        Assert.Equal(2, result.GetProperty("checkedIn").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(4, "passportNumber"), (5, "checkIn"), (7, "room")], rejected);
        // Each line says why in English for API clients and by code for pages.
        var passportLine = result.GetProperty("rejected")[0];
        Assert.StartsWith("A passport number", passportLine.GetProperty("message").GetString());
        Assert.Equal("shared.passportNumberHas5", passportLine.GetProperty("code").GetProperty("code").GetString());

        var stays = (await hotel.GetJsonAsync("/api/lodging/stays")).EnumerateArray().ToList();
        Assert.Equal(2, stays.Count);
        Assert.Equal("Kumar, Raj", stays.Single(s => s.GetProperty("passportNumber").GetString() == registered).GetProperty("guestName").GetString());
        Assert.All(stays, s => Assert.Equal("Csv", s.GetProperty("source").GetString()));
        var flags = await FlagsOfAsync(tangerang, "Hotel Grand Tangerang");
        Assert.Equal(unknown, flags.Single().GetProperty("passportNumber").GetString());
        Assert.Equal("NotInRegistry", flags.Single().GetProperty("reason").GetString());

        // The same lines again with a check-out, as a spreadsheet saved with semicolons, uploaded as a file.
        var again = string.Join("\r\n",
            "passportNumber;nationality;room;checkIn;checkOut",
            $"{registered};IND;301;{Lodgings.Date(Today.AddDays(-1))};{Lodgings.Date(Today)}",
            $"{unknown};AUS;302;{Lodgings.Date(Today.AddDays(-1))};");
        using var form = new MultipartFormDataContent { { new StringContent(again, Encoding.UTF8, "text/csv"), "file", "tamu.csv" } };
        var second = await (await hotel.PostAsync("/api/lodging/stays/csv", form)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, second.GetProperty("checkedIn").GetInt32());
        Assert.Equal(1, second.GetProperty("checkedOut").GetInt32());
        Assert.Equal(1, second.GetProperty("unchanged").GetInt32());
        Assert.Empty(second.GetProperty("rejected").EnumerateArray());
        Assert.Equal(Lodgings.Date(Today), (await hotel.GetJsonAsync("/api/lodging/stays")).EnumerateArray()
            .Single(s => s.GetProperty("passportNumber").GetString() == registered).GetProperty("checkedOutOn").GetString());

        // A file without the header line is refused as a whole.
        var headless = await hotel.PostAsync("/api/lodging/stays/csv", new StringContent($"{unknown},AUS,302,{Lodgings.Date(Today)}", Encoding.UTF8, "text/csv"));
        Assert.Equal(["file"], (await headless.ProblemAsync(400)).ErrorFields());
    }
    [Fact]
    public async Task A_csv_field_in_quotes_may_hold_a_line_break_and_the_lines_after_it_keep_their_numbers()
    {
        var (hotel, _, _) = await app.VerifiedLodgingAsync(name: "Hotel Multiline");
        var passport = People.NextPassport();
        var csv = string.Join("\r\n",
            "passportNumber;nationality;guestName;room;checkIn",                    // line 1
            $"{passport};AUS;\"Smith;\nJohn \"\"Jack\"\"\";12;{Lodgings.Date(Today)}", // lines 2-3: one guest
            $"12;AUS;;14;{Lodgings.Date(Today)}");                                    // line 4: bad passport
        var upload = await hotel.PostAsync("/api/lodging/stays/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var result = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(upload.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.Equal(2, result.GetProperty("lines").GetInt32());
        Assert.Equal(1, result.GetProperty("checkedIn").GetInt32());
        Assert.Equal([(4, "passportNumber")], result.GetProperty("rejected").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList());
        var stay = (await hotel.GetJsonAsync("/api/lodging/stays")).EnumerateArray().Single();
        Assert.Equal(passport, stay.GetProperty("passportNumber").GetString());
        Assert.Equal("12", stay.GetProperty("room").GetString());
        Assert.Equal("Smith; John \"Jack\"", stay.GetProperty("guestName").GetString()); // the line break folded like any space
    }
}
