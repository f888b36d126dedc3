using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Audit;

namespace Pantau.Tests.Audit;

/// <summary>
/// Someone with write access to the database, but without the chain key and without the checkpoint file, shortens,
/// reorders or rewrites the trail; verify must say so (issue 12, point 3).
/// </summary>
public sealed class AuditTruncationTests
{
    private const string SecretKey = "a-secret-chain-key-that-only-the-app-holds";

    /// <summary>The app with its own settings (a secret chain key, how often it checkpoints, other instances' files).</summary>
    private sealed class App(IEnumerable<KeyValuePair<string, string?>> settings, string? connectionString = null) : PantauApp(connectionString)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => settings;
    }

    private static App Start(int checkpointEvery = 1000, string? connectionString = null, params string[] otherCheckpointFiles) => new(
    [
        new("Audit:ChainKey", SecretKey),
        new("Audit:CheckpointEveryEntries", checkpointEvery.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. otherCheckpointFiles.Select((f, i) => new KeyValuePair<string, string?>($"Audit:VerifyCheckpointPaths:{i}", f)),
    ], connectionString);

    /// <summary>A person registered and read <paramref name="reads"/> times, one entry each: entries 1 … reads + 1.</summary>
    private static async Task<(HttpClient Officer, string Person, HttpClient Admin)> TrailAsync(PantauApp app, int reads)
    {
        var officer = await app.LoginAsync("petugas.jaksel@pantau.test");
        var id = (await officer.RegisterAsync(People.Registration())).GetProperty("id").GetString()!;
        for (var i = 0; i < reads; i++) await officer.GetJsonAsync($"/api/foreigners/{id}");
        var admin = await app.LoginAsync("admin@pantau.test");
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(reads + 1, verify.GetProperty("entries").GetInt64());
        return (officer, id, admin);
    }

    private static Task Sql(PantauApp app, FormattableString sql) => app.WithDbAsync(db => db.Database.ExecuteSqlAsync(sql));

    private static async Task<(long Sequence, string Hash, string Mac)> HeadAsync(PantauApp app)
    {
        var head = await app.WithDbAsync(db => db.AuditHeads.AsNoTracking().SingleAsync());
        return (head.Sequence, head.Hash, head.Mac);
    }

    private static Task<string> HashOfAsync(PantauApp app, long sequence) =>
        app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.Sequence == sequence).Select(e => e.Hash).SingleAsync());

    private static async Task<JsonElement> AssertBrokenAt(HttpClient admin, long sequence, string reason)
    {
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.False(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(sequence, verify.GetProperty("firstBrokenAt").GetInt64());
        Assert.Equal(reason, verify.GetProperty("reason").GetString());
        return verify;
    }

    [Fact]
    public async Task Removing_the_newest_entries_and_moving_the_head_back_is_found()
    {
        using var app = Start();
        var (_, _, admin) = await TrailAsync(app, 5);
        // What one can do with SQL alone: drop entries 5 and 6, and point the head at entry 4 as if the trail ended there.
        var fourth = await HashOfAsync(app, 4);
        await Sql(app, $"""DELETE FROM "AuditEntries" WHERE "Sequence" > 4""");
        await Sql(app, $"""UPDATE "AuditHeads" SET "Sequence" = 4, "Hash" = {fourth}""");
        await AssertBrokenAt(admin, 5, "head");
    }

    [Fact]
    public async Task An_edited_head_row_is_found()
    {
        using var app = Start();
        var (_, _, admin) = await TrailAsync(app, 3);
        var head = await HeadAsync(app);
        Assert.Equal(4, head.Sequence);
        Assert.Equal(64, head.Mac.Length);
        var forged = head.Mac[..^1] + (head.Mac[^1] == '0' ? '1' : '0');
        await Sql(app, $"""UPDATE "AuditHeads" SET "Mac" = {forged}""");
        await AssertBrokenAt(admin, 5, "head");
        // An erased MAC is no better: only a head that never had an entry may lack one.
        await Sql(app, $"""UPDATE "AuditHeads" SET "Mac" = ''""");
        await AssertBrokenAt(admin, 5, "head");
    }

    [Fact]
    public async Task Rechaining_every_entry_after_an_edited_one_with_a_wrong_key_is_found()
    {
        using var app = Start();
        var (_, _, admin) = await TrailAsync(app, 5);
        // The attacker knows the scheme and uses the public development key: entry 3 says something else, and every
        // link after it, and the head with its MAC, is recomputed to match.
        var wrongKey = Encoding.UTF8.GetBytes("pantau-development-audit-chain-key");
        var entries = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var previous = entries.Single(e => e.Sequence == 2).Hash;
        foreach (var e in entries.Where(e => e.Sequence >= 3))
        {
            var forged = new AuditEntry
            {
                Sequence = e.Sequence, At = e.At, ActorId = e.ActorId, Actor = e.Actor, ActorOfficeId = e.ActorOfficeId, Action = e.Action,
                RecordType = e.RecordType, RecordIds = e.RecordIds, RecordOffices = e.RecordOffices,
                Purpose = e.Sequence == 3 ? "nothing to see" : e.Purpose, ClientAddress = e.ClientAddress, PreviousHash = previous,
            };
            forged.Hash = forged.ComputeHash(wrongKey);
            await Sql(app, $"""
                UPDATE "AuditEntries" SET "Purpose" = {forged.Purpose}, "PreviousHash" = {forged.PreviousHash}, "Hash" = {forged.Hash}
                WHERE "Sequence" = {e.Sequence}
                """);
            previous = forged.Hash;
        }
        var last = entries[^1].Sequence;
        await Sql(app, $"""UPDATE "AuditHeads" SET "Hash" = {previous}, "Mac" = {AuditHead.MacOf(wrongKey, last, previous)}""");
        await AssertBrokenAt(admin, 3, "entry");
    }

    [Fact]
    public async Task Removing_entries_and_putting_back_an_older_head_row_is_found_by_the_checkpoints()
    {
        using var app = Start(checkpointEvery: 3);
        var (officer, id, admin) = await TrailAsync(app, 2);
        // A genuine head row, keyed by the app itself, saved by someone watching the database …
        var old = await HeadAsync(app);
        Assert.Equal(3, old.Sequence);
        for (var i = 0; i < 6; i++) await officer.GetJsonAsync($"/api/foreigners/{id}");
        // … and put back later with the entries after it removed: the chain and its head agree, the key was not needed.
        await Sql(app, $"""DELETE FROM "AuditEntries" WHERE "Sequence" > {old.Sequence}""");
        await Sql(app, $"""UPDATE "AuditHeads" SET "Sequence" = {old.Sequence}, "Hash" = {old.Hash}, "Mac" = {old.Mac}""");

        var verify = await AssertBrokenAt(admin, old.Sequence + 1, "checkpoint");
        Assert.True(verify.GetProperty("checkpoints").GetInt32() >= 2, verify.ToString());
        // The writer does not chain on from the old head, which would write new entries over the removed ones.
        Assert.Equal(HttpStatusCode.InternalServerError, (await officer.GetAsync($"/api/foreigners/{id}")).StatusCode);
        await AssertBrokenAt(admin, old.Sequence + 1, "checkpoint");
    }

    [Fact]
    public async Task Reordered_entries_are_found()
    {
        using var app = Start();
        var (_, _, admin) = await TrailAsync(app, 5);
        await Sql(app, $"""UPDATE "AuditEntries" SET "Sequence" = -3 WHERE "Sequence" = 3""");
        await Sql(app, $"""UPDATE "AuditEntries" SET "Sequence" = 3 WHERE "Sequence" = 4""");
        await Sql(app, $"""UPDATE "AuditEntries" SET "Sequence" = 4 WHERE "Sequence" = -3""");
        await AssertBrokenAt(admin, 3, "entry");
    }

    [Fact]
    public async Task An_untouched_trail_with_many_entries_and_checkpoints_of_two_instances_is_valid()
    {
        using var first = Start(checkpointEvery: 7);
        var (officer, id, _) = await TrailAsync(first, 10);
        using var second = Start(checkpointEvery: 5, first.ConnectionString, first.CheckpointPath);
        var onSecond = await second.LoginAsync("petugas.jaksel@pantau.test");
        for (var round = 0; round < 4; round++)
        {
            var together = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? officer : onSecond).GetAsync($"/api/foreigners/{id}")));
            Assert.All(together, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        await onSecond.RegisterAsync(People.Registration());

        // The second instance compares the trail with its own checkpoints and with the first one's file.
        var verify = await (await second.LoginAsync("admin@pantau.test")).GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(1 + 10 + 80 + 1, verify.GetProperty("entries").GetInt64());
        Assert.True(verify.GetProperty("checkpoints").GetInt32() >= 6, verify.ToString());
        Assert.False(verify.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String, verify.ToString());
    }

    [Fact]
    public async Task A_checkpoint_line_not_signed_with_the_key_is_ignored()
    {
        using var app = Start(checkpointEvery: 2);
        var (_, _, admin) = await TrailAsync(app, 3);
        // A forged line claiming a longer trail (or any junk) does not count: only the key holder's checkpoints do.
        await File.AppendAllTextAsync(app.CheckpointPath,
            $"{{\"sequence\":99,\"hash\":\"{new string('b', 64)}\",\"time\":\"2026-01-01T00:00:00Z\",\"mac\":\"{new string('c', 64)}\"}}\nnot json\n");
        var verify = await admin.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }
}
