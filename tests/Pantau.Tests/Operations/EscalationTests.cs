using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Operations;

/// <summary>
/// No dead ends (issue 17, point 3): a report its office cannot act on goes up to the regional division (or, in a
/// province without one, the national desk), the reporter is told the truth, and the one above hands it to an office of
/// its area that can act. The demo's Kanim Tangerang Selatan has no staff account; Kanim Tangerang has staff but, in a
/// fresh database, no team.
/// </summary>
public sealed class EscalationTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public async Task A_report_for_an_office_without_staff_goes_up_to_the_kanwil_which_hands_it_to_an_office_with_staff()
    {
        var client = app.CreateClient();
        var phone = NewPhone();
        var receipt = await SubmittedAsync(client, Form("Overstay", village: "36.74.01.1001", lat: null, lon: null), await VerifyPhoneAsync(client, phone));
        var id = receipt.GetProperty("id").GetString()!;
        var ticket = receipt.GetProperty("ticket").GetString()!;
        // The receipt and the text message say where it went, not that officers of Tangerang Selatan have it.
        Assert.Equal("Verified", receipt.GetProperty("status").GetString());
        var notice = receipt.GetProperty("notice").GetString()!;
        Assert.Contains("Kantor Imigrasi Tangerang Selatan belum memiliki petugas", notice);
        Assert.Contains("Kantor Wilayah (Kanwil) provinsi BANTEN", notice, StringComparison.OrdinalIgnoreCase);
        var told = Assert.Single(await OutboxAsync(app, phone), m => m.Contains(ticket));
        Assert.Contains("Kanwil", told);
        Assert.DoesNotContain("diteruskan ke petugas imigrasi", told);

        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var (tangerang, tangsel, jaksel) = (await OfficeIdAsync(officer, "KANIM-TANGERANG"), await OfficeIdAsync(officer, "KANIM-TANGSEL"),
            await OfficeIdAsync(officer, "KANIM-JAKSEL"));
        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var overview = await kanwil.GetJsonAsync("/api/operations/overview");
        var listed = overview.GetProperty("reports").EnumerateArray().ToList();
        var item = Assert.Single(listed, r => r.GetProperty("ticket").GetString() == ticket);
        Assert.Equal("OfficeWithoutStaff", item.GetProperty("escalation").GetString());
        // What waits for the division comes first, and its office's load counts it.
        Assert.Equal("OfficeWithoutStaff", listed[0].GetProperty("escalation").GetString());
        var load = overview.GetProperty("offices").EnumerateArray().Single(o => o.GetProperty("officeId").GetInt32() == tangsel);
        Assert.Equal(listed.Count(r => r.GetProperty("officeId").GetInt32() == tangsel && r.GetProperty("escalation").ValueKind == JsonValueKind.String),
            load.GetProperty("escalated").GetInt32());

        // Not to an office of another province, nor to one with nobody to read it (400 naming the field); no change.
        await AssertProblemAsync(await kanwil.PostAsJsonAsync($"/api/operations/escalations/{id}/forward", new { forwardTo = jaksel }), "forwardTo");
        await AssertProblemAsync(await kanwil.PostAsJsonAsync($"/api/operations/escalations/{id}/forward", new { forwardTo = tangsel }), "forwardTo");
        await AssertProblemAsync(await kanwil.PostAsJsonAsync($"/api/operations/escalations/{id}/forward", new { }), "forwardTo");
        await AssertProblemAsync(await kanwil.PostAsJsonAsync($"/api/operations/escalations/{id}/forward", new { forwardTo = tangerang, note = new string('x', 501) }), "note");

        var handed = await PostOkAsync(kanwil, $"/api/operations/escalations/{id}/forward", new { forwardTo = tangerang, note = "Wilayah berdekatan." });
        Assert.Equal(tangerang, handed.GetProperty("officeId").GetInt32());
        Assert.Equal(JsonValueKind.Null, handed.GetProperty("escalation").ValueKind);
        // Tangerang's officers have it now, as a report to triage; the reporter is told who.
        var mine = await officer.GetJsonAsync($"/api/reports/{id}");
        Assert.Equal("Verified", mine.GetProperty("status").GetString());
        Assert.Contains(await OutboxAsync(app, phone), m => m.Contains(ticket) && m.Contains("Diserahkan kepada Kantor Imigrasi Tangerang"));
        // Handed over once: again is a conflict, not a second hand-over.
        Assert.Equal(HttpStatusCode.Conflict, (await kanwil.PostAsJsonAsync($"/api/operations/escalations/{id}/forward", new { forwardTo = tangerang })).StatusCode);
    }

    [Fact]
    public async Task An_office_without_a_team_escalates_an_accepted_report_and_acting_on_it_itself_ends_the_wait()
    {
        var reported = await ReportAsync(app, village: "36.71.01.1006");
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        await TriageAsync(officer, reported.Id, new { action = "Accept" });
        var escalated = await TriageAsync(officer, reported.Id, new { action = "Escalate", note = "Belum ada tim TIMPORA." });
        Assert.Equal("Accepted", escalated.GetProperty("status").GetString());
        Assert.Contains(await OutboxAsync(app, reported.Phone), m => m.Contains(reported.Ticket) && m.Contains("Kantor Wilayah (Kanwil) provinsi"));
        // Once is enough.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/reports/{reported.Id}/triage", new { action = "Escalate" })).StatusCode);

        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        Assert.Equal("OfficeAsked", Item(await kanwil.GetJsonAsync("/api/operations/overview"), reported.Ticket).GetProperty("escalation").GetString());

        // A team is found after all: the office sends it, and the report waits for nobody above any more.
        await PostOkAsync(officer, $"/api/reports/{reported.Id}/assign", new { teamId = await TeamOnDutyAsync(app) });
        Assert.Equal(JsonValueKind.Null, Item(await kanwil.GetJsonAsync("/api/operations/overview"), reported.Ticket).GetProperty("escalation").ValueKind);
        var tangerang = await OfficeIdAsync(officer, "KANIM-TANGERANG");
        Assert.Equal(HttpStatusCode.Conflict, (await kanwil.PostAsJsonAsync($"/api/operations/escalations/{reported.Id}/forward", new { forwardTo = tangerang })).StatusCode);
    }

    [Fact]
    public async Task Passed_on_to_an_office_without_staff_a_report_goes_up_at_once()
    {
        var reported = await ReportAsync(app, village: "36.71.01.1002");
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var tangsel = await OfficeIdAsync(officer, "KANIM-TANGSEL");
        await TriageAsync(officer, reported.Id, new { action = "Reject", reason = "OutsideJurisdiction", forwardTo = tangsel });
        var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
        var item = Item(await kanwil.GetJsonAsync("/api/operations/overview"), reported.Ticket);
        Assert.Equal(tangsel, item.GetProperty("officeId").GetInt32());
        Assert.Equal("OfficeWithoutStaff", item.GetProperty("escalation").GetString());
        Assert.Contains(await OutboxAsync(app, reported.Phone), m => m.Contains(reported.Ticket) && m.Contains("belum memiliki petugas"));
    }

    [Fact]
    public async Task In_a_province_without_a_regional_division_the_national_desk_is_told_and_only_it_can_hand_over()
    {
        // Jakarta has no regional division account; its office loses its staff.
        var admin = await app.LoginAsync("admin@pantau.test");
        foreach (var account in (await admin.GetJsonAsync("/api/accounts")).EnumerateArray()
                     .Where(a => a.GetProperty("email").GetString() is "petugas.jaksel@pantau.test" or "kepala.jaksel@pantau.test"))
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/accounts/{account.GetProperty("id").GetString()}/disable", null)).StatusCode);
        try
        {
            var client = app.CreateClient();
            var receipt = await SubmittedAsync(client, Form("Overstay", village: "31.74.01.1001", lat: null, lon: null), await VerifyPhoneAsync(client, NewPhone()));
            Assert.Contains("Direktorat Jenderal Imigrasi", receipt.GetProperty("notice").GetString());
            var id = receipt.GetProperty("id").GetString()!;
            // Banten's division does not see it, nor can it hand it over.
            var kanwil = await app.LoginAsync("kanwil.banten@pantau.test");
            Assert.Equal(HttpStatusCode.NotFound, (await kanwil.PostAsJsonAsync($"/api/operations/escalations/{id}/forward", new { forwardTo = 1 })).StatusCode);
            Assert.Equal("OfficeWithoutStaff", Item(await admin.GetJsonAsync("/api/operations/overview"), receipt.GetProperty("ticket").GetString()!)
                .GetProperty("escalation").GetString());
        }
        finally
        {
            foreach (var account in (await admin.GetJsonAsync("/api/accounts")).EnumerateArray()
                         .Where(a => a.GetProperty("email").GetString() is "petugas.jaksel@pantau.test" or "kepala.jaksel@pantau.test"))
                await admin.PostAsync($"/api/accounts/{account.GetProperty("id").GetString()}/enable", null);
        }
    }

    private static JsonElement Item(JsonElement overview, string ticket) =>
        overview.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("ticket").GetString() == ticket);

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
