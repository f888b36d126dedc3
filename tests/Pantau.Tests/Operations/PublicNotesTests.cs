using System.Net.Http.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

/// <summary>
/// What officers write for themselves stays inside immigration: the reporter and the public (the status page by key or
/// ticket, the public API, Open311 and the text messages) see the system's standard words or what an officer wrote
/// for them as a public note.
/// </summary>
public sealed class PublicNotesTests(PantauApp app) : IClassFixture<PantauApp>
{
    private const string DispatchNote = "Hubungi Bripka Andi 081298765432 di pos, target Zhang Wei";
    private const string FindingsClose = "Zhang Wei ditemukan di mess karyawan lantai 2";
    private const string TriageNote = "Pelapor tetangga Pak Budi, WNA bernama Li Ming";

    [Fact]
    public async Task Dispatch_triage_and_closing_notes_stay_inside_immigration()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var dispatched = await ReportAsync(app);
        var team = await TeamOnDutyAsync(app);
        await PostOkAsync(officer, $"/api/reports/{dispatched.Id}/assign", new { teamId = team, note = DispatchNote });
        await AssertPublicOmitsAsync(dispatched, "081298765432", "Bripka", "Zhang Wei");

        await PostOkAsync(officer, $"/api/reports/{dispatched.Id}/progress", new { step = "OnSite" });
        await PostOkAsync(officer, $"/api/reports/{dispatched.Id}/findings", new { outcome = "Warning", foreignersChecked = 1 });
        await PostOkAsync(officer, $"/api/reports/{dispatched.Id}/close", new { note = FindingsClose });
        await AssertPublicOmitsAsync(dispatched, "081298765432", "Bripka", "Zhang Wei", "mess karyawan");
        var done = await app.CreateClient().GetJsonAsync($"/api/public/reports/{dispatched.Key}");
        Assert.Equal("Orang asing yang dilaporkan telah diberi peringatan.", done.GetProperty("statusNote").GetString()); // the standard words

        var rejected = await ReportAsync(app);
        await TriageAsync(officer, rejected.Id, new { action = "Reject", reason = "FalseReport", note = TriageNote });
        await AssertPublicOmitsAsync(rejected, "Pak Budi", "Li Ming");
        Assert.Equal("Setelah diperiksa, laporan ini tidak terbukti.", (await app.CreateClient().GetJsonAsync($"/api/public/reports/{rejected.Ticket}"))
            .GetProperty("statusNote").GetString());

        // The officers keep their notes.
        var staff = (await officer.GetJsonAsync($"/api/reports/{dispatched.Id}")).ToString();
        Assert.Contains("081298765432", staff);
        Assert.Contains(FindingsClose, staff);
        Assert.Contains(TriageNote, (await officer.GetJsonAsync($"/api/reports/{rejected.Id}")).ToString());
    }

    [Fact]
    public async Task A_public_note_an_officer_writes_reaches_the_reporter_and_the_public()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var report = await ReportAsync(app);
        await TriageAsync(officer, report.Id, new { action = "Reject", reason = "NotImmigration", note = "internal", publicNote = "Silakan lapor ke Polsek Batuceper." });
        Assert.Equal("Silakan lapor ke Polsek Batuceper.", (await app.CreateClient().GetJsonAsync($"/api/public/reports/{report.Key}")).GetProperty("statusNote").GetString());
        Assert.Contains("Silakan lapor ke Polsek Batuceper.", await app.CreateClient().GetStringAsync($"/open311/v2/requests/{report.Ticket}.json"));
        Assert.Contains(await OutboxAsync(app, report.Phone), m => m.Contains("Silakan lapor ke Polsek Batuceper."));
        Assert.Contains("publicNote", (await (await officer.PostAsJsonAsync($"/api/reports/{(await ReportAsync(app)).Id}/triage",
            new { action = "Reject", reason = "NotImmigration", publicNote = new string('x', 501) })).ProblemAsync(400)).ErrorFields());
    }

    /// <summary>None of <paramref name="secrets"/> on any page or answer the reporter or the public gets.</summary>
    private async Task AssertPublicOmitsAsync(Reported report, params string[] secrets)
    {
        var client = app.CreateClient();
        var seen = new[]
        {
            (await client.GetJsonAsync($"/api/public/reports/{report.Key}")).ToString(),
            (await client.GetJsonAsync($"/api/public/reports/{report.Ticket}")).ToString(),
            await client.GetStringAsync($"/lapor/{report.Key}"),
            await client.GetStringAsync($"/lapor/{report.Ticket}"),
            await client.GetStringAsync($"/open311/v2/requests/{report.Ticket}.json"),
            await client.GetStringAsync($"/open311/v2/requests/{report.Ticket}.xml"),
            await client.GetStringAsync("/open311/v2/requests.json"),
            string.Join("\n", await OutboxAsync(app, report.Phone)),
        };
        foreach (var secret in secrets)
            Assert.All(seen, body => Assert.DoesNotContain(secret, body));
    }
}
