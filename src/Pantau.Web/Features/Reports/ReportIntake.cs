using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Reports;

/// <summary>A report as the form or an API client sends it.</summary>
public sealed record ReportSubmission(
    ReportCategory? Category, double? Latitude, double? Longitude, string? VillageCode, string? Address, DateTimeOffset? OccurredAt,
    string? Description, string? PersonNationality, string? PersonName, string? Workplace);

/// <summary>A photo as it came (<see cref="Content"/>, only read for its size and the retry's hash) and as Pantau keeps it (<see cref="Clean"/>).</summary>
public sealed record PhotoUpload(string FileName, byte[] Content)
{
    /// <summary>Re-encoded without metadata; null when it is not an image Pantau takes (or too large to look at).</summary>
    public CleanPhoto? Clean { get; } = Content.Length <= ReportPhoto.MaxBytes ? PhotoCleaning.Clean(Content) : null;
}

/// <summary>The rules a report passes on its way in, without HTTP: validation, routing, and the incident it joins.</summary>
public static class ReportRules
{
    // Indonesia's extent, with a margin for its seas.
    public const double SouthOf = -11.5, NorthOf = 6.5, WestOf = 94.5, EastOf = 141.5;

    public static bool InIndonesia(double lat, double lon) => lat is >= SouthOf and <= NorthOf && lon is >= WestOf and <= EastOf;

    /// <summary>A position this far outside the kelurahan picked is flagged to the officer (a GPS fix is good to tens of metres).</summary>
    public const int PlaceDisagreesBeyondMetres = 500;

    public static Validation Validate(ReportSubmission s, IReadOnlyList<PhotoUpload> photos, DateTime now, bool descriptionRequired = true)
    {
        var v = new Validation();
        v.Require("category", s.Category is not null, ReportsCodes.PickCategoryOverstayUnauthorisedWork);
        if (s.Latitude is not null || s.Longitude is not null)
        {
            if (v.Require("latitude", s.Latitude is >= -90 and <= 90 && s.Longitude is >= -180 and <= 180, ReportsCodes.PositionNeedsLatitude90))
                v.Require("latitude", InIndonesia(s.Latitude!.Value, s.Longitude!.Value), ReportsCodes.PositionOutsideIndonesiaPantau);
        }
        // A position alone is enough: intake finds its kelurahan.
        if (s.VillageCode is not null || s.Latitude is null || s.Longitude is null)
            v.Require("villageCode", RegionCode.IsWellFormed(s.VillageCode) && RegionCode.LevelOf(s.VillageCode!) == RegionLevel.Village,
                ReportsCodes.PickKelurahanDesaWhere);
        Text(v, "address", s.Address, Report.MaxAddress, required: false);
        if (v.Require("occurredAt", s.OccurredAt is not null, ReportsCodes.WhenDidHappen))
            v.Require("occurredAt", s.OccurredAt!.Value.UtcDateTime <= now.AddMinutes(5) && s.OccurredAt.Value.UtcDateTime >= now.AddDays(-365),
                ReportsCodes.TimePastYearNot);
        Text(v, "description", s.Description, Report.MaxDescription, required: descriptionRequired);
        if (s.PersonNationality is { Length: > 0 } n)
            v.Require("personNationality", Nationalities.IsKnown(Nationalities.Normalize(n)), ReportsCodes.ApparentNationalityISO3166);
        Text(v, "personName", s.PersonName, 200, required: false);
        Text(v, "workplace", s.Workplace, 200, required: false);
        return v.Add(ValidatePhotos(photos));
    }

    public static Validation ValidatePhotos(IReadOnlyList<PhotoUpload> photos)
    {
        var v = new Validation();
        if (photos.Count > ReportPhoto.MaxPerReport) v.Add("photos", ReportsCodes.AtMostPhotos, ReportPhoto.MaxPerReport);
        for (var i = 0; i < photos.Count; i++)
        {
            if (photos[i].Content.Length > ReportPhoto.MaxBytes) v.Add($"photos[{i}]", ReportsCodes.PhotoMost5MB);
            else if (photos[i].Clean is null) v.Add($"photos[{i}]", ReportsCodes.PhotoJPEGPNGWebP);
        }
        return v;
    }

    private static void Text(Validation v, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) v.Add(field, ReportsCodes.Required); return; }
        v.Require(field, value.Trim().Length <= max, SharedCodes.AtMostCharacters, max);
        v.Require(field, !value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'), SharedCodes.ControlCharactersNotAllowed);
    }

    /// <summary>The image type from the file's first bytes; null for anything else, whatever its name says.</summary>
    public static string? ImageType(ReadOnlySpan<byte> b) =>
        b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 8 && b[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>
    /// The incident a verified report joins: same office and category in the last 24 hours, and within 200 m (with
    /// GPS) or in the same kelurahan (without); else a new one. Its independent reporters are counted from its
    /// reports when read (in <c>Operations.ReportsApi</c>), so concurrent joins cannot lose a count.
    /// </summary>
    private const double BoxLat = Incident.RadiusMetres / 110_000;
    private static double BoxLon(double latitude) => BoxLat / Math.Max(0.1, Math.Cos(latitude * Math.PI / 180));

    private static readonly Func<PantauDb, int, ReportCategory, DateTime, double, double, double, double, IAsyncEnumerable<Incident>> NearQuery =
        EF.CompileAsyncQuery((PantauDb db, int office, ReportCategory category, DateTime since, double south, double north, double west, double east) =>
            db.Incidents.Where(i => i.OfficeId == office && i.Category == category && i.LastReportAt >= since
                && i.Latitude >= south && i.Latitude <= north && i.Longitude >= west && i.Longitude <= east));

    private static readonly Func<PantauDb, int, ReportCategory, DateTime, string, IAsyncEnumerable<Incident>> VillageQuery =
        EF.CompileAsyncQuery((PantauDb db, int office, ReportCategory category, DateTime since, string village) =>
            db.Incidents.Where(i => i.OfficeId == office && i.Category == category && i.LastReportAt >= since && i.Latitude == null && i.VillageCode == village));

    public static async Task<Incident> JoinIncidentAsync(PantauDb db, Report r, DateTime now, CancellationToken ct)
    {
        var since = now - Incident.Window;
        // Only what lies near is read (and tracked), not the whole day's incidents: in the box around the circle, or of
        // the same kelurahan. Compiled: this runs for every verified report, in the intake writer's single loop.
        var near = r.Latitude is { } north && r.Longitude is { } east
            ? NearQuery(db, r.OfficeId, r.Category, since, north - BoxLat, north + BoxLat, east - BoxLon(north), east + BoxLon(north))
            : VillageQuery(db, r.OfficeId, r.Category, since, r.VillageCode!);
        await foreach (var _ in near.WithCancellation(ct)) { }
        // The tracked ones: those just read, and those opened by reports saved in the same transaction.
        var candidates = db.Incidents.Local.Where(i => i.OfficeId == r.OfficeId && i.Category == r.Category && i.LastReportAt >= since);
        var incident = r.Latitude is { } lat && r.Longitude is { } lon
            ? candidates.Where(i => i.Latitude is not null)
                .Select(i => (Incident: i, Distance: Distance.Metres(lat, lon, i.Latitude!.Value, i.Longitude!.Value)))
                .Where(x => x.Distance <= Incident.RadiusMetres).OrderBy(x => x.Distance).Select(x => x.Incident).FirstOrDefault()
            : candidates.FirstOrDefault(i => i.Latitude is null && i.VillageCode == r.VillageCode);
        if (incident is null)
        {
            incident = new Incident
            {
                Category = r.Category, OfficeId = r.OfficeId, Latitude = r.Latitude, Longitude = r.Longitude, VillageCode = r.VillageCode!,
                FirstReportAt = now,
            };
            db.Incidents.Add(incident);
        }
        incident.LastReportAt = now;
        return incident;
    }

    /// <summary>The office whose jurisdiction holds the kelurahan; null for none, or for a code that is not a kelurahan.</summary>
    public static async Task<int?> OfficeForAsync(PantauDb db, JurisdictionMap map, RegionNames regions, string villageCode, CancellationToken ct)
    {
        if (await regions.NameOfAsync(db, villageCode, ct) is null) return null;
        return (await map.GetAsync(db)).TryGetValue(villageCode[..5], out var office) ? office : null;
    }
}

/// <summary>A submission with what its transport adds: the client's retry key, the reporter's proof, the device and address.</summary>
/// <param name="Client">The Open311 client application that sends it, if any (it sees its own reports in full).</param>
/// <param name="OccurredAtByServer">The transport filled in the time (Open311 without occurred_at): a retry's differs, and is not the body's.</param>
/// <param name="ClientResends">
/// The transport's clients re-send a report whose answer they did not get, without a retry key (Open311): the same
/// content from the same source within a day is that report again. The description is optional there, as the standard says.
/// </param>
public sealed record IntakeRequest(ReportSubmission Submission, IReadOnlyList<PhotoUpload> Photos, string? IdempotencyKey, string? ReporterToken,
    string? DeviceId, string? ClientAddress, ClientApplication? Client = null, bool OccurredAtByServer = false, bool ClientResends = false);

/// <summary>An application that sends reports for its users (an Open311 key); a trusted one has verified them itself.</summary>
public sealed record ClientApplication(Guid Id, string Name, bool Trusted);

/// <summary>
/// What became of a submission: a new report, the report an earlier try with the same key made (<see cref="Repeated"/>),
/// or a refusal.
/// </summary>
public sealed record IntakeResult(Report? Report, bool Repeated, IntakeRefusal? Refusal);

/// <summary>Why a submission was refused: an HTTP status and a title (a code), and for bad input the fields at fault.</summary>
public sealed record IntakeRefusal(int Status, string Title, Validation? Fields = null)
{
    public const string InvalidTitle = SharedCodes.RequestNotValid;

    /// <summary>The fields' messages in English.</summary>
    public IDictionary<string, string[]>? Errors => Fields?.Errors;

    public static IntakeRefusal Invalid(Validation v) => new(400, InvalidTitle, v);
    public static IntakeRefusal Invalid(string field, string code) => Invalid(new Validation().Add(field, code));
}

/// <summary>
/// The one way a report comes in, whatever the transport (the phone form, JSON, Open311): idempotent by key, validated,
/// routed to the office holding the place, rate-limited per device and per phone, and either verified at once (a
/// trusted account or a proved phone) or left waiting for its reporter's phone.
/// </summary>
public static class ReportIntake
{
    /// <summary>The request headers of an intake (the public API's and Open311's).</summary>
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReporterTokenHeader = "X-Reporter-Token";

    /// <summary>A retried submission (its first answer lost on the way) is answered again, with a new key: none is kept to show twice.</summary>
    public static async Task<Report> RekeyAsync(PantauDb db, Report earlier, DateTime now, CancellationToken ct)
    {
        earlier.IssueKey(now);
        db.ReportKeys.Add(earlier.Keys[^1]);
        await db.SaveChangesAsync(ct);
        return earlier;
    }

    public static async Task<IntakeResult> SubmitAsync(IntakeRequest request, PantauDb db, CurrentStaff current, JurisdictionMap offices,
        RegionNames regions, PlaceFinder places, IntakeWriter writer, TimeProvider time, IOptions<ReportsOptions> options, CancellationToken ct)
    {
        var limits = options.Value.Limits;
        var submission = request.Submission;
        var givenKey = request.IdempotencyKey is { Length: > 0 } k ? k.Trim() : Guid.NewGuid().ToString("N");
        if (givenKey.Length > 100) return Refused(IntakeRefusal.Invalid(new Validation().Add(IdempotencyHeader, SharedCodes.AtMostCharacters, 100)));
        // The key is the client's own: stored as a hash of who sends it (device, reporter token, account, else address)
        // and the key, so another client sending the same key is a new submission, never this client's receipt.
        var key = IdempotencyKeyOf(request, current, givenKey);
        var body = BodyHashOf(request.OccurredAtByServer ? submission with { OccurredAt = null } : submission, request.Photos);

        // A retry of an acknowledged submission gets the same report back, not a second one; another body under the
        // same key is a mistake or an attack, and gets nothing of the first.
        if (await db.Reports.AcrossOffices("a retried submission finds the report its key made").AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct) is { } earlier)
            return earlier.SubmissionHash is { } known && known != body ? Refused(KeyReused) : new(earlier, true, null);

        var now = time.GetUtcNow().UtcDateTime;
        if (request.ClientResends && request.IdempotencyKey is not { Length: > 0 } && await ResendOfAsync(db, request, body, now, ct) is { } resent)
            return new(resent, true, null);
        var v = ReportRules.Validate(submission, request.Photos, now, descriptionRequired: !request.ClientResends);
        if (!v.IsValid) return Refused(IntakeRefusal.Invalid(v));
        // The place: the kelurahan picked, or the one the position lies in; a position far outside the one picked is
        // kept and flagged, never silently dropped or trusted over the reporter's choice.
        var villageCode = submission.VillageCode;
        int? offPlace = null;
        if (submission.Latitude is { } lat && submission.Longitude is { } lng)
        {
            if (villageCode is null)
            {
                if (places.Shapes.At(lat, lng) is not { } hit)
                    return Refused(IntakeRefusal.Invalid("latitude", ReportsCodes.PositionOutsideIndonesiaPantau));
                villageCode = hit.Code;
            }
            else if (places.Shapes.MetresOutside(villageCode, lat, lng) is > ReportRules.PlaceDisagreesBeyondMetres and var metres)
                offPlace = metres;
        }
        var officeId = await ReportRules.OfficeForAsync(db, offices, regions, villageCode!, ct);
        if (officeId is null)
            return Refused(IntakeRefusal.Invalid(submission.VillageCode is null ? "latitude" : "villageCode",
                await regions.NameOfAsync(db, villageCode!, ct) is not null
                ? ReportsCodes.NoImmigrationOfficePantau
                : ReportsCodes.ThereNoKelurahanDesa));

        var hourAgo = now.AddHours(-1);
        if (request.DeviceId is { } device
            && await db.Reports.AcrossOffices("a device's reports are counted in every office").CountAsync(r => r.DeviceId == device && r.CreatedAt > hourAgo, ct) >= limits.PerDevicePerHour)
            return Refused(new(429, ReportsCodes.DeviceHasSentMost));

        // Who reports: a trusted account, a trusted application's user, a verified phone, or (until the phone is proved) no one yet.
        var trusted = current.Role is StaffRole.NeighbourhoodHead or StaffRole.Partner ? current.UserId : null;
        var trustedClient = trusted is null && request.Client is { Trusted: true } ? request.Client : null;
        // A trusted application sends all its users' reports from one address: it is limited as one sender of its own.
        if (trustedClient is not null
            && await db.Reports.AcrossOffices("an application's reports are counted in every office").CountAsync(r => r.ApiClientId == trustedClient.Id && r.CreatedAt > hourAgo, ct) >= limits.PerClientPerHour)
            return Refused(new(429, ReportsCodes.ClientHasSentMost));
        // The device id is the client's to leave out or change: without a proved phone, the client's address is
        // limited too (with one, the per-phone limit below holds whatever the device says).
        if (trusted is null && trustedClient is null && request.ReporterToken is not { Length: > 0 } && request.ClientAddress is { } address
            && await db.Reports.AcrossOffices("an address's unverified reports are counted in every office").CountAsync(r => r.ClientAddress == address && r.CreatedAt > hourAgo
                && r.ReporterId == null && r.TrustedReporterId == null, ct) >= limits.UnverifiedPerAddressPerHour)
            return Refused(new(429, ReportsCodes.NetworkHasSentMost));
        Reporter? reporter = null;
        if (trusted is null && trustedClient is null && request.ReporterToken is { Length: > 0 } token)
        {
            var hash = ReporterSession.Hash(token);
            var dayAgo = now.AddDays(-1);
            var found = await db.ReporterSessions.Where(s => s.TokenHash == hash && s.ExpiresAt > now)
                .Join(db.Reporters, s => s.ReporterId, r => r.Id, (s, r) => new
                {
                    Reporter = r,
                    Today = db.Reports.AcrossOffices("a phone's reports are counted in every office").Count(x => x.ReporterId == r.Id && x.CreatedAt > dayAgo),
                }).FirstOrDefaultAsync(ct);
            if (found is null) return Refused(new(401, ReportsCodes.ReporterTokenUnknownExpired));
            reporter = found.Reporter;
            if (reporter.IsBlocked) return Refused(Blocked);
            if (found.Today >= limits.PerPhonePerDay)
                return Refused(new(429, ReportsCodes.PhoneNumberHasSent));
        }

        var verified = trusted is not null || trustedClient is not null || reporter is not null;
        var verificationToken = verified ? null : ReporterSession.NewToken();
        Report Build()
        {
            var report = new Report
            {
                Ticket = Tickets.New(), Category = submission.Category!.Value, Latitude = submission.Latitude, Longitude = submission.Longitude,
                VillageCode = villageCode, PositionOffPlaceMetres = offPlace, Address = Clean(submission.Address), OccurredAt = submission.OccurredAt!.Value.UtcDateTime,
                Description = Clean(submission.Description) ?? "", PersonNationality = string.IsNullOrWhiteSpace(submission.PersonNationality) ? null : Nationalities.Normalize(submission.PersonNationality),
                PersonName = Clean(submission.PersonName), Workplace = Clean(submission.Workplace), TrustedReporterId = trusted, OfficeId = officeId.Value,
                CreatedAt = now, IdempotencyKey = key, SubmissionHash = body, DeviceId = request.DeviceId, ClientAddress = request.ClientAddress,
                ApiClientId = request.Client?.Id, ClientName = request.Client?.Name,
                Photos = request.Photos.Select(p => new ReportPhoto { ContentType = p.Clean!.ContentType, Content = p.Clean.Content }).ToList(),
            };
            if (reporter is not null) report.BindReporter(reporter.Id);
            report.IssueKey(now); // the reporter's key, for the receipt and the text message
            if (verificationToken is not null) report.AwaitVerification(verificationToken, now);
            return report;
        }

        Report? saved = null;
        for (var attempt = 1; saved is null; attempt++)
        {
            try
            {
                saved = await writer.SaveAsync(Build, verified, reporter?.Phone, ct);
            }
            catch (DbUpdateException)
            {
                // The same submission raced in twice (the first one won), or the ticket drawn was one already given
                // (rare, but bound to happen over millions of reports): the next try draws another.
                if (await db.Reports.AcrossOffices("a retried submission finds the report its key made").AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct) is { } first)
                    return first.SubmissionHash is { } known && known != body ? Refused(KeyReused) : new(first, true, null);
                if (attempt == 3) throw;
            }
        }
        return new(saved, false, null);
    }

    /// <summary>
    /// The report this submission repeats: the same content (<see cref="BodyHashOf"/>) from the same source in the last
    /// day. The source is the client application, else the device, else the address.
    /// </summary>
    private static async Task<Report?> ResendOfAsync(PantauDb db, IntakeRequest request, string body, DateTime now, CancellationToken ct)
    {
        var dayAgo = now.AddDays(-1);
        var same = db.Reports.AcrossOffices("a client's re-send finds the report it repeats, whichever office holds it").AsNoTracking()
            .Where(r => r.SubmissionHash == body && r.CreatedAt > dayAgo);
        same = request.Client is { } client ? same.Where(r => r.ApiClientId == client.Id)
            : request.DeviceId is { } device ? same.Where(r => r.ApiClientId == null && r.DeviceId == device)
            : same.Where(r => r.ApiClientId == null && r.DeviceId == null && r.ClientAddress == request.ClientAddress);
        return await same.OrderBy(r => r.CreatedAt).FirstOrDefaultAsync(ct);
    }

    public static readonly IntakeRefusal KeyReused =
        new(422, ReportsCodes.IdempotencyKeyWasAlready);

    /// <summary>The stored key: SHA-256 of who sends it and the key they gave (64 hex characters).</summary>
    public static string IdempotencyKeyOf(IntakeRequest request, CurrentStaff current, string key)
    {
        var client = request.DeviceId is not null || request.ReporterToken is { Length: > 0 } || current.UserId is not null
            ? $"device:{request.DeviceId}|token:{(request.ReporterToken is { Length: > 0 } t ? ReporterSession.Hash(t) : "")}|account:{current.UserId}"
            : $"address:{request.ClientAddress}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{client}\n{key}")));
    }

    /// <summary>What the submission said (fields and photos' bytes), so that a retry is known from another report under the same key.</summary>
    public static string BodyHashOf(ReportSubmission submission, IReadOnlyList<PhotoUpload> photos)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(submission));
        foreach (var photo in photos) hash.AppendData(SHA256.HashData(photo.Content));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static readonly IntakeRefusal Blocked =
        new(403, ReportsCodes.NumberBlockedAfterRepeated);

    private static IntakeResult Refused(IntakeRefusal refusal) => new(null, false, refusal);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
