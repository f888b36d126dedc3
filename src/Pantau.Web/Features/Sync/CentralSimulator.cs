using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>What a snapshot file holds besides the people C000000001…C(rows): some changed, some left out, some added, some bad.</summary>
public sealed record SnapshotPlan(int Rows, int Changed = 0, int Dropped = 0, int Added = 0, int Bad = 0)
{
    /// <summary>The reconciliation an import of this file into a registry holding the first snapshot (<c>Rows</c> people) reports.</summary>
    public (int Created, int Updated, int Unchanged, int Missing, int Rejected) Expected =>
        (Added, Math.Min(Changed, Rows - Dropped), Rows - Dropped - Math.Min(Changed, Rows - Dropped), Dropped, Bad);
}

/// <summary>What a feed holds: people created by it, events after their creation, and how disorderly and dirty it is.</summary>
public sealed record FeedPlan(int People, int Events, int FirstPerson = 1, bool PeopleExist = false, double Disorder = 0,
    double Poison = 0, int BatchSize = 500);

/// <summary>
/// Stands in for the Directorate General's central database, so the sync can be exercised end to end here: snapshot
/// CSVs and signed change feeds of realistic people (the demo generator's nationality mix and permit lengths, villages
/// from the Kemendagri list), the same for the same seed and date.
/// People are numbered C000000001, C000000002, …; a snapshot lists them with sequence 1, and a feed continues
/// from there (<see cref="FeedPlan.PeopleExist"/>) or creates its own people first.
/// </summary>
public sealed class CentralSimulator(IReadOnlyList<string> villageCodes, DateOnly today, int seed = 2026)
{
    public static string PersonId(int n) => $"C{n:D9}";

    /// <summary>
    /// A renewed passport's number, unique to the person and the event: R + the person's number and the event's
    /// sequence in base 36 (6 + 2 characters: 9 in all, as ICAO allows). A number per feed and a running count, as
    /// before, let two feeds into one registry hand out the same numbers.
    /// </summary>
    public static string RenewedPassport(string personId, long sequence)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var chars = new char[9];
        chars[0] = 'R';
        var value = long.Parse(personId.AsSpan(1), CultureInfo.InvariantCulture) * 1296 + sequence % 1296;
        for (var i = 8; i >= 1; i--, value /= 36) chars[i] = digits[(int)(value % 36)];
        return new string(chars);
    }

    /// <summary>Person number <c>first</c> onwards, each with its own passport and permit number (apart from the demo seed's).</summary>
    public IEnumerable<(string CentralId, Foreigner Person)> People(int first, int count)
    {
        var now = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var n = first; n < first + count; n++)
        {
            // A generator per person, so that person n is the same whatever range is asked for, at no cost for skipping.
            var f = new DemoRegistry(villageCodes, today, Mix(seed, n)).Generate(1).First();
            var p = f.Passports[0];
            var permit = f.Permits[0];
            var person = new Foreigner(f.FullName, f.Sex, f.DateOfBirth, f.Nationality, now);
            person.RecordPassport($"S{n:D8}", p.IssuingState, p.ExpiryDate, now);
            person.RecordPermit(permit.Type, $"KT{n:D9}", permit.IssueDate, permit.ExpiryDate, permit.Purpose, permit.Sponsor, now);
            var a = f.CurrentAddress!;
            person.MoveTo(a.VillageCode, a.Rw, a.Rt, a.Street, a.Since, now);
            person.SetStatus(f.Status, now);
            yield return (PersonId(n), person);
        }
    }

    /// <summary>A seed per person from the feed's seed and the person's number (SplitMix64's finaliser; HashCode differs per process).</summary>
    private static int Mix(int seed, int n)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)n * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return (int)((x ^ (x >> 31)) & int.MaxValue);
    }

    public void WriteSnapshot(TextWriter writer, SnapshotPlan plan)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var c in SnapshotRow.Columns) csv.WriteField(c);
        csv.NextRecord();
        var rng = new Random(seed + 1);
        var total = plan.Rows - plan.Dropped + plan.Added;
        var badEvery = plan.Bad > 0 ? Math.Max(1, total / plan.Bad) : int.MaxValue;
        int written = 0, bad = 0;
        var kept = People(1, plan.Rows - plan.Dropped).Select((p, i) => (p.CentralId, p.Person, Change: i < plan.Changed));
        var added = People(plan.Rows + 1, plan.Added).Select(p => (p.CentralId, p.Person, Change: false));
        foreach (var (id, person, change) in kept.Concat(added))
        {
            if (change)
            {
                // Moved to another village, and the permit extended by a year.
                var permit = person.Permits[0];
                person.RecordPermit(permit.Type, permit.Number, permit.IssueDate, permit.ExpiryDate.AddDays(365), permit.Purpose, permit.Sponsor,
                    person.UpdatedAt);
                var a = person.CurrentAddress!;
                var village = villageCodes[rng.Next(villageCodes.Count)];
                if (village == a.VillageCode) village = villageCodes[(rng.Next(villageCodes.Count - 1) + 1) % villageCodes.Count];
                person.MoveTo(village, a.Rw, a.Rt, a.Street, today.AddDays(-1), person.UpdatedAt);
            }
            WriteRow(csv, id, 1, person);
            if (++written % badEvery == 0 && bad < plan.Bad) WriteBadRow(csv, ++bad, rng);
        }
        while (bad < plan.Bad) WriteBadRow(csv, ++bad, rng);
    }

    private static void WriteRow(CsvWriter csv, string id, long sequence, Foreigner f)
    {
        var p = f.Passports.OrderByDescending(x => x.ExpiryDate).First();
        var permit = f.CurrentPermit;
        var a = f.CurrentAddress!;
        foreach (var value in new[]
                 {
                     id, sequence.ToString(CultureInfo.InvariantCulture), f.FullName, f.Sex.ToString(), Date(f.DateOfBirth), f.Nationality,
                     f.Status.ToString(), p.Number, p.IssuingState, Date(p.ExpiryDate), permit?.Type.ToString() ?? "", permit?.Number ?? "",
                     permit is null ? "" : Date(permit.IssueDate), permit is null ? "" : Date(permit.ExpiryDate), permit?.Purpose ?? "",
                     permit?.Sponsor ?? "", a.VillageCode, a.Rw.ToString(CultureInfo.InvariantCulture), a.Rt.ToString(CultureInfo.InvariantCulture),
                     a.Street ?? "", Date(a.Since),
                 })
            csv.WriteField(value);
        csv.NextRecord();
    }

    /// <summary>A row the import must reject: each kind of mistake in turn.</summary>
    private void WriteBadRow(CsvWriter csv, int n, Random rng)
    {
        string[] row =
        [
            $"B{n:D9}", "1", "Bad Row", "Male", "1980-01-01", "CHN", "Active", $"Q{n:D8}", "CHN", "2030-01-01", "ITK", $"QB{n:D9}",
            "2026-01-01", "2026-02-01", "visit", "", villageCodes[rng.Next(villageCodes.Count)], "1", "1", "", "",
        ];
        switch (n % 5)
        {
            case 0: row[16] = "99.99.99.9999"; break;          // no such village
            case 1: row[7] = "NOT-A-PASSPORT"; break;           // not ICAO 9303
            case 2: row[4] = "01/02/1980"; break;               // not a date
            case 3: row[2] = ""; break;                          // no name
            case 4: row[10] = "ITAS"; break;                    // an ITAS without a sponsor
        }
        foreach (var value in row) csv.WriteField(value);
        csv.NextRecord();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The feed as batches of events, in the order they are sent; <paramref name="at"/> is when the first happened.
    /// <paramref name="expected"/>, when given, receives each person as the central database has them after the feed.
    /// </summary>
    public IEnumerable<List<CentralEventMessage>> Feed(FeedPlan plan, DateTimeOffset at, IDictionary<string, Foreigner>? expected = null)
    {
        var rng = new Random(seed + 2);
        var people = People(plan.FirstPerson, plan.People).Select(p => new Simulated(p.CentralId, p.Person, plan.PeopleExist ? 1 : 0)).ToList();
        var events = new List<CentralEventMessage>();
        var n = 0;
        CentralEventMessage Next(Simulated s, string type, Func<CentralEventMessage, CentralEventMessage> fill) =>
            fill(new CentralEventMessage($"E{seed}-{plan.FirstPerson}-{++n:D9}", s.Id, ++s.Sequence, type, at.AddMilliseconds(n)));

        if (!plan.PeopleExist)
            foreach (var s in people.Take(plan.Events))
                events.Add(Next(s, nameof(CentralEventType.PersonCreated), e => e with { Person = Record(s.Person) }));
        var misses = 0;
        while (events.Count < plan.Events && misses < 10_000)
        {
            var s = people[rng.Next(people.Count)];
            if (s.Person.Status != ResidentStatus.Active) { misses++; continue; } // departed people have no more events
            misses = 0;
            var f = s.Person;
            var now = f.UpdatedAt;
            var permit = f.CurrentPermit!;
            var kind = rng.Next(100);
            events.Add(kind switch
            {
                < 30 => Next(s, nameof(CentralEventType.PermitExtended), e =>
                {
                    f.RecordPermit(permit.Type, permit.Number, permit.IssueDate, permit.ExpiryDate.AddDays(180), permit.Purpose, permit.Sponsor, now);
                    return e with { Permit = new PermitDto(null, permit.Number, null, permit.ExpiryDate, null, null) };
                }),
                < 55 => Next(s, nameof(CentralEventType.AddressChanged), e =>
                {
                    var a = f.CurrentAddress!;
                    var village = villageCodes[rng.Next(villageCodes.Count)];
                    var since = a.Since.AddDays(30) > today ? today : a.Since.AddDays(30);
                    f.MoveTo(village, 1 + rng.Next(10), 1 + rng.Next(15), a.Street, since, now);
                    return e with { Address = new AddressDto(village, f.Rw, f.Rt, a.Street, since) };
                }),
                < 70 => Next(s, nameof(CentralEventType.PassportRenewed), e =>
                {
                    var number = RenewedPassport(s.Id, s.Sequence);
                    var state = f.Passports[0].IssuingState;
                    f.RecordPassport(number, state, today.AddYears(10), now);
                    return e with { Passport = new PassportDto(number, state, today.AddYears(10)) };
                }),
                < 80 => Next(s, nameof(CentralEventType.PersonUpdated), e => e with { Person = Record(f) }),
                < 88 when permit.Type == PermitType.ITAS => Next(s, nameof(CentralEventType.PermitConverted), e =>
                {
                    var number = $"KP{s.Id[1..]}{s.Sequence:D2}";
                    var issued = today.AddDays(-1) < permit.IssueDate ? permit.IssueDate.AddDays(1) : today.AddDays(-1);
                    f.CancelPermit(permit.Number, issued, now);
                    f.RecordPermit(PermitType.ITAP, number, issued, issued.AddYears(5), permit.Purpose, permit.Sponsor ?? "PT Sponsor", now);
                    return e with
                    {
                        PreviousPermitNumber = permit.Number,
                        Permit = new PermitDto(PermitType.ITAP, number, issued, issued.AddYears(5), permit.Purpose, permit.Sponsor ?? "PT Sponsor"),
                    };
                }),
                < 97 => Next(s, nameof(CentralEventType.PermitIssued), e =>
                {
                    var number = $"KI{s.Id[1..]}{s.Sequence:D2}";
                    f.RecordPermit(PermitType.ITK, number, today, today.AddDays(60), "visit", null, now);
                    return e with { Permit = new PermitDto(PermitType.ITK, number, today, today.AddDays(60), "visit", null) };
                }),
                < 99 => Next(s, nameof(CentralEventType.Departed), e =>
                {
                    f.SetStatus(ResidentStatus.Departed, now);
                    return e with { EffectiveDate = today };
                }),
                _ => Next(s, nameof(CentralEventType.Deported), e =>
                {
                    f.SetStatus(ResidentStatus.Deported, now);
                    return e with { EffectiveDate = today };
                }),
            });
        }

        // Poison: events the registry must refuse (a village that does not exist, an extension that shortens).
        for (var i = 0; i < events.Count; i++)
            if (plan.Poison > 0 && rng.NextDouble() < plan.Poison && events[i].Type == nameof(CentralEventType.AddressChanged))
                events[i] = events[i] with { Address = events[i].Address! with { VillageCode = "99.99.99.9999" } };
        // Disorder: an event swapped with its neighbour, often across a batch boundary.
        for (var i = 0; i + 1 < events.Count; i++)
            if (plan.Disorder > 0 && rng.NextDouble() < plan.Disorder)
                (events[i], events[i + 1]) = (events[i + 1], events[i]);
        foreach (var p in people) expected?.Add(p.Id, p.Person);
        return events.Chunk(plan.BatchSize).Select(c => c.ToList());
    }

    private sealed class Simulated(string id, Foreigner person, long sequence)
    {
        public string Id { get; } = id;
        public Foreigner Person { get; } = person;
        public long Sequence { get; set; } = sequence;
    }

    public static ForeignerRequest Record(Foreigner f) => new(f.FullName, f.Sex, f.DateOfBirth, f.Nationality, f.Status,
        f.Passports.Select(p => new PassportDto(p.Number, p.IssuingState, p.ExpiryDate)).ToList(),
        f.Permits.Select(p => new PermitDto(p.Type, p.Number, p.IssueDate, p.ExpiryDate, p.Purpose, p.Sponsor)).ToList(),
        f.CurrentAddress is { } a ? new AddressDto(a.VillageCode, a.Rw, a.Rt, a.Street, a.Since) : null, null);

    public static byte[] Body(IEnumerable<CentralEventMessage> batch) =>
        JsonSerializer.SerializeToUtf8Bytes(new { events = batch }, SyncJson.Options);

    /// <summary>Posts each batch, signed, in order; the sum of the answers.</summary>
    public static async Task<(BatchResult Total, TimeSpan Elapsed)> PushAsync(HttpClient http, byte[] key,
        IEnumerable<List<CentralEventMessage>> batches, IProgress<BatchResult>? progress = null, CancellationToken ct = default)
    {
        var total = new BatchResult(0, 0, 0, 0, 0, 0, []);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var body = Body(batch);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(FeedSignature.Header, FeedSignature.Sign(body, key, DateTimeOffset.UtcNow));
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode}: {text}");
            var r = JsonSerializer.Deserialize<BatchResult>(text, SyncJson.Options)!;
            total = new BatchResult(total.Received + r.Received, total.Applied + r.Applied, total.Duplicates + r.Duplicates,
                total.Waiting + r.Waiting, total.Parked + r.Parked, total.Superseded + r.Superseded, []);
            progress?.Report(total);
        }
        return (total, clock.Elapsed);
    }

    public static Encoding Utf8 { get; } = new UTF8Encoding(false);
}
