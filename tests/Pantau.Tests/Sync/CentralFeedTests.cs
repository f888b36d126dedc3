using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Sync;

namespace Pantau.Tests.Sync;

/// <summary>The central database's pushes, over HTTP, on the app's own database.</summary>
public sealed class CentralFeedTests(SyncApp app) : IClassFixture<SyncApp>
{
    [Fact]
    public async Task Unsigned_wrongly_signed_and_old_batches_are_refused_and_change_nothing()
    {
        var person = Central.NewPersonId();
        var events = new object[] { Central.Created(person) };
        var before = await app.EventRowsAsync();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { events }, SyncJson.Options);
        var now = DateTimeOffset.UtcNow;

        var refused = new[]
        {
            await app.PushAsync(events, sign: false),                                           // no header
            await app.PushAsync(events, key: Encoding.UTF8.GetBytes("someone-else's-key-123")), // another key
            await app.PushAsync(events, signedAt: now.AddMinutes(-6)),                          // older than 5 minutes
            await app.PushAsync(events, signedAt: now.AddMinutes(6)),                           // from the future
            await app.PushRawAsync(body, "t=abc,v1=00"),                                        // malformed
            await app.PushRawAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Li Wei", "Li Wen")),
                FeedSignature.Sign(body, SyncApp.Key, now)),                                    // a body changed after signing
            // A captured header replayed with a fresh timestamp: the timestamp is part of what is signed.
            await app.PushRawAsync(body, FeedSignature.Sign(body, SyncApp.Key, now.AddMinutes(-10))
                .Replace($"t={now.AddMinutes(-10).ToUnixTimeSeconds()}", $"t={now.ToUnixTimeSeconds()}")),
        };

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(before, await app.EventRowsAsync());
        Assert.Null(await app.PersonAsync(person));
        // The same batch, properly signed, is taken.
        Assert.Equal(1, (await app.PushOkAsync(events)).Applied);
    }

    [Fact]
    public async Task A_replayed_batch_changes_nothing()
    {
        var person = Central.NewPersonId();
        var permit = $"KT{People.NextPassport()}";
        var events = new object[] { Central.Created(person, permit: permit), Central.Extended(person, 2, permit, "2028-01-10") };

        var first = await app.PushOkAsync(events);
        var afterFirst = await app.PersonAsync(person);
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var again = await app.PushOkAsync(events);

        Assert.Equal((2, 0), (first.Applied, first.Duplicates));
        Assert.Equal((0, 2, 0, 0), (again.Applied, again.Duplicates, again.Waiting, again.Parked));
        Assert.All(again.Events, e => Assert.Equal("Duplicate", e.State));
        var afterAgain = await app.PersonAsync(person);
        Assert.Equal(afterFirst!.Version, afterAgain!.Version);
        Assert.Equal(new DateOnly(2028, 1, 10), afterAgain.Permits.Single().ExpiryDate);
        Assert.Equal(audit, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task An_event_that_comes_before_its_predecessor_waits_for_it()
    {
        var person = Central.NewPersonId();
        var permit = $"KT{People.NextPassport()}";
        Assert.Equal(1, (await app.PushOkAsync(Central.Created(person, permit: permit))).Applied);

        var early = await app.PushOkAsync(Central.Moved(person, 3, People.KaretKuningan));
        Assert.Equal((0, 1), (early.Applied, early.Waiting));
        Assert.Equal(People.SetiaBudi, (await app.PersonAsync(person))!.VillageCode);
        var state = await app.StateAsync();
        Assert.Contains(state.GetProperty("waitingEvents").EnumerateArray(), e => e.GetProperty("personId").GetString() == person);

        var predecessor = await app.PushOkAsync(Central.Extended(person, 2, permit, "2027-07-10"));
        Assert.Equal((2, 0), (predecessor.Applied, predecessor.Waiting)); // the predecessor and the event that waited for it
        var f = (await app.PersonAsync(person))!;
        Assert.Equal((People.KaretKuningan, 4, 5), (f.VillageCode, f.Rw, f.Rt));
        Assert.Equal(new DateOnly(2027, 7, 10), f.Permits.Single().ExpiryDate);
        state = await app.StateAsync();
        Assert.DoesNotContain(state.GetProperty("waitingEvents").EnumerateArray(), e => e.GetProperty("personId").GetString() == person);
    }

    [Fact]
    public async Task A_full_record_is_applied_at_once_and_the_older_events_it_contains_are_superseded()
    {
        var person = Central.NewPersonId();
        var passport = People.NextPassport();
        var permit = $"KT{People.NextPassport()}";
        await app.PushOkAsync(Central.Created(person, passport: passport, permit: permit));

        var full = await app.PushOkAsync(Central.Created(person, 4, People.KaretKuningan, passport, permit, "PersonUpdated", "Li Wei Ming"));
        var late = await app.PushOkAsync(Central.Moved(person, 2, People.TangerangVillage), Central.Extended(person, 3, permit, "2029-01-01"));

        Assert.Equal(1, full.Applied);
        Assert.Equal((0, 2, 0), (late.Applied, late.Superseded, late.Waiting));
        var f = (await app.PersonAsync(person))!;
        Assert.Equal(("Li Wei Ming", People.KaretKuningan), (f.FullName, f.VillageCode));
        Assert.Equal(new DateOnly(2027, 1, 10), f.Permits.Single().ExpiryDate);
    }

    [Fact]
    public async Task A_bad_event_is_parked_with_its_reason_and_the_rest_go_on()
    {
        var person = Central.NewPersonId();
        var other = Central.NewPersonId();
        var permit = $"KT{People.NextPassport()}";
        var result = await app.PushOkAsync(
            Central.Created(person, permit: permit),
            Central.Moved(person, 2, "99.99.99.9999"),                                  // no such village
            Central.Extended(person, 3, permit, "2028-01-10"),                          // goes on after the parked one
            Central.Event(other, 1, "Teleported"),                                      // unknown type
            new Dictionary<string, object?> { ["personId"] = other, ["sequence"] = 2 }, // no id, no type
            Central.Created(Central.NewPersonId(), permit: permit),                     // someone else's permit
            Central.Extended(person, 4, "NOPE-123", "2029-01-01"));                     // a permit the person does not hold

        Assert.Equal((2, 5, 0), (result.Applied, result.Parked, result.Waiting));
        var f = (await app.PersonAsync(person))!;
        Assert.Equal(People.SetiaBudi, f.VillageCode);
        Assert.Equal(new DateOnly(2028, 1, 10), f.Permits.Single().ExpiryDate);
        var parkedEvents = (await app.StateAsync()).GetProperty("parkedEvents").EnumerateArray().ToList();
        var parked = parkedEvents.Select(e => e.GetProperty("reason").GetString()!).ToList();
        Assert.Contains(parked, r => r.Contains("no village with this code"));
        Assert.Contains(parked, r => r.Contains("type: unknown 'Teleported'"));
        Assert.Contains(parked, r => r.Contains("eventId: required"));
        Assert.Contains(parked, r => r.Contains("belongs to another registered person"));
        Assert.Contains(parked, r => r.Contains("holds no permit NOPE-123"));
        // Beside the English, the code a page or a client translates: the field, the code and its arguments.
        var codes = parkedEvents.Select(e => e.GetProperty("reasonCode")).Select(c => (c.GetProperty("field").GetString(), c.GetProperty("code").GetString(),
            string.Join("|", c.GetProperty("args").EnumerateArray().Select(a => a.GetString())))).ToList();
        Assert.Contains(("address.villageCode", SyncCodes.ReasonNoVillage, ""), codes);
        Assert.Contains(("type", SyncCodes.ReasonUnknownType, "Teleported"), codes);
        Assert.Contains(("permit.number", SyncCodes.ReasonNoSuchPermit, "NOPE-123"), codes);
        var outcome = result.Events[1];
        Assert.Equal(("Parked", "address.villageCode: there is no village with this code", SyncCodes.ReasonNoVillage),
            (outcome.State, outcome.Reason, outcome.ReasonCode?.Code));

        // A parked event re-delivered is a duplicate, not parked twice.
        var again = await app.PushOkAsync(Central.Event(other, 1, "Teleported", eventId: result.Events[3].EventId));
        Assert.Equal(1, again.Duplicates);
    }

    [Fact]
    public async Task Changes_are_audited_as_the_central_system_and_counted()
    {
        var person = Central.NewPersonId();
        var village = "36.71.02.1002";
        var countBefore = await CountAsync(village);
        await app.PushOkAsync(Central.Created(person, village: village));
        Assert.Equal(countBefore + 1, await CountAsync(village));
        await app.PushOkAsync(Central.Event(person, 2, "Departed", new() { ["effectiveDate"] = "2026-11-20" }));
        Assert.Equal(countBefore, await CountAsync(village));

        var id = (await app.PersonAsync(person))!.Id;
        Assert.Equal(ResidentStatus.Departed, (await app.PersonAsync(person))!.Status);
        var admin = await app.LoginAsync("admin@pantau.test");
        var entries = (await admin.GetJsonAsync($"/api/audit?record={id}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(CentralFeed.Actor, e.GetProperty("actor").GetString()));
        Assert.Contains(entries, e => e.GetProperty("purpose").GetString()!.Contains("Departed"));
        Assert.True((await admin.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean());
    }

    private Task<int> CountAsync(string village) =>
        app.WithDbAsync(db => db.ResidentCounts.Where(c => c.VillageCode == village).SumAsync(c => c.Count));

    [Fact]
    public async Task The_state_shows_the_last_event_and_its_lag_to_the_national_admin_only()
    {
        var person = Central.NewPersonId();
        await app.PushOkAsync(Central.Created(person));
        var state = await app.StateAsync();
        Assert.True(state.GetProperty("applied").GetInt64() >= 1);
        // The event happened two seconds before it was sent (Central.Created): at least that long before it was applied.
        Assert.True(state.GetProperty("lagSeconds").GetDouble() >= 2, state.ToString());
        Assert.Equal(JsonValueKind.Object, state.GetProperty("lastApplied").ValueKind);

        foreach (var email in new[] { "kepala.tangerang@pantau.test", "petugas.jaksel@pantau.test", "polsek.setiabudi@pantau.test" })
        {
            var client = await app.LoginAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/sync/state")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/sync/snapshots")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/sync/state")).StatusCode);
    }

    [Fact]
    public async Task A_signed_batch_that_is_not_a_batch_is_a_bad_request()
    {
        var body = Encoding.UTF8.GetBytes("""{"events": "none"}""");
        var response = await app.PushRawAsync(body, FeedSignature.Sign(body, SyncApp.Key, DateTimeOffset.UtcNow));
        Assert.Contains("events", (await response.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task A_simulated_feed_with_disorder_and_poison_ends_with_nothing_waiting()
    {
        var villages = await app.VillagesAsync();
        var first = 700_000 + Random.Shared.Next(1000) * 100;
        var simulator = new CentralSimulator(villages, SyncApp.Today, seed: first);
        var batches = simulator.Feed(new FeedPlan(40, 400, first, Disorder: 0.05, Poison: 0.05, BatchSize: 50), DateTimeOffset.UtcNow).ToList();
        var (total, _) = await CentralSimulator.PushAsync(app.CreateClient(), SyncApp.Key, batches);

        Assert.Equal(batches.Sum(b => b.Count), total.Received);
        Assert.True(total.Parked > 0);
        Assert.Equal(total.Received, total.Applied + total.Parked + total.Superseded + total.Duplicates);
        var ids = Enumerable.Range(first, 40).Select(CentralSimulator.PersonId).ToList();
        Assert.Equal(0, await app.WithDbAsync(db => db.CentralEvents.CountAsync(e => ids.Contains(e.CentralId) && e.State == CentralEventState.Waiting)));
    }

    [Fact]
    public async Task A_simulated_feed_leaves_each_person_as_the_central_database_has_them_with_counts_and_audit_in_step()
    {
        // Every kind of event, many people per batch, several events of one person in a batch: what the set-based
        // writes leave must be what the central database holds, field by field, and the counts what the registry says.
        var villages = await app.VillagesAsync();
        var first = 800_000 + Random.Shared.Next(1000) * 100;
        var simulator = new CentralSimulator(villages, SyncApp.Today, seed: first);
        var expected = new Dictionary<string, Foreigner>();
        var batches = simulator.Feed(new FeedPlan(60, 900, first, BatchSize: 150), DateTimeOffset.UtcNow, expected).ToList();
        var (total, _) = await CentralSimulator.PushAsync(app.CreateClient(), SyncApp.Key, batches);

        var ids = expected.Keys.ToList();
        var parked = await app.WithDbAsync(db => db.CentralEvents.AsNoTracking()
            .Where(e => ids.Contains(e.CentralId) && e.State != CentralEventState.Applied)
            .Select(e => e.CentralId + " #" + e.Sequence + " " + e.Type + ": " + e.State + " " + e.Reason).ToListAsync());
        Assert.True((900, 0, 0, 0) == (total.Applied, total.Parked, total.Waiting, total.Superseded),
            $"{total.Applied} applied, {total.Parked} parked, {total.Waiting} waiting, {total.Superseded} superseded: {string.Join("; ", parked.Take(5))}");
        foreach (var (id, want) in expected)
        {
            var got = (await app.PersonAsync(id))!;
            Assert.Equal((want.FullName, want.Sex, want.DateOfBirth, want.Nationality, want.Status), (got.FullName, got.Sex, got.DateOfBirth, got.Nationality, got.Status));
            Assert.Equal((want.VillageCode, want.DistrictCode, want.RegencyCode, want.ProvinceCode, want.Rw, want.Rt),
                (got.VillageCode, got.DistrictCode, got.RegencyCode, got.ProvinceCode, got.Rw, got.Rt));
            Assert.Equal(want.Passports.Select(p => (p.Number, p.IssuingState, p.ExpiryDate)).Order(),
                got.Passports.Select(p => (p.Number, p.IssuingState, p.ExpiryDate)).Order());
            Assert.Equal(want.Permits.Select(p => (p.Number, p.Type, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.CancelledOn)).Order(),
                got.Permits.Select(p => (p.Number, p.Type, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor, p.CancelledOn)).Order());
            Assert.Equal(want.Addresses.Select(a => (a.VillageCode, a.Rw, a.Rt, a.Street, a.Since, a.Until)).Order(),
                got.Addresses.Select(a => (a.VillageCode, a.Rw, a.Rt, a.Street, a.Since, a.Until)).Order());
            Assert.Equal(PersonName.Tokens(want.FullName).Order(), got.NameTokens.Select(t => t.Token).Order());
        }

        // The counts kept batch by batch equal the counts computed from the registry afterwards.
        var (kept, recomputed) = await app.WithDbAsync(async db =>
        {
            var kept = await db.ResidentCounts.AsNoTracking().Where(c => c.Count != 0)
                .Select(c => new { c.VillageCode, c.Rw, c.Rt, c.Count }).ToListAsync();
            var now = await db.Foreigners.IgnoreQueryFilters().Where(f => f.Status == ResidentStatus.Active)
                .GroupBy(f => new { f.VillageCode, f.Rw, f.Rt }).Select(g => new { g.Key.VillageCode, g.Key.Rw, g.Key.Rt, Count = g.Count() }).ToListAsync();
            var nationalities = await db.NationalityCounts.AsNoTracking().Where(c => c.Count != 0).SumAsync(c => c.Count);
            Assert.Equal(now.Sum(c => c.Count), nationalities);
            return (kept.Select(c => (c.VillageCode, c.Rw, c.Rt, c.Count)).Order().ToList(), now.Select(c => (c.VillageCode, c.Rw, c.Rt, c.Count)).Order().ToList());
        });
        Assert.Equal(recomputed, kept);
        var admin = await app.LoginAsync("admin@pantau.test");
        Assert.True((await admin.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_full_record_that_leaves_out_a_passport_a_permit_and_a_name_word_removes_them()
    {
        var person = Central.NewPersonId();
        var (oldPassport, newPassport) = (People.NextPassport(), People.NextPassport());
        var (oldPermit, newPermit) = ($"KT{People.NextPassport()}", $"KI{People.NextPassport()}");
        await app.PushOkAsync(Central.Created(person, passport: oldPassport, permit: oldPermit, name: "Li Wei Ming"));

        // Renewal, new permit and the full record without the old ones, in one batch: the rows are removed as the record says.
        var result = await app.PushOkAsync(
            Central.Event(person, 2, "PassportRenewed", new()
            {
                ["passport"] = new Dictionary<string, object?> { ["number"] = newPassport, ["issuingState"] = "CHN", ["expiryDate"] = "2036-01-01" },
            }),
            Central.Event(person, 3, "PermitIssued", new()
            {
                ["permit"] = new Dictionary<string, object?>
                {
                    ["type"] = "ITK", ["number"] = newPermit, ["issueDate"] = "2026-11-01", ["expiryDate"] = "2026-12-31", ["purpose"] = "visit",
                },
            }),
            Central.Created(person, 4, People.SetiaBudi, newPassport, newPermit, "PersonUpdated", "Li Wei"));

        Assert.Equal(3, result.Applied);
        var f = (await app.PersonAsync(person))!;
        Assert.Equal(newPassport, f.Passports.Single().Number);
        Assert.Equal((newPermit, PermitType.ITAS, new DateOnly(2027, 1, 10)), (f.Permits.Single().Number, f.Permits.Single().Type, f.Permits.Single().ExpiryDate));
        Assert.Equal(["li", "wei"], f.NameTokens.Select(t => t.Token).Order());
        // The documents given up are free again: someone else may hold them now.
        Assert.Equal(1, (await app.PushOkAsync(Central.Created(Central.NewPersonId(), passport: oldPassport, permit: oldPermit))).Applied);
    }
}
