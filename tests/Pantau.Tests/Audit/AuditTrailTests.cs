using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Audit;

public sealed class AuditTrailTests(KestrelPantauApp app) : IClassFixture<KestrelPantauApp>
{
    private static async Task<List<JsonElement>> EntriesAsync(HttpClient client, string record) =>
        (await client.GetJsonAsync($"/api/audit?record={record}&pageSize=500")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Every_read_and_write_of_a_person_is_recorded_with_who_what_why_and_where_from()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var person = await officer.RegisterAsync(People.Registration());
        var id = person.GetProperty("id").GetString()!;
        await officer.GetJsonAsync($"/api/foreigners/{id}?purpose={Uri.EscapeDataString("cek laporan 17")}");
        await officer.GetJsonAsync($"/api/foreigners?query={person.GetProperty("passports")[0].GetProperty("number").GetString()}");

        var admin = await app.LoginAsync("admin@pantau.test");
        var entries = await EntriesAsync(admin, id);
        Assert.Equal(["search", "read", "create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("petugas.jaksel@pantau.test", e.GetProperty("actor").GetString()));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("clientAddress").GetString())));
        Assert.Equal("cek laporan 17", entries[1].GetProperty("purpose").GetString());
        Assert.Contains(id, entries[0].GetProperty("recordIds").EnumerateArray().Select(x => x.GetString()));
        Assert.True(entries[0].GetProperty("sequence").GetInt64() > entries[1].GetProperty("sequence").GetInt64());
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task An_office_head_reads_the_office_trail_and_nothing_of_other_offices()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var tangerangPerson = (await admin.RegisterAsync(People.Registration(village: People.TangerangVillage))).GetProperty("id").GetString()!;
        var jakselOfficer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var jakselPerson = (await jakselOfficer.RegisterAsync(People.Registration())).GetProperty("id").GetString()!;

        var head = await app.LoginAsync("kepala.tangerang@pantau.test");
        Assert.NotEmpty(await EntriesAsync(head, tangerangPerson)); // the national admin's work on a Tangerang record
        Assert.Empty(await EntriesAsync(head, jakselPerson));
        Assert.NotEmpty(await EntriesAsync(admin, jakselPerson));
    }

    [Fact]
    public async Task Concurrent_reads_keep_one_unbroken_chain()
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var id = (await officer.RegisterAsync(People.Registration())).GetProperty("id").GetString();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => officer.GetAsync($"/api/foreigners/{id}")));
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.Equal(40, (await EntriesAsync(admin, id!)).Count(e => e.GetProperty("action").GetString() == "read"));
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }
}

/// <summary>
/// Each instance remembers the head it last wrote; another instance on the same database (PostgreSQL, or the same
/// SQLite file) moves it behind its back, and the chain must still be one.
/// </summary>
public sealed class AuditSeveralInstancesTests
{
    [Fact]
    public async Task Two_instances_on_one_database_append_to_one_unbroken_chain()
    {
        using var first = new PantauApp();
        var onFirst = await first.LoginAsync("petugas.jaksel@pantau.test");
        var id = (await onFirst.RegisterAsync(People.Registration())).GetProperty("id").GetString();
        using var second = new SecondInstance(first.ConnectionString);
        var onSecond = await second.LoginAsync("petugas.jaksel@pantau.test");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync($"/api/foreigners/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync($"/api/foreigners/{id}")).StatusCode);
        }
        var together = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? onFirst : onSecond).GetAsync($"/api/foreigners/{id}")));
        Assert.All(together, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await onSecond.RegisterAsync(People.Registration()); // a write, chained in the writer's own transaction
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync($"/api/foreigners/{id}")).StatusCode);

        var verify = await (await first.LoginAsync("admin@pantau.test")).GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(1 + 6 + 20 + 1 + 1, verify.GetProperty("entries").GetInt64());
    }
}

/// <summary>Someone with database access edits the trail behind the app's back; verify must name where.</summary>
public sealed class AuditTamperTests
{
    private static async Task<(PantauApp App, HttpClient Admin)> TrailOfAsync(int reads)
    {
        var app = new PantauApp();
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var id = (await officer.RegisterAsync(People.Registration())).GetProperty("id").GetString();
        for (var i = 0; i < reads; i++) await officer.GetJsonAsync($"/api/foreigners/{id}");
        var admin = await app.LoginAsync("admin@pantau.test");
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(reads + 1, verify.GetProperty("entries").GetInt64());
        return (app, admin);
    }

    private static Task Sql(PantauApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private static async Task AssertBrokenAt(HttpClient admin, long sequence)
    {
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.False(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(sequence, verify.GetProperty("firstBrokenAt").GetInt64());
    }

    [Fact]
    public async Task A_changed_entry_is_found()
    {
        var (app, admin) = await TrailOfAsync(5);
        using var _ = app;
        await Sql(app, """UPDATE "AuditEntries" SET "Purpose" = 'nothing to see' WHERE "Sequence" = 3""");
        await AssertBrokenAt(admin, 3);
    }

    [Fact]
    public async Task A_changed_entry_with_a_recomputed_plain_hash_is_still_found()
    {
        var (app, admin) = await TrailOfAsync(3);
        using var _ = app;
        // Changing the actor, hashing the entry's fields again (SHA-256, as a chain without a key would) and pasting
        // that hash into the entry and into the next entry's PreviousHash does not help without the chain key.
        const string actor = "someone.else@pantau.test";
        var e = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == 2));
        var content = string.Join('\u001f', e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture), e.ActorId?.ToString() ?? "", actor,
            e.ActorOfficeId?.ToString(CultureInfo.InvariantCulture) ?? "", e.Action, e.RecordType, e.RecordIds, e.RecordOffices, e.Purpose,
            e.ClientAddress ?? "", e.PreviousHash);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        Assert.NotEqual(e.Hash, hash);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Actor" = {actor}, "Hash" = {hash} WHERE "Sequence" = 2"""));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "PreviousHash" = {hash} WHERE "Sequence" = 3"""));
        await AssertBrokenAt(admin, 2);
    }

    [Fact]
    public async Task A_removed_entry_is_found()
    {
        var (app, admin) = await TrailOfAsync(5);
        using var _ = app;
        await Sql(app, """DELETE FROM "AuditEntries" WHERE "Sequence" = 4""");
        await AssertBrokenAt(admin, 5);
    }

    [Fact]
    public async Task Removing_the_newest_entry_is_found()
    {
        var (app, admin) = await TrailOfAsync(4);
        using var _ = app;
        await Sql(app, """DELETE FROM "AuditEntries" WHERE "Sequence" = 5""");
        await AssertBrokenAt(admin, 5);
    }

    [Fact]
    public async Task An_inserted_entry_is_found()
    {
        var (app, admin) = await TrailOfAsync(3);
        using var _ = app;
        await Sql(app, """
            INSERT INTO "AuditEntries" ("Sequence", "At", "Actor", "Action", "RecordType", "RecordIds", "RecordOffices", "Purpose", "PreviousHash", "Hash")
            SELECT 5, "At", 'ghost', 'read', 'foreigner', '', ',,', 'inserted', "Hash", "Hash" FROM "AuditEntries" WHERE "Sequence" = 4
            """);
        await AssertBrokenAt(admin, 5);
    }

    [Fact]
    public async Task An_entry_swapped_for_a_copy_of_another_is_found()
    {
        var (app, admin) = await TrailOfAsync(4);
        using var _ = app;
        await Sql(app, """DELETE FROM "AuditEntries" WHERE "Sequence" = 3""");
        await Sql(app, """
            INSERT INTO "AuditEntries" ("Sequence", "At", "ActorId", "Actor", "ActorOfficeId", "Action", "RecordType", "RecordIds", "RecordOffices", "Purpose", "ClientAddress", "PreviousHash", "Hash")
            SELECT 3, "At", "ActorId", "Actor", "ActorOfficeId", "Action", "RecordType", "RecordIds", "RecordOffices", "Purpose", "ClientAddress", "PreviousHash", "Hash"
            FROM "AuditEntries" WHERE "Sequence" = 2
            """);
        await AssertBrokenAt(admin, 3);
    }
}
