using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// Applies a batch of the central database's change events to the registry, in one transaction with their audit
/// entries and the ledger. Per person, events are applied in sequence order: a re-delivered event (known id) changes
/// nothing; an event whose predecessor has not arrived waits in the ledger and is applied when it comes; a full record
/// (PersonCreated/PersonUpdated) is applied at once and makes the older events it contains superseded; an event that
/// cannot be applied is parked with its reason and counts as done, so the person's later events go on.
/// People are read without EF's change tracker: new people and the ledger rows are written in bulk (COPY on
/// PostgreSQL), and what the events changed in known people by <see cref="RegistryChanges"/> (a statement per table
/// and kind, not per row), which adjusts the resident counts as the counts interceptor would.
/// </summary>
public sealed class CentralFeed(PantauDb db, Auditor audit, TimeProvider time)
{
    /// <summary>How the audit trail names the author of what the feed and the snapshots change.</summary>
    public const string Actor = "central system";
    public const int MaxEventsPerBatch = 5000;

    // One batch at a time in this process: two batches of one person would otherwise race. Across instances the
    // ledger's key and the person's sequence (a concurrency token) make the later one fail and retry.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<BatchResult> ApplyAsync(IReadOnlyList<JsonElement> events, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        // A batch touches pages all over the registry's tables and indexes: with SQLite's default 2 MB page cache it
        // reads them again and spills dirty ones to the log before the commit. A batch writes 5,000-8,000 pages to the log
        // at a million people: with the default checkpoint every 1,000 pages each commit also copied all of them into the
        // database file; every 16,384 pages (64 MB of log), once per few batches, and a page changed by several batches
        // is copied once. Commits still sync the log (synchronous stays FULL). Both set back afterwards (pooled connection).
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384", ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await ApplyOnceAsync(events, ct);
                }
                // Another instance applied events of the same people meanwhile (a person's sequence, an event id or a
                // document number taken): nothing of this attempt was kept; read again and redo.
                catch (Exception e) when (attempt < 3 && e is DbUpdateException or System.Data.Common.DbException)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
            Gate.Release();
        }
    }

    private sealed class Incoming
    {
        public required string EventId { get; init; }
        public required string CentralId { get; init; }
        public long Sequence { get; init; }
        public CentralEventType? Type { get; init; }
        public DateTime OccurredAt { get; init; }
        public CentralEventMessage? Message { get; init; }
        public required string Raw { get; init; }

        /// <summary>Why it cannot be applied whatever the registry holds (malformed, unknown type, …).</summary>
        public SyncReason? Problem { get; init; }

        /// <summary>The ledger row of an event that was waiting.</summary>
        public CentralEvent? Row { get; init; }

        /// <summary>Its id, person and sequence are sound: it takes its turn in the person's order (else it is parked at once).</summary>
        public bool Identified { get; init; }

        public bool IsFullRecord => Type is CentralEventType.PersonCreated or CentralEventType.PersonUpdated;
        public bool HasPerson => Identified;
    }

    private async Task<BatchResult> ApplyOnceAsync(IReadOnlyList<JsonElement> events, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var parsed = events.Select(e => Parse(e, null)).ToList();
        var outcomes = new Dictionary<Incoming, EventOutcome>(ReferenceEqualityComparer.Instance);
        int duplicates = 0, applied = 0, waiting = 0, parked = 0, superseded = 0;

        var ids = parsed.Select(p => p.EventId).Distinct().ToList();
        var known = (await db.CentralEvents.Where(e => EF.Parameter(ids).Contains(e.EventId)).Select(e => e.EventId).ToListAsync(ct)).ToHashSet();
        var fresh = new List<Incoming>();
        var inBatch = new HashSet<string>();
        foreach (var p in parsed)
        {
            if (known.Contains(p.EventId) || !inBatch.Add(p.EventId))
            {
                duplicates++;
                outcomes[p] = new(p.EventId, "Duplicate", null, null);
            }
            else fresh.Add(p);
        }

        var personIds = fresh.Where(p => p.HasPerson).Select(p => p.CentralId).Distinct().ToList();
        var people = await db.CentralPeople.AsNoTracking().Where(c => EF.Parameter(personIds).Contains(c.CentralId))
            .ToDictionaryAsync(c => c.CentralId, ct);
        var changes = new RegistryChanges(db);
        foreach (var p in people.Values) changes.Remember(p);
        var held = await db.CentralEvents.Where(e => EF.Parameter(personIds).Contains(e.CentralId) && e.State == CentralEventState.Waiting).ToListAsync(ct);
        var candidates = fresh.Concat(held.Select(r => Parse(JsonDocument.Parse(r.Payload ?? "{}").RootElement, r))).ToList();

        var world = await LoadWorldAsync(candidates, people, changes, ct);
        var touched = new HashSet<Foreigner>();
        var created = new HashSet<Foreigner>();
        var regencies = new HashSet<string>();
        var ledger = new List<CentralEvent>();
        var appliedTypes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var movedOn = new HashSet<CentralPerson>();

        void Settle(Incoming e, CentralEventState state, SyncReason? reason, Guid? foreignerId)
        {
            switch (state)
            {
                case CentralEventState.Applied: applied++; break;
                case CentralEventState.Waiting: waiting++; break;
                case CentralEventState.Parked: parked++; break;
                case CentralEventState.Superseded: superseded++; break;
            }
            var keepBody = state is CentralEventState.Waiting or CentralEventState.Parked;
            if (e.Row is { } row)
            {
                row.State = state;
                row.Reason = reason?.Stored;
                row.Payload = keepBody ? e.Raw : null;
                row.AppliedAt = state == CentralEventState.Applied ? now : null;
                row.ForeignerId = foreignerId;
            }
            else
            {
                ledger.Add(new CentralEvent
                {
                    EventId = e.EventId, CentralId = e.CentralId, Sequence = e.Sequence, Type = e.Type, State = state, Reason = reason?.Stored,
                    Payload = keepBody ? e.Raw : null, OccurredAt = e.OccurredAt, ReceivedAt = now,
                    AppliedAt = state == CentralEventState.Applied ? now : null, ForeignerId = foreignerId,
                });
                outcomes[e] = new(e.EventId, state.ToString(), reason?.English, reason?.Code);
            }
        }

        foreach (var e in candidates.Where(c => !c.HasPerson)) Settle(e, CentralEventState.Parked, e.Problem, null);

        foreach (var group in candidates.Where(c => c.HasPerson).GroupBy(c => c.CentralId))
        {
            var person = people.GetValueOrDefault(group.Key);
            var last = person?.LastSequence ?? 0;
            var pending = new List<Incoming>();
            // Stored waiting events first among equals: a re-sent sequence number with a new id is the newcomer.
            foreach (var e in group.OrderBy(e => e.Sequence).ThenBy(e => e.Row is null))
            {
                if (e.Sequence <= last)
                {
                    Settle(e, CentralEventState.Superseded, new("sequence", SyncCodes.ReasonAlreadyReached, e.Sequence), person?.ForeignerId);
                    continue;
                }
                if (e.Sequence != last + 1 && !(e.IsFullRecord && e.Problem is null))
                {
                    pending.Add(e);
                    continue;
                }
                foreach (var older in pending)
                    Settle(older, CentralEventState.Superseded, new("sequence", SyncCodes.ReasonContainedIn, e.Sequence), person?.ForeignerId);
                pending.Clear();

                var foreigner = person is null ? null : world.Foreigners.GetValueOrDefault(person.ForeignerId);
                var regencyBefore = foreigner?.RegencyCode;
                var reason = e.Problem ?? Apply(e, ref foreigner, world, today, now);
                if (reason is not null)
                {
                    Settle(e, CentralEventState.Parked, reason, foreigner?.Id);
                    // A bad first event of an unknown person leaves nothing to number the later ones against.
                    if (person is not null) last = e.Sequence;
                    continue;
                }

                var f = foreigner!;
                if (person is null)
                {
                    person = new CentralPerson { CentralId = e.CentralId, ForeignerId = f.Id, UpdatedAt = now };
                    people[e.CentralId] = person;
                }
                if (!world.Foreigners.ContainsKey(f.Id))
                {
                    world.Foreigners[f.Id] = f;
                    // New people go in with the bulk writer at the end of the batch, in their final state.
                    created.Add(f);
                }
                touched.Add(f);
                if (regencyBefore is not null) regencies.Add(regencyBefore);
                regencies.Add(f.RegencyCode);
                last = e.Sequence;
                Settle(e, CentralEventState.Applied, null, f.Id);
                appliedTypes[e.Type!.Value.ToString()] = appliedTypes.GetValueOrDefault(e.Type.Value.ToString()) + 1;
            }
            foreach (var e in pending) Settle(e, CentralEventState.Waiting, null, person?.ForeignerId);
            if (person is not null && person.LastSequence != last)
            {
                person.LastSequence = last;
                person.UpdatedAt = now;
                movedOn.Add(person);
            }
        }

        var links = people.Values.ToDictionary(p => p.ForeignerId);
        foreach (var f in touched)
        {
            if (!created.Contains(f)) f.NextVersion();
            // The last snapshot row no longer describes this person: the next snapshot compares field by field.
            if (links.GetValueOrDefault(f.Id) is { } p) { p.RecordHash = null; p.RecordVersion = f.Version; movedOn.Add(p); }
        }

        // One audit entry per batch for the people it changed (two when it also created some): the ledger holds each
        // event, and the entry carries the ledger rows' digest, so a ledger row changed afterwards shows.
        var digest = Digest(ledger);
        var records = new List<AuditRecord>();
        var summary = string.Join(", ", appliedTypes.Select(t => $"{t.Key} ×{t.Value}"));
        if (created.Count > 0)
            records.Add(new AuditRecord("central-create", RegistryQueries.RecordType, created.Select(f => f.Id).ToList(),
                created.Select(f => f.RegencyCode).Distinct().ToList(), Purpose($"central feed: {created.Count} people created", summary, digest)));
        var changed = touched.Where(f => !created.Contains(f)).Select(f => f.Id).ToList();
        if (changed.Count > 0)
            records.Add(new AuditRecord("central-update", RegistryQueries.RecordType, changed, regencies,
                Purpose($"central feed: {changed.Count} people updated", summary, digest)));
        await audit.SaveAsync(db, records, Actor, ct, async tx =>
        {
            if (created.Count > 0) await RegistryBulkWriter.WriteBatchAsync(db, created, tx);
            await changes.WriteAsync(db, touched.Where(changes.Knows), movedOn, created, tx);
            await SyncRows.WriteEventsAsync(db, ledger, tx);
        });
        return new BatchResult(parsed.Count, applied, duplicates, fresh.Count(e => outcomes.TryGetValue(e, out var o) && o.State == "Waiting"),
            parked, superseded, parsed.Select(p => outcomes[p]).ToList());
    }

    private static string Purpose(string what, string events, string digest)
    {
        var text = $"{what} ({events}); ledger SHA-256 {digest}";
        return text.Length <= 300 ? text : $"{what}; ledger SHA-256 {digest}";
    }

    /// <summary>SHA-256 over the batch's new ledger rows (id, person, sequence, state, reason), first 16 hex digits.</summary>
    private static string Digest(IEnumerable<CentralEvent> ledger)
    {
        var text = string.Join('\n', ledger.Select(e => $"{e.EventId}|{e.CentralId}|{e.Sequence}|{e.State}|{e.Reason}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The people, documents and villages a batch's events name, read once for the whole batch.</summary>
    private sealed class World
    {
        public Dictionary<Guid, Foreigner> Foreigners { get; init; } = [];
        public Dictionary<(string Number, string State), Guid> PassportHolders { get; init; } = [];
        public Dictionary<string, Guid> PermitHolders { get; init; } = [];

        /// <summary>Registry people already linked to a central id.</summary>
        public HashSet<Guid> Linked { get; init; } = [];
        public HashSet<string> Villages { get; init; } = [];
    }

    private async Task<World> LoadWorldAsync(List<Incoming> events, Dictionary<string, CentralPerson> people, RegistryChanges changes,
        CancellationToken ct)
    {
        var messages = events.Select(e => e.Message).OfType<CentralEventMessage>().ToList();
        var passports = messages.SelectMany(m => (m.Person?.Passports ?? []).Append(m.Passport)).OfType<PassportDto>()
            .Select(p => TravelDocuments.NormalizeNumber(p.Number)).Where(n => n.Length > 0).Distinct().ToList();
        var permits = messages.SelectMany(m => (m.Person?.Permits ?? []).Append(m.Permit)).OfType<PermitDto>()
            .Select(p => TravelDocuments.NormalizeNumber(p.Number)).Where(n => n.Length > 0).Distinct().ToList();
        var villages = messages.SelectMany(m => new[] { m.Person?.Address?.VillageCode, m.Address?.VillageCode }).OfType<string>().Distinct().ToList();

        var world = new World
        {
            PassportHolders = (await db.Passports.Nationally("the central feed applies its events to whoever they name").Where(p => EF.Parameter(passports).Contains(p.Number))
                    .Select(p => new { p.Number, p.IssuingState, p.ForeignerId }).ToListAsync(ct))
                .ToDictionary(p => (p.Number, p.IssuingState), p => p.ForeignerId),
            PermitHolders = (await db.StayPermits.Nationally("the central feed applies its events to whoever they name").Where(p => EF.Parameter(permits).Contains(p.Number))
                .Select(p => new { p.Number, p.ForeignerId }).ToListAsync(ct)).ToDictionary(p => p.Number, p => p.ForeignerId),
            Villages = (await db.Regions.Where(r => EF.Parameter(villages).Contains(r.Code)).Select(r => r.Code).ToListAsync(ct)).ToHashSet(),
        };
        // Each person is read with what their events need: a full record replaces everything, a renewal needs the
        // passports, a permit event the permits, a move the current address; a departure needs only the person.
        var needs = new Dictionary<Guid, Needs>();
        foreach (var e in events.Where(e => e.HasPerson && e.Type is not null))
            if (people.GetValueOrDefault(e.CentralId) is { } p) needs[p.ForeignerId] = needs.GetValueOrDefault(p.ForeignerId) | NeedsOf(e.Type!.Value);
        // A full record of someone not linked yet may be a person registered here first, found by passport.
        foreach (var id in world.PassportHolders.Values) needs[id] = Needs.All;
        var ids = needs.Keys.ToList();
        world.Linked.UnionWith(await db.CentralPeople.Where(c => EF.Parameter(ids).Contains(c.ForeignerId)).Select(c => c.ForeignerId).ToListAsync(ct));
        foreach (var f in await db.Foreigners.Nationally("the central feed applies its events to whoever they name").AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.Id)).ToListAsync(ct))
            world.Foreigners[f.Id] = f;
        List<Guid> Having(Needs n) => needs.Where(x => (x.Value & n) != 0 && world.Foreigners.ContainsKey(x.Key)).Select(x => x.Key).ToList();
        var withPassports = Having(Needs.Passports);
        if (withPassports.Count > 0)
            foreach (var p in await db.Passports.Nationally("the central feed applies its events to whoever they name").AsNoTracking().Where(p => EF.Parameter(withPassports).Contains(p.ForeignerId)).ToListAsync(ct))
                world.Foreigners[p.ForeignerId].Passports.Add(p);
        var withPermits = Having(Needs.Permits);
        if (withPermits.Count > 0)
            foreach (var p in await db.StayPermits.Nationally("the central feed applies its events to whoever they name").AsNoTracking().Where(p => EF.Parameter(withPermits).Contains(p.ForeignerId)).ToListAsync(ct))
                world.Foreigners[p.ForeignerId].Permits.Add(p);
        // Only the current address: a move or a full record closes it and adds one; the history is never changed.
        var withAddress = Having(Needs.Address);
        if (withAddress.Count > 0)
            foreach (var a in await db.ResidenceAddresses.Nationally("the central feed applies its events to whoever they name").AsNoTracking()
                         .Where(a => EF.Parameter(withAddress).Contains(a.ForeignerId) && a.Until == null).ToListAsync(ct))
                world.Foreigners[a.ForeignerId].Addresses.Add(a);
        var withName = Having(Needs.NameWords);
        if (withName.Count > 0)
            foreach (var t in await db.NameTokens.Nationally("the central feed applies its events to whoever they name").AsNoTracking().Where(t => EF.Parameter(withName).Contains(t.ForeignerId)).ToListAsync(ct))
                world.Foreigners[t.ForeignerId].NameTokens.Add(t);
        foreach (var f in world.Foreigners.Values) changes.Remember(f);
        return world;
    }

    [Flags]
    private enum Needs { None = 0, Passports = 1, Permits = 2, Address = 4, NameWords = 8, All = 15 }

    private static Needs NeedsOf(CentralEventType type) => type switch
    {
        CentralEventType.PersonCreated or CentralEventType.PersonUpdated => Needs.All,
        CentralEventType.PassportRenewed => Needs.Passports,
        CentralEventType.PermitIssued or CentralEventType.PermitExtended or CentralEventType.PermitConverted or CentralEventType.PermitCancelled => Needs.Permits,
        CentralEventType.AddressChanged => Needs.Address,
        _ => Needs.None,
    };

    /// <summary>Applies one event to <paramref name="f"/> (made or found for a full record); the reason it cannot, or null.</summary>
    private static SyncReason? Apply(Incoming e, ref Foreigner? f, World world, DateOnly today, DateTime now)
    {
        var m = e.Message!;
        var on = DateOnly.FromDateTime(e.OccurredAt);
        if (e.IsFullRecord)
        {
            var r = m.Person;
            if (CentralRecordRules.Person(r, today) is { } problem) return problem;
            if (!world.Villages.Contains(r!.Address!.VillageCode!)) return new("address.villageCode", SyncCodes.ReasonNoVillage);
            var keys = r.Passports!.Select(p => (TravelDocuments.NormalizeNumber(p.Number), Nationalities.Normalize(p.IssuingState))).ToList();
            if (f is null)
            {
                // The same passport already in the registry, not yet linked to the central database: that is this person,
                // registered here first.
                var local = keys.Select(k => world.PassportHolders.TryGetValue(k, out var id) ? id : (Guid?)null).OfType<Guid>()
                    .FirstOrDefault(id => !world.Linked.Contains(id) && world.Foreigners.ContainsKey(id));
                if (local != Guid.Empty) { f = world.Foreigners[local]; world.Linked.Add(local); }
            }
            var self = f?.Id;
            if (keys.Any(k => world.PassportHolders.TryGetValue(k, out var holder) && holder != self))
                return new("passports", SyncCodes.ReasonTaken);
            var numbers = (r.Permits ?? []).Select(p => TravelDocuments.NormalizeNumber(p.Number)).ToList();
            if (numbers.Any(n => world.PermitHolders.TryGetValue(n, out var holder) && holder != self))
                return new("permits", SyncCodes.ReasonTaken);

            if (f is null)
            {
                f = new Foreigner(r.FullName!, r.Sex!.Value, r.DateOfBirth!.Value, Nationalities.Normalize(r.Nationality), now);
                world.Linked.Add(f.Id);
            }
            else f.SetIdentity(r.FullName!, r.Sex!.Value, r.DateOfBirth!.Value, Nationalities.Normalize(r.Nationality), now);
            f.Apply(r with { Address = r.Address with { Since = r.Address.Since ?? on } }, now);
            foreach (var k in keys) world.PassportHolders[k] = f.Id;
            foreach (var n in numbers) world.PermitHolders[n] = f.Id;
            return null;
        }

        if (f is null) return new("personId", SyncCodes.ReasonUnknownPerson);
        switch (e.Type)
        {
            case CentralEventType.PassportRenewed:
            {
                if (CentralRecordRules.Passport(m.Passport, f.DateOfBirth) is { } problem) return problem;
                var key = (TravelDocuments.NormalizeNumber(m.Passport!.Number), Nationalities.Normalize(m.Passport.IssuingState));
                if (world.PassportHolders.TryGetValue(key, out var holder) && holder != f.Id) return new("passport", SyncCodes.ReasonTaken);
                f.RecordPassport(key.Item1, key.Item2, m.Passport.ExpiryDate!.Value, now);
                world.PassportHolders[key] = f.Id;
                return null;
            }
            case CentralEventType.PermitIssued:
            case CentralEventType.PermitConverted:
            {
                if (CentralRecordRules.Permit(m.Permit, f.DateOfBirth) is { } problem) return problem;
                var p = m.Permit!;
                var number = TravelDocuments.NormalizeNumber(p.Number);
                if (world.PermitHolders.TryGetValue(number, out var holder) && holder != f.Id) return new("permit", SyncCodes.ReasonTaken);
                if (e.Type == CentralEventType.PermitConverted)
                {
                    var previous = TravelDocuments.NormalizeNumber(m.PreviousPermitNumber);
                    if (previous.Length == 0) return new("previousPermitNumber", SyncCodes.ReasonConversionRequired);
                    if (previous == number) return new("previousPermitNumber", SyncCodes.ReasonConversionNew);
                    if (!f.CancelPermit(previous, p.IssueDate!.Value, now)) return new("previousPermitNumber", SyncCodes.ReasonNoSuchPermit, previous);
                }
                f.RecordPermit(p.Type!.Value, number, p.IssueDate!.Value, p.ExpiryDate!.Value, p.Purpose?.Trim(), p.Sponsor?.Trim(), now);
                world.PermitHolders[number] = f.Id;
                return null;
            }
            case CentralEventType.PermitExtended:
            {
                var number = TravelDocuments.NormalizeNumber(m.Permit?.Number);
                if (f.Permits.FirstOrDefault(p => p.Number == number) is not { } permit) return new("permit.number", SyncCodes.ReasonNoSuchPermit, number);
                if (m.Permit!.ExpiryDate is not { } until) return new("permit.expiryDate", SyncCodes.ReasonRequired);
                if (until <= permit.ExpiryDate) return new("permit.expiryDate", SyncCodes.ReasonExtensionLater);
                if (permit.CancelledOn is not null) return new("permit", SyncCodes.ReasonCancelledPermit);
                f.RecordPermit(permit.Type, permit.Number, permit.IssueDate, until, permit.Purpose, permit.Sponsor, now);
                return null;
            }
            case CentralEventType.PermitCancelled:
            {
                var number = TravelDocuments.NormalizeNumber(m.Permit?.Number);
                return f.CancelPermit(number, m.EffectiveDate ?? on, now) ? null : new("permit.number", SyncCodes.ReasonNoSuchPermit, number);
            }
            case CentralEventType.AddressChanged:
            {
                if (CentralRecordRules.Address(m.Address, today, f.DateOfBirth) is { } problem) return problem;
                var a = m.Address!;
                if (!world.Villages.Contains(a.VillageCode!)) return new("address.villageCode", SyncCodes.ReasonNoVillage);
                f.MoveTo(a.VillageCode!, a.Rw!.Value, a.Rt!.Value, string.IsNullOrWhiteSpace(a.Street) ? null : a.Street.Trim(), a.Since ?? on, now);
                return null;
            }
            case CentralEventType.Departed:
                f.SetStatus(ResidentStatus.Departed, now);
                return null;
            case CentralEventType.Deported:
                f.SetStatus(ResidentStatus.Deported, now);
                return null;
            default:
                return new("type", SyncCodes.ReasonNotHandled, e.Type.ToString());
        }
    }

    private static Incoming Parse(JsonElement e, CentralEvent? row)
    {
        var raw = e.GetRawText();
        CentralEventMessage? m = null;
        SyncReason? problem = null;
        if (e.ValueKind != JsonValueKind.Object) problem = new("event", SyncCodes.ReasonNotObject);
        else
        {
            try
            {
                m = e.Deserialize<CentralEventMessage>(SyncJson.Options);
            }
            catch (JsonException x)
            {
                problem = new("event", SyncCodes.ReasonMalformed, x.Path, x.Message);
            }
        }
        var id = m?.EventId ?? StringOf(e, "eventId");
        if (string.IsNullOrWhiteSpace(id) || id.Length > CentralEvent.MaxIdLength)
        {
            problem ??= new("eventId", SyncCodes.ReasonRequiredAtMost, CentralEvent.MaxIdLength);
            // Still one ledger row per distinct body, so that a re-delivery of it is a duplicate.
            id = "body:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
        }
        var person = m?.PersonId ?? StringOf(e, "personId") ?? "";
        if (person.Length is 0 or > CentralPerson.MaxIdLength)
        {
            problem ??= new("personId", SyncCodes.ReasonRequiredAtMost, CentralPerson.MaxIdLength);
            person = "";
        }
        var sequence = m?.Sequence ?? 0;
        if (sequence < 1) problem ??= new("sequence", SyncCodes.ReasonSequenceFrom1);
        var identified = problem is null || (m is not null && person.Length > 0 && sequence > 0 && !id.StartsWith("body:", StringComparison.Ordinal));
        CentralEventType? type = Enum.TryParse<CentralEventType>(m?.Type, ignoreCase: false, out var t) && Enum.IsDefined(t) && !int.TryParse(m?.Type, out _)
            ? t : null;
        if (type is null) problem ??= new("type", SyncCodes.ReasonUnknownType, m?.Type);
        if (m?.OccurredAt is null) problem ??= new("occurredAt", SyncCodes.ReasonRequired);
        return new Incoming
        {
            EventId = id, CentralId = person, Sequence = Math.Max(0, sequence), Type = type, Identified = identified,
            OccurredAt = m?.OccurredAt?.UtcDateTime ?? row?.OccurredAt ?? DateTime.UnixEpoch, Message = m, Raw = raw, Problem = problem, Row = row,
        };
    }

    private static string? StringOf(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

