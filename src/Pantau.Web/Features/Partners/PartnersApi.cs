using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Statistics;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Partners;

public sealed record PartnerPermitPage(string District, IReadOnlyList<PartnerPermit> Items, int Page, int PageSize, int Total);
/// <summary>A count as partners see it: rounded to a multiple of five, 1 to 4 as "&lt;5" (null), like the public's.</summary>
public sealed record CountRow(string Key, string? Name, int? Count, string Display);
public sealed record PartnerCounts(string District, int? Total, string TotalDisplay, IReadOnlyList<CountRow> ByVillage,
    IReadOnlyList<CountRow> ByNationality, IReadOnlyList<CountRow> ByPermitType);

/// <summary><paramref name="Record"/>: the record's designation from an export the partner read within the last day.</summary>
public sealed record AccessRequestBody(string? Record, string? Reason);
public sealed record DecisionBody(int? Hours, string? Note);
/// <summary>
/// A request as its partner or its office head sees it; only the head gets the permit's and the person's registry ids
/// and <paramref name="Asked"/>: what the partner asks to see, as the partner saw it in the export.
/// </summary>
public sealed record AccessRequestResponse(Guid Id, Guid? RecordId, string PartnerName, string Reason, DateTime RequestedAt,
    AccessRequestState State, DateTime? DecidedAt, string? DecisionNote, DateTime? OpenUntil, Guid? ForeignerId = null, AskedRecord? Asked = null);
/// <param name="Place">The kelurahan as a person reads it; <paramref name="PermitPurpose"/> its category (permitPurpose.*).</param>
public sealed record AskedRecord(string Nationality, PermitType PermitType, string PermitPurpose, string VillageCode, string? Place);
/// <param name="Place">The kelurahan as a person reads it ("Sukarasa, Kec. Tangerang, Kota Tangerang").</param>
public sealed record IdentifiedPerson(Guid RequestId, Guid ForeignerId, string FullName, string Nationality, DateOnly DateOfBirth,
    IReadOnlyList<string> PassportNumbers, string? PermitNumber, string VillageCode, string? Place, int Rw, int Rt, string? Street, DateTime OpenUntil);

/// <summary>
/// Partner agencies (Polsek, Koramil, Kecamatan): de-identified permits and counts for their kecamatan only, and the
/// access-request path to one named record. Their scope (the query filter) limits the rows; <see cref="PartnerRelease"/>
/// generalises what is shown until no one is singled out (k = 5), and counts go out as <see cref="PublishedCount"/>.
/// </summary>
public static class PartnersApi
{
    public static void MapPartners(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/partner").WithTags("Partners").RequireAuthorization(Policies.PartnerView);
        partner.MapGet("/permits", Permits);
        partner.MapGet("/permits.csv", PermitsCsv).Produces<Stream>(StatusCodes.Status200OK, "text/csv");
        partner.MapGet("/counts", Counts);
        partner.MapPost("/access-requests", RequestAccess);
        partner.MapGet("/access-requests", MyRequests);
        partner.MapGet("/access-requests/{id:guid}/person", OpenRecord);

        var heads = app.MapGroup("/api/access-requests").WithTags("Partners").RequireAuthorization(Policies.DecideAccess);
        heads.MapGet("/", OfficeRequests);
        heads.MapPost("/{id:guid}/approve", Approve);
        heads.MapPost("/{id:guid}/deny", Deny);
    }

    private static ValidationProblem? CheckDistrict(string? district) =>
        RegionCode.IsWellFormed(district) && RegionCode.LevelOf(district!) == RegionLevel.District
            ? null
            : Validation.Single("district", PartnersCodes.KecamatanCodeSuch31);

    /// <summary>A partner asks only for one of their own kecamatan; another is forbidden, not merely empty.</summary>
    private static bool IsTheirs(string district, CurrentStaff current) => current.Scope.DistrictCodes.Contains(district);

    private static IQueryable<StayPermit> CurrentPermitsIn(PantauDb db, string district) =>
        // Each active resident's governing permit: the latest-expiring one not cancelled.
        db.StayPermits.AsNoTracking().Where(p => p.CancelledOn == null
            && db.Foreigners.Any(f => f.Id == p.ForeignerId && f.DistrictCode == district && f.Status == ResidentStatus.Active)
            && p.Id == db.StayPermits.Where(q => q.ForeignerId == p.ForeignerId && q.CancelledOn == null)
                .OrderByDescending(q => q.ExpiryDate).ThenByDescending(q => q.Id).Select(q => q.Id).FirstOrDefault());

    private static IQueryable<PartnerRow> Rows(PantauDb db, string district) =>
        from p in CurrentPermitsIn(db, district)
        join f in db.Foreigners.AsNoTracking() on p.ForeignerId equals f.Id
        select new PartnerRow
        {
            Id = p.Id, Nationality = f.Nationality, Type = p.Type, Purpose = p.Purpose, IssueDate = p.IssueDate, ExpiryDate = p.ExpiryDate,
            CancelledOn = p.CancelledOn, VillageCode = f.VillageCode, Rw = f.Rw,
        };

    // Member initialisation (not a constructor) so that EF can still sort and group on the projected columns.
    private sealed class PartnerRow
    {
        public Guid Id { get; init; }
        public string Nationality { get; init; } = "";
        public PermitType Type { get; init; }
        public string? Purpose { get; init; }
        public DateOnly IssueDate { get; init; }
        public DateOnly ExpiryDate { get; init; }
        public DateOnly? CancelledOn { get; init; }
        public string VillageCode { get; init; } = "";
        public int Rw { get; init; }
    }

    /// <summary>The kecamatan's released records, generalised for today, each sealed for this partner.</summary>
    private static async Task<List<PartnerPermit>> ReleaseAsync(PantauDb db, string district, CurrentStaff current, RecordTokens tokens,
        TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rows = await Rows(db, district).ToListAsync(ct);
        var releasable = rows.Select(r => new ReleasableRow(r.Id, r.Nationality, r.Type, r.Purpose, r.IssueDate, r.ExpiryDate,
            new StayPermit { Number = "", ExpiryDate = r.ExpiryDate, CancelledOn = r.CancelledOn }.StatusOn(today), r.VillageCode, r.Rw)).ToList();
        var names = await VillageNamesAsync(db, district);
        return PartnerRelease.Generalise(releasable, today).Select(x => new PartnerPermit(tokens.Seal(current.UserId!.Value, x.Row.PermitId, now),
            x.Shape.Nationality, x.Shape.PermitType, x.Shape.Purpose, x.Shape.ValidFrom, x.Shape.ValidUntil, x.Shape.Status, x.Shape.VillageCode,
            x.Shape.VillageCode is { } v ? names.GetValueOrDefault(v) : null, x.Shape.Rw)).ToList();
    }

    private static async Task<Results<Ok<PartnerPermitPage>, ValidationProblem, ForbidHttpResult>> Permits(string? district, PantauDb db, CurrentStaff current, IDataProtectionProvider protection,
        TimeProvider time, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        if (CheckDistrict(district) is { } invalid) return invalid;
        if (!IsTheirs(district!, current)) return TypedResults.Forbid();
        if (page < 1) return Validation.Single("page", SharedCodes.PagesStart1);
        if (pageSize is < 1 or > 500) return Validation.Single("pageSize", PartnersCodes.PageHolds1500);
        var released = await ReleaseAsync(db, district!, current, new RecordTokens(protection), time, ct);
        return TypedResults.Ok(new PartnerPermitPage(district!, released.Skip(InputRules.Skip(page, pageSize)!.Value).Take(pageSize).ToList(), page, pageSize, released.Count));
    }

    /// <summary>The same records as a spreadsheet: written by CsvHelper, and no cell can start a formula.</summary>
    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ForbidHttpResult>> PermitsCsv(string? district, PantauDb db, CurrentStaff current, IDataProtectionProvider protection,
        TimeProvider time, CancellationToken ct)
    {
        if (CheckDistrict(district) is { } invalid) return invalid;
        if (!IsTheirs(district!, current)) return TypedResults.Forbid();
        var released = await ReleaseAsync(db, district!, current, new RecordTokens(protection), time, ct);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
            foreach (var header in (string[])["record", "nationality", "permit_type", "purpose", "valid_from", "valid_until", "status", "village_code", "village_name", "rw"])
                csv.WriteField(header);
            await csv.NextRecordAsync();
            foreach (var p in released)
            {
                foreach (var cell in new[] { p.Record, p.Nationality, p.PermitType, p.Purpose, p.ValidFrom, p.ValidUntil, p.Status?.ToString(), p.VillageCode,
                    p.VillageName, p.Rw?.ToString(CultureInfo.InvariantCulture) })
                    csv.WriteField(cell ?? "");
                await csv.NextRecordAsync();
            }
        }, "text/csv; charset=utf-8", $"izin-tinggal-{district}.csv");
    }

    private static async Task<Results<Ok<PartnerCounts>, ValidationProblem, ForbidHttpResult>> Counts(string? district, PantauDb db, CurrentStaff current, CancellationToken ct)
    {
        if (CheckDistrict(district) is { } invalid) return invalid;
        if (!IsTheirs(district!, current)) return TypedResults.Forbid();
        var rows = Rows(db, district!);
        var names = await VillageNamesAsync(db, district!);
        var byVillage = await rows.GroupBy(r => r.VillageCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byNationality = await rows.GroupBy(r => r.Nationality).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byType = await rows.GroupBy(r => r.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Nationalities held by fewer than five are one "other" row, as in the records: a rare one is not named.
        var other = byNationality.Where(n => n.Count < PartnerRelease.K).Sum(n => n.Count);
        var nationalities = byNationality.Where(n => n.Count >= PartnerRelease.K).Select(n => (n.Key, n.Count)).ToList();
        if (other > 0) nationalities.Add((PartnerRelease.OtherNationality, other));
        static CountRow Row(string key, string? name, int count) => new(key, name, PublishedCount.Of(count), PublishedCount.Display(count));
        var total = byVillage.Sum(v => v.Count);
        return TypedResults.Ok(new PartnerCounts(district!, PublishedCount.Of(total), PublishedCount.Display(total),
            byVillage.OrderBy(v => v.Key).Select(v => Row(v.Key, names.GetValueOrDefault(v.Key), v.Count)).ToList(),
            nationalities.OrderByDescending(n => PublishedCount.Of(n.Count) ?? 0).ThenBy(n => n.Key == PartnerRelease.OtherNationality).ThenBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => Row(n.Key, null, n.Count)).ToList(),
            byType.OrderBy(t => t.Key).Select(t => Row(t.Key.ToString(), null, t.Count)).ToList()));
    }

    private static async Task<Results<Created<AccessRequestResponse>, ValidationProblem, NotFound>> RequestAccess(AccessRequestBody body,
        PantauDb db, CurrentStaff current, Auditor audit, JurisdictionMap offices, IDataProtectionProvider protection, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        Guid? permitId = null;
        if (v.Require("record", !string.IsNullOrWhiteSpace(body.Record), PartnersCodes.RecordOpenRequired))
            v.Require("record", (permitId = new RecordTokens(protection).Open(current.UserId!.Value, body.Record!.Trim())) is not null,
                PartnersCodes.RecordDesignationHasRun);
        if (v.Require("reason", !string.IsNullOrWhiteSpace(body.Reason), PartnersCodes.ReasonRequired))
            v.Require("reason", body.Reason!.Trim().Length is >= 10 and <= 500, PartnersCodes.Reason10500Characters);
        if (!v.IsValid) return v.Problem();
        // Still in the partner's kecamatan now (the scope filter), or not found.
        var record = await db.StayPermits.AsNoTracking().Where(p => p.Id == permitId)
            .Join(db.Foreigners, p => p.ForeignerId, f => f.Id, (p, f) => new { p.Id, f.RegencyCode, ForeignerId = f.Id })
            .FirstOrDefaultAsync(ct);
        if (record is null) return TypedResults.NotFound();
        var map = await offices.GetAsync(db);
        if (!map.TryGetValue(record.RegencyCode, out var officeId)) return TypedResults.NotFound();

        var now = time.GetUtcNow().UtcDateTime;
        var request = new AccessRequest(current.UserId!.Value, current.User!.FullName, record.Id, record.ForeignerId, officeId, body.Reason!.Trim(), now);
        db.AccessRequests.Add(request);
        await audit.SaveAsync(db, new AuditRecord(AuditActions.AccessRequest, RegistryQueries.RecordType, [record.ForeignerId], [record.RegencyCode],
            $"access request {request.Id}: {request.Reason}"), ct);
        return TypedResults.Created($"/api/partner/access-requests/{request.Id}", ToResponse(request, now));
    }

    private static async Task<Ok<List<AccessRequestResponse>>> MyRequests(PantauDb db, CurrentStaff current, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mine = await db.AccessRequests.AsNoTracking().Where(r => r.PartnerId == current.UserId).OrderByDescending(r => r.RequestedAt).ToListAsync();
        return TypedResults.Ok(mine.Select(r => ToResponse(r, now)).ToList());
    }

    private static async Task<Results<Ok<IdentifiedPerson>, NotFound, ProblemHttpResult>> OpenRecord(Guid id, PantauDb db, CurrentStaff current,
        Auditor audit, PlaceFinder places, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.AccessRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PartnerId == current.UserId, ct) is not { } request)
            return TypedResults.NotFound();
        if (!request.IsOpenAt(now))
            return Problems.Refusal(403, PartnersCodes.RequestNotOpen, new Message($"accessState.{request.StateAt(now)}"));
        // The approval opens this one record, wherever the partner's kecamatan are.
        var f = await db.Foreigners.Nationally("an approved access request opens its one record, wherever it is").AsNoTracking().Include(x => x.Passports).Include(x => x.Permits).Include(x => x.Addresses)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == request.ForeignerId, ct);
        if (f is null) return TypedResults.NotFound();
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Read, RegistryQueries.RecordType, [f.Id], [f.RegencyCode],
            $"access request {request.Id}: {request.Reason}"), ct);
        var address = f.CurrentAddress;
        return TypedResults.Ok(new IdentifiedPerson(request.Id, f.Id, f.FullName, f.Nationality, f.DateOfBirth,
            f.Passports.Select(p => p.Number).ToList(), f.Permits.FirstOrDefault(p => p.Id == request.PermitId)?.Number,
            f.VillageCode, places.Directory.Village(f.VillageCode)?.Label, f.Rw, f.Rt, address?.Street, request.OpenUntil!.Value));
    }

    private static async Task<Ok<List<AccessRequestResponse>>> OfficeRequests(PantauDb db, CurrentStaff current, PlaceFinder places, TimeProvider time,
        AccessRequestState? state, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var q = db.AccessRequests.AsNoTracking();
        if (current.Role != StaffRole.NationalAdmin) q = q.Where(r => r.OfficeId == current.OfficeId);
        var requests = (await q.OrderByDescending(r => r.RequestedAt).Take(500).ToListAsync(ct)).Where(r => state is null || r.StateAt(now) == state).ToList();
        return TypedResults.Ok(await ForHeadAsync(db, places, requests, now, ct));
    }

    /// <summary>
    /// The requests as the deciding head reads them: beside the ids, what the partner asks to see (nationality, permit
    /// type and purpose, kelurahan), read in the head's scope, so a record that has since left the office shows none.
    /// </summary>
    private static async Task<List<AccessRequestResponse>> ForHeadAsync(PantauDb db, PlaceFinder places, IReadOnlyList<AccessRequest> requests,
        DateTime now, CancellationToken ct)
    {
        var permitIds = requests.Select(r => r.PermitId).Distinct().ToList();
        var asked = await db.StayPermits.AsNoTracking().Where(p => permitIds.Contains(p.Id))
            .Join(db.Foreigners, p => p.ForeignerId, f => f.Id, (p, f) => new { p.Id, f.Nationality, p.Type, p.Purpose, f.VillageCode })
            .ToDictionaryAsync(x => x.Id, ct);
        return requests.Select(r => ToResponse(r, now) with
        {
            RecordId = r.PermitId,
            ForeignerId = r.ForeignerId,
            Asked = asked.TryGetValue(r.PermitId, out var a)
                ? new AskedRecord(a.Nationality, a.Type, PermitPurposes.Category(a.Purpose, a.Type), a.VillageCode, places.Directory.Village(a.VillageCode)?.Label)
                : null,
        }).ToList();
    }

    private static Task<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Approve(Guid id, DecisionBody body,
        PantauDb db, CurrentStaff current, Auditor audit, PlaceFinder places, TimeProvider time, CancellationToken ct)
    {
        if (body.Hours is not null and not (>= 1 and <= 168))
            return Task.FromResult<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>>(
                Validation.Single("hours", PartnersCodes.ApprovalOpensRecord1));
        var opening = body.Hours is { } h ? TimeSpan.FromHours(h) : AccessRequest.DefaultOpening;
        return DecideAsync(id, db, current, audit, places, time, AuditActions.AccessApproved, body.Note,
            (r, now) => r.Approve(current.UserId!.Value, opening, body.Note?.Trim(), now), ct);
    }

    private static Task<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Deny(Guid id, DecisionBody body,
        PantauDb db, CurrentStaff current, Auditor audit, PlaceFinder places, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Note) || body.Note.Length > 500)
            return Task.FromResult<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>>(
                Validation.Single("note", PartnersCodes.DenialGivesReasonUp));
        return DecideAsync(id, db, current, audit, places, time, AuditActions.AccessDenied, body.Note,
            (r, now) => r.Deny(current.UserId!.Value, body.Note.Trim(), now), ct);
    }

    private static async Task<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> DecideAsync(Guid id,
        PantauDb db, CurrentStaff current, Auditor audit, PlaceFinder places, TimeProvider time, string action, string? note, Action<AccessRequest, DateTime> decide,
        CancellationToken ct)
    {
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.Id == id
            && (current.Role == StaffRole.NationalAdmin || r.OfficeId == current.OfficeId), ct);
        if (request is null) return TypedResults.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        if (request.Decision != AccessRequestState.Pending)
            return TypedResults.Conflict(Problems.Details(409, PartnersCodes.RequestDecidedAlready));
        decide(request, now);
        var regency = await db.Foreigners.Nationally("the audit entry of an access decision names the office holding the person").Where(f => f.Id == request.ForeignerId).Select(f => f.RegencyCode).FirstAsync(ct);
        try
        {
            await audit.SaveAsync(db, new AuditRecord(action, RegistryQueries.RecordType, [request.ForeignerId], [regency],
                $"access request {request.Id}" + (note is null ? "" : $": {note.Trim()}")), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Conflict(Problems.Details(409, PartnersCodes.RequestDecidedAlready));
        }
        return TypedResults.Ok((await ForHeadAsync(db, places, [request], now, ct))[0]);
    }

    private static AccessRequestResponse ToResponse(AccessRequest r, DateTime now) =>
        new(r.Id, null, r.PartnerName, r.Reason, r.RequestedAt, r.StateAt(now), r.DecidedAt, r.DecisionNote, r.OpenUntil);

    private static Task<Dictionary<string, string>> VillageNamesAsync(PantauDb db, string district) =>
        db.Regions.AsNoTracking().Where(r => r.ParentCode == district).ToDictionaryAsync(r => r.Code, r => r.Name);
}
