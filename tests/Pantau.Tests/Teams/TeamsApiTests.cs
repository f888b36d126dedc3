using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Teams;

namespace Pantau.Tests.Teams;

/// <summary>TIMPORA teams and the duty roster through the API, as office admins, officers and the national admin use them.</summary>
public sealed class TeamsApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string TangerangAdmin = "admin.tangerang@pantau.test";
    private const string TangerangOfficer = "petugas.tangerang@pantau.test";

    private static string NewName(string prefix = "TIMPORA") => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<int> OfficeIdAsync(string code)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        return (await admin.GetJsonAsync("/api/offices")).EnumerateArray().Single(o => o.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();
    }

    private async Task<Guid> AccountIdAsync(string email) =>
        (await (await app.LoginAsync(email)).GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> NewTeamAsync(HttpClient admin, object? members = null, int? officeId = null) =>
        await CreatedAsync(await admin.PostAsJsonAsync("/api/teams", new { officeId, name = NewName(), members = members ?? Array.Empty<object>() }));

    private static Task<HttpResponseMessage> AddShiftAsync(HttpClient admin, int teamId, DateTime startsAt, DateTime endsAt) =>
        admin.PostAsJsonAsync("/api/roster", new { teamId, startsAt, endsAt });

    private static DateTime Day(int daysAhead) => DateTime.UtcNow.Date.AddDays(daysAhead);

    [Fact]
    public async Task An_office_admin_makes_a_team_of_an_officer_and_a_police_member_that_officers_of_the_office_read()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var officerId = await AccountIdAsync(TangerangOfficer);
        var name = NewName();
        var team = await CreatedAsync(await admin.PostAsJsonAsync("/api/teams", new
        {
            name,
            members = new object[]
            {
                new { staffUserId = officerId },
                new { name = "Aipda Joko Susilo", agency = "Police" },
            },
        }));
        Assert.Equal(await OfficeIdAsync("KANIM-TANGERANG"), team.GetProperty("officeId").GetInt32());
        Assert.True(team.GetProperty("active").GetBoolean());

        var officer = await app.LoginAsync(TangerangOfficer);
        var read = await officer.GetJsonAsync($"/api/teams/{team.GetProperty("id")}");
        Assert.Equal(name, read.GetProperty("name").GetString());
        var members = read.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(2, members.Count);
        var immigration = Assert.Single(members, m => m.GetProperty("agency").GetString() == "Immigration");
        Assert.Equal(officerId, immigration.GetProperty("staffUserId").GetGuid());
        Assert.Equal("Petugas Kanim Tangerang", immigration.GetProperty("name").GetString());
        var police = Assert.Single(members, m => m.GetProperty("agency").GetString() == "Police");
        Assert.Equal("Aipda Joko Susilo", police.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, police.GetProperty("staffUserId").ValueKind);

        var list = await officer.GetJsonAsync("/api/teams");
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        // The officer is on this team now, and dispatch can ask for it.
        var teamsOfOfficer = await app.WithDbAsync(db => DutyRoster.TeamsOfAsync(db, officerId, CancellationToken.None));
        Assert.Contains(team.GetProperty("id").GetInt32(), teamsOfOfficer);
    }

    [Fact]
    public async Task A_team_name_is_required_at_most_100_characters_and_unique_in_its_office()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        Assert.Contains("name", (await (await admin.PostAsJsonAsync("/api/teams", new { name = "  " })).ProblemAsync(400)).ErrorFields());
        Assert.Contains("name", (await (await admin.PostAsJsonAsync("/api/teams", new { name = new string('x', 101) })).ProblemAsync(400)).ErrorFields());

        var name = NewName();
        await CreatedAsync(await admin.PostAsJsonAsync("/api/teams", new { name }));
        var twice = await (await admin.PostAsJsonAsync("/api/teams", new { name = name.ToUpperInvariant() })).ProblemAsync(400);
        Assert.Equal(["name"], twice.ErrorFields());

        // Another office may use the same name.
        var national = await app.LoginAsync("admin@pantau.test");
        await CreatedAsync(await national.PostAsJsonAsync("/api/teams", new { officeId = await OfficeIdAsync("KANIM-JAKSEL"), name }));
    }

    [Fact]
    public async Task The_national_admin_names_the_office_and_an_office_admin_stays_in_their_own()
    {
        var national = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(["officeId"], (await (await national.PostAsJsonAsync("/api/teams", new { name = NewName() })).ProblemAsync(400)).ErrorFields());
        Assert.Equal(["officeId"], (await (await national.PostAsJsonAsync("/api/teams", new { officeId = 987654, name = NewName() })).ProblemAsync(400)).ErrorFields());

        var admin = await app.LoginAsync(TangerangAdmin);
        var jaksel = await OfficeIdAsync("KANIM-JAKSEL");
        Assert.Equal(["officeId"], (await (await admin.PostAsJsonAsync("/api/teams", new { officeId = jaksel, name = NewName() })).ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task A_member_is_an_officer_or_head_of_the_office_or_an_outsider_with_name_and_agency()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var jakselOfficer = await AccountIdAsync("petugas.jaksel@pantau.test");
        var tangerangAdmin = await AccountIdAsync(TangerangAdmin);
        var head = await AccountIdAsync("kepala.tangerang@pantau.test");
        var response = await admin.PostAsJsonAsync("/api/teams", new
        {
            name = NewName(),
            members = new object[]
            {
                new { staffUserId = head },                      // fine: the office head
                new { staffUserId = jakselOfficer },             // another office's officer
                new { staffUserId = tangerangAdmin },            // an admin is not a field member
                new { name = "Serka Andi" },                     // no agency
                new { agency = "Military" },                     // no name
                new { staffUserId = head },                      // twice
            },
        });
        var problem = await response.ProblemAsync(400);
        Assert.Equal(["members[1].staffUserId", "members[2].staffUserId", "members[3].agency", "members[4].name", "members[5].staffUserId"],
            problem.ErrorFields().Order().ToArray());
        // Nothing half-written: no team of that request exists.
        var teams = await admin.GetJsonAsync("/api/teams");
        Assert.DoesNotContain(teams.EnumerateArray(), t => t.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "Serka Andi"));
    }

    [Fact]
    public async Task A_partner_member_may_be_linked_to_a_partner_account_of_the_office_and_then_sees_the_team_as_theirs()
    {
        var national = await app.LoginAsync("admin@pantau.test");
        var jaksel = await OfficeIdAsync("KANIM-JAKSEL");
        var polsek = await AccountIdAsync("polsek.setiabudi@pantau.test");
        var noAgency = await national.PostAsJsonAsync("/api/teams", new { officeId = jaksel, name = NewName(), members = new object[] { new { staffUserId = polsek } } });
        Assert.Equal(["members[0].agency"], (await noAgency.ProblemAsync(400)).ErrorFields());
        // Not in Kanim Tangerang, whose partner it is not.
        var elsewhere = await national.PostAsJsonAsync("/api/teams", new
        {
            officeId = await OfficeIdAsync("KANIM-TANGERANG"), name = NewName(), members = new object[] { new { staffUserId = polsek, agency = "Police" } },
        });
        Assert.Equal(["members[0].staffUserId"], (await elsewhere.ProblemAsync(400)).ErrorFields());

        var team = await NewTeamAsync(national, new object[] { new { staffUserId = polsek, agency = "Police" } }, jaksel);
        var member = team.GetProperty("members")[0];
        Assert.Equal("Polsek Setiabudi", member.GetProperty("name").GetString());
        Assert.Equal("Police", member.GetProperty("agency").GetString());
        Assert.Contains(team.GetProperty("id").GetInt32(), await app.WithDbAsync(db => DutyRoster.TeamsOfAsync(db, polsek, CancellationToken.None)));
    }

    [Fact]
    public async Task Updating_a_team_changes_its_name_members_and_activity_and_keeps_the_members_who_stay()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var officerId = await AccountIdAsync(TangerangOfficer);
        var team = await NewTeamAsync(admin, new object[] { new { staffUserId = officerId }, new { name = "Bripka Rina", agency = "Police" } });
        var id = team.GetProperty("id").GetInt32();
        var officerMember = team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("agency").GetString() == "Immigration").GetProperty("id").GetInt64();

        var renamed = NewName("Tim Malam");
        var response = await admin.PutAsJsonAsync($"/api/teams/{id}", new
        {
            name = renamed,
            active = false,
            members = new object[] { new { staffUserId = officerId }, new { name = "Serka Dedi", agency = "Military" } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await admin.GetJsonAsync($"/api/teams/{id}");
        Assert.Equal(renamed, updated.GetProperty("name").GetString());
        Assert.False(updated.GetProperty("active").GetBoolean());
        var members = updated.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["Military", "Immigration"], members.Select(m => m.GetProperty("agency").GetString()!).OrderDescending().ToArray());
        Assert.Equal(officerMember, members.Single(m => m.GetProperty("agency").GetString() == "Immigration").GetProperty("id").GetInt64());

        // An inactive team is no one's team for dispatch, and takes no shifts.
        Assert.DoesNotContain(id, await app.WithDbAsync(db => DutyRoster.TeamsOfAsync(db, officerId, CancellationToken.None)));
        Assert.Contains("teamId", (await (await AddShiftAsync(admin, id, Day(3), Day(3).AddHours(8))).ProblemAsync(400)).ErrorFields());

        // A bad update changes nothing.
        var bad = await admin.PutAsJsonAsync($"/api/teams/{id}", new { name = "Sah", active = true, members = new object[] { new { name = "Tanpa Instansi" } } });
        Assert.Equal(["members[0].agency"], (await bad.ProblemAsync(400)).ErrorFields());
        var after = await admin.GetJsonAsync($"/api/teams/{id}");
        Assert.Equal(renamed, after.GetProperty("name").GetString());
        Assert.False(after.GetProperty("active").GetBoolean());
        Assert.Equal(2, after.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_shift_ends_after_it_starts_lasts_at_most_a_day_and_does_not_overlap_the_teams_other_shifts()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var id = (await NewTeamAsync(admin)).GetProperty("id").GetInt32();
        var day = Day(20);

        Assert.Equal(["endsAt"], (await (await AddShiftAsync(admin, id, day.AddHours(8), day.AddHours(8))).ProblemAsync(400)).ErrorFields());
        Assert.Equal(["endsAt"], (await (await AddShiftAsync(admin, id, day.AddHours(8), day.AddHours(32).AddMinutes(1))).ProblemAsync(400)).ErrorFields());
        Assert.Equal(["endsAt", "startsAt"], (await (await admin.PostAsJsonAsync("/api/roster", new { teamId = id })).ProblemAsync(400)).ErrorFields().Order().ToArray());

        var first = await CreatedAsync(await AddShiftAsync(admin, id, day.AddHours(8), day.AddHours(16)));
        // A handover (one ends as the next starts) is not an overlap; a whole day is allowed.
        await CreatedAsync(await AddShiftAsync(admin, id, day.AddHours(16), day.AddHours(40)));
        await CreatedAsync(await AddShiftAsync(admin, id, day, day.AddHours(8)));

        var clash = await (await AddShiftAsync(admin, id, day.AddHours(12), day.AddHours(14))).ProblemAsync(400);
        Assert.Equal(["startsAt"], clash.ErrorFields());
        var message = clash.GetProperty("errors").GetProperty("startsAt")[0].GetString()!;
        Assert.Contains($"shift {first.GetProperty("id")}", message);
        Assert.Contains($"{day:yyyy-MM-dd} 15:00 WIB", message); // on the office's clock

        // Another team may be on duty at the same time. A time with an offset is taken in UTC.
        var other = (await NewTeamAsync(admin)).GetProperty("id").GetInt32();
        var wib = await CreatedAsync(await admin.PostAsJsonAsync("/api/roster", new { teamId = other, startsAt = $"{day:yyyy-MM-dd}T19:00:00+07:00", endsAt = $"{day:yyyy-MM-dd}T23:00:00+07:00" }));
        Assert.Equal(day.AddHours(12), wib.GetProperty("startsAt").GetDateTime().ToUniversalTime());

        var roster = await admin.GetJsonAsync($"/api/roster?date={day:yyyy-MM-dd}");
        Assert.Equal(4, roster.GetProperty("shifts").EnumerateArray().Count(s => s.GetProperty("teamId").GetInt32() is var t && (t == id || t == other)));
    }

    [Fact]
    public async Task Of_overlapping_shifts_added_at_once_exactly_one_is_kept()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var id = (await NewTeamAsync(admin)).GetProperty("id").GetInt32();
        var day = Day(35);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => AddShiftAsync(admin, id, day.AddHours(8 + i), day.AddHours(16 + i))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        var roster = await admin.GetJsonAsync($"/api/roster?date={day:yyyy-MM-dd}");
        Assert.Single(roster.GetProperty("shifts").EnumerateArray(), s => s.GetProperty("teamId").GetInt32() == id);
    }

    [Fact]
    public async Task The_roster_of_a_day_lists_the_shifts_that_overlap_it_and_a_shift_can_be_removed()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var id = (await NewTeamAsync(admin)).GetProperty("id").GetInt32();
        var day = Day(25);
        var wib = day.AddHours(-7); // the day on the office's clock (WIB) starts at 17:00 UTC the day before
        var overnight = await CreatedAsync(await AddShiftAsync(admin, id, wib.AddHours(-4), wib.AddHours(4)));
        var late = await CreatedAsync(await AddShiftAsync(admin, id, wib.AddHours(20), wib.AddHours(28)));
        await CreatedAsync(await AddShiftAsync(admin, id, wib.AddDays(1).AddHours(4), wib.AddDays(1).AddHours(12)));

        var officer = await app.LoginAsync(TangerangOfficer);
        var roster = await officer.GetJsonAsync($"/api/roster?date={day:yyyy-MM-dd}");
        Assert.Equal($"{day:yyyy-MM-dd}", roster.GetProperty("date").GetString());
        var ours = roster.GetProperty("shifts").EnumerateArray().Where(s => s.GetProperty("teamId").GetInt32() == id).Select(s => s.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([overnight.GetProperty("id").GetInt64(), late.GetProperty("id").GetInt64()], ours);

        Assert.Equal(["date"], (await (await officer.GetAsync("/api/roster?date=25-12-2026")).ProblemAsync(400)).ErrorFields());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.DeleteAsync($"/api/roster/{late.GetProperty("id")}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/roster/{late.GetProperty("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/roster/{late.GetProperty("id")}")).StatusCode);
        roster = await officer.GetJsonAsync($"/api/roster?date={day:yyyy-MM-dd}");
        Assert.Single(roster.GetProperty("shifts").EnumerateArray(), s => s.GetProperty("teamId").GetInt32() == id);
    }

    [Fact]
    public async Task A_team_is_on_duty_while_a_shift_of_it_covers_now()
    {
        var admin = await app.LoginAsync(TangerangAdmin);
        var officer = await app.LoginAsync(TangerangOfficer);
        var id = (await NewTeamAsync(admin)).GetProperty("id").GetInt32();
        var office = await OfficeIdAsync("KANIM-TANGERANG");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddHours(2);
        await CreatedAsync(await AddShiftAsync(admin, id, start, start.AddHours(4)));

        async Task<bool> OnDutyAsync() => (await officer.GetJsonAsync($"/api/teams/{id}")).GetProperty("onDuty").GetBoolean();
        Assert.False(await OnDutyAsync());
        Assert.False(await app.WithDbAsync(db => DutyRoster.IsOnDutyAsync(db, id, now, CancellationToken.None)));
        try
        {
            app.Clock.Offset = TimeSpan.FromHours(3);
            Assert.True(await OnDutyAsync());
            Assert.Contains((await officer.GetJsonAsync("/api/teams")).EnumerateArray(), t => t.GetProperty("id").GetInt32() == id && t.GetProperty("onDuty").GetBoolean());
            var day = await officer.GetJsonAsync($"/api/roster?date={start.AddHours(7):yyyy-MM-dd}"); // the day in WIB
            Assert.True(day.GetProperty("shifts").EnumerateArray().Single(s => s.GetProperty("teamId").GetInt32() == id).GetProperty("onDuty").GetBoolean());
            app.Clock.Offset = TimeSpan.FromHours(6).Add(TimeSpan.FromMinutes(1));
            Assert.False(await OnDutyAsync());
        }
        finally { app.Clock.Offset = TimeSpan.Zero; }

        Assert.True(await app.WithDbAsync(db => DutyRoster.IsOnDutyAsync(db, id, start, CancellationToken.None)));
        Assert.False(await app.WithDbAsync(db => DutyRoster.IsOnDutyAsync(db, id, start.AddHours(4), CancellationToken.None)));
        Assert.Contains(id, await app.WithDbAsync(db => DutyRoster.OnDutyTeamsAsync(db, office, start.AddHours(1), CancellationToken.None)));
        var jaksel = await OfficeIdAsync("KANIM-JAKSEL");
        Assert.DoesNotContain(id, await app.WithDbAsync(db => DutyRoster.OnDutyTeamsAsync(db, jaksel, start.AddHours(1), CancellationToken.None)));

        // Deactivated, it is off duty even in its shift.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/teams/{id}", new { active = false })).StatusCode);
        Assert.False(await app.WithDbAsync(db => DutyRoster.IsOnDutyAsync(db, id, start.AddHours(1), CancellationToken.None)));
        Assert.DoesNotContain(id, await app.WithDbAsync(db => DutyRoster.OnDutyTeamsAsync(db, office, start.AddHours(1), CancellationToken.None)));
    }

    [Fact]
    public async Task Another_offices_teams_and_shifts_do_not_exist_for_office_staff()
    {
        var national = await app.LoginAsync("admin@pantau.test");
        var jaksel = await OfficeIdAsync("KANIM-JAKSEL");
        var team = await NewTeamAsync(national, officeId: jaksel);
        var id = team.GetProperty("id").GetInt32();
        var day = Day(30);
        var shift = await CreatedAsync(await AddShiftAsync(national, id, day.AddHours(8), day.AddHours(16)));

        var admin = await app.LoginAsync(TangerangAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/teams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/teams/{id}", new { name = "Diambil alih" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AddShiftAsync(admin, id, day.AddDays(1), day.AddDays(1).AddHours(8))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/roster/{shift.GetProperty("id")}")).StatusCode);
        Assert.DoesNotContain((await admin.GetJsonAsync("/api/teams")).EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);
        Assert.DoesNotContain((await admin.GetJsonAsync($"/api/teams?officeId={jaksel}")).EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);
        var roster = await admin.GetJsonAsync($"/api/roster?date={day:yyyy-MM-dd}&officeId={jaksel}");
        Assert.Empty(roster.GetProperty("shifts").EnumerateArray());

        // Their own office's officer reads it; the national admin sees both offices' days.
        var jakselOfficer = await app.LoginAsync("petugas.jaksel@pantau.test");
        Assert.Equal(HttpStatusCode.OK, (await jakselOfficer.GetAsync($"/api/teams/{id}")).StatusCode);
        var all = await national.GetJsonAsync($"/api/roster?date={day:yyyy-MM-dd}&officeId={jaksel}");
        Assert.Single(all.GetProperty("shifts").EnumerateArray(), s => s.GetProperty("teamId").GetInt32() == id);
    }

    [Fact]
    public async Task The_demo_office_tangerang_has_a_team_on_duty_now()
    {
        var officer = await app.LoginAsync(TangerangOfficer);
        var teams = (await officer.GetJsonAsync("/api/teams")).EnumerateArray().ToList();
        Assert.Contains(teams, t => t.GetProperty("name").GetString() == "TIMPORA Tangerang 1"
            && t.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("agency").GetString() == "Police"));
        Assert.Contains(teams, t => t.GetProperty("name").GetString() == "TIMPORA Tangerang 2");
        Assert.Contains(teams, t => t.GetProperty("onDuty").GetBoolean());
    }
}
