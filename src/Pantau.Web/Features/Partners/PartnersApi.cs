using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Partners;

/// <summary>A permit without its holder: never a name, passport, permit number, date of birth or street.</summary>
public sealed record PartnerPermit(Guid RecordId, string Nationality, PermitType PermitType, string? Purpose, DateOnly ValidFrom,
    DateOnly ValidUntil, PermitStatus Status, string VillageCode, string? VillageName, int Rw);
public sealed record PartnerPermitPage(string District, IReadOnlyList<PartnerPermit> Items, int Page, int PageSize, int Total);
public sealed record CountRow(string Key, string? Name, int Count);
public sealed record PartnerCounts(string District, int Total, IReadOnlyList<CountRow> ByVillage, IReadOnlyList<CountRow> ByNationality,
    IReadOnlyList<CountRow> ByPermitType);

public sealed record AccessRequestBody(Guid? RecordId, string? Reason);
public sealed record DecisionBody(int? Hours, string? Note);
/// <summary>A request as its partner or its office head sees it; only the head gets the person's registry id.</summary>
public sealed record AccessRequestResponse(Guid Id, Guid RecordId, string PartnerName, string Reason, DateTime RequestedAt,
    AccessRequestState State, DateTime? DecidedAt, string? DecisionNote, DateTime? OpenUntil, Guid? ForeignerId = null);
public sealed record IdentifiedPerson(Guid RequestId, Guid ForeignerId, string FullName, string Nationality, DateOnly DateOfBirth,
    IReadOnlyList<string> PassportNumbers, string? PermitNumber, string VillageCode, int Rw, int Rt, string? Street, DateTime OpenUntil);

/// <summary>
/// Partner agencies (Polsek, Koramil, Kecamatan): de-identified permits and counts for their kecamatan only, and the
/// access-request path to one named record. Their scope (the query filter) limits the rows; this file limits the fields.
/// </summary>
public static class PartnersApi
{
    public static void MapPartners(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/partner").WithTags("Partners").RequireAuthorization(Policies.PartnerView);
        partner.MapGet("/permits", Permits);
        partner.MapGet("/permits.csv", PermitsCsv);
        partner.MapGet("/counts", Counts);
        partner.MapPost("/access-requests", RequestAccess);
        partner.MapGet("/access-requests", MyRequests);
        partner.MapGet("/access-requests/{id:guid}/person", OpenRecord);

        var heads = app.MapGroup("/api/access-requests").WithTags("Partners").RequireAuthorization(Policies.DecideAccess);
        heads.MapGet("/", OfficeRequests);
        heads.MapPost("/{id:guid}/approve", Approve);
        heads.MapPost("/{id:guid}/deny", Deny);
    }

    /// <summary>A partner asks only for one of their own kecamatan; another is forbidden, not merely empty.</summary>
    private static IResult? CheckDistrict(string? district, CurrentStaff current)
    {
        if (!RegionCode.IsWellFormed(district) || RegionCode.LevelOf(district!) != RegionLevel.District)
            return Validation.Single("district", "A kecamatan code such as 31.74.02 is required.");
        return current.Scope.DistrictCodes.Contains(district!) ? null : TypedResults.Forbid();
    }

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

    private static async Task<IResult> Permits(string? district, PantauDb db, CurrentStaff current, TimeProvider time, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        if (CheckDistrict(district, current) is { } refusal) return refusal;
        if (page < 1) return Validation.Single("page", "Pages start at 1.");
        if (pageSize is < 1 or > 500) return Validation.Single("pageSize", "A page holds 1 to 500 records.");
        var rows = Rows(db, district!);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.VillageCode).ThenBy(r => r.Rw).ThenBy(r => r.Id).Skip(InputRules.Skip(page, pageSize)!.Value).Take(pageSize).ToListAsync(ct);
        var names = await VillageNamesAsync(db, district!);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(new PartnerPermitPage(district!, items.Select(r => ToRecord(r, names, today)).ToList(), page, pageSize, total));
    }

    private static async Task<IResult> PermitsCsv(string? district, PantauDb db, CurrentStaff current, TimeProvider time, CancellationToken ct)
    {
        if (CheckDistrict(district, current) is { } refusal) return refusal;
        var names = await VillageNamesAsync(db, district!);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var csv = new StringBuilder("record_id,nationality,permit_type,purpose,valid_from,valid_until,status,village_code,village_name,rw\n");
        await foreach (var r in Rows(db, district!).OrderBy(r => r.VillageCode).ThenBy(r => r.Rw).AsAsyncEnumerable().WithCancellation(ct))
        {
            var p = ToRecord(r, names, today);
            csv.AppendJoin(',', p.RecordId, p.Nationality, p.PermitType, Csv(p.Purpose), p.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                p.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Status, p.VillageCode, Csv(p.VillageName), p.Rw).Append('\n');
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"izin-tinggal-{district}.csv");
    }

    private static async Task<IResult> Counts(string? district, PantauDb db, CurrentStaff current, CancellationToken ct)
    {
        if (CheckDistrict(district, current) is { } refusal) return refusal;
        var rows = Rows(db, district!);
        var names = await VillageNamesAsync(db, district!);
        var byVillage = await rows.GroupBy(r => r.VillageCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byNationality = await rows.GroupBy(r => r.Nationality).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byType = await rows.GroupBy(r => r.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(new PartnerCounts(district!, byVillage.Sum(v => v.Count),
            byVillage.OrderBy(v => v.Key).Select(v => new CountRow(v.Key, names.GetValueOrDefault(v.Key), v.Count)).ToList(),
            byNationality.OrderByDescending(n => n.Count).ThenBy(n => n.Key).Select(n => new CountRow(n.Key, null, n.Count)).ToList(),
            byType.OrderBy(t => t.Key).Select(t => new CountRow(t.Key.ToString(), null, t.Count)).ToList()));
    }

    private static async Task<Results<Created<AccessRequestResponse>, ValidationProblem, NotFound>> RequestAccess(AccessRequestBody body,
        PantauDb db, CurrentStaff current, Auditor audit, JurisdictionMap offices, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        v.Require("recordId", body.RecordId is not null, "The record to open is required.");
        if (v.Require("reason", !string.IsNullOrWhiteSpace(body.Reason), "A reason is required."))
            v.Require("reason", body.Reason!.Trim().Length is >= 10 and <= 500, "The reason is 10 to 500 characters.");
        if (!v.IsValid) return v.Problem();
        var record = await db.StayPermits.AsNoTracking().Where(p => p.Id == body.RecordId)
            .Join(db.Foreigners, p => p.ForeignerId, f => f.Id, (p, f) => new { p.Id, f.RegencyCode, ForeignerId = f.Id })
            .FirstOrDefaultAsync(ct);
        if (record is null) return TypedResults.NotFound();
        var map = await offices.GetAsync(db);
        if (!map.TryGetValue(record.RegencyCode, out var officeId)) return TypedResults.NotFound();

        var now = time.GetUtcNow().UtcDateTime;
        var request = new AccessRequest(current.UserId!.Value, current.User!.FullName, record.Id, record.ForeignerId, officeId, body.Reason!.Trim(), now);
        db.AccessRequests.Add(request);
        await audit.SaveAsync(db, new AuditRecord(AuditActions.AccessRequest, RegistryApi.RecordType, [record.ForeignerId], [record.RegencyCode],
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
        Auditor audit, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.AccessRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PartnerId == current.UserId, ct) is not { } request)
            return TypedResults.NotFound();
        if (!request.IsOpenAt(now))
            return TypedResults.Problem(statusCode: 403, title: $"This request is {request.StateAt(now).ToString().ToLowerInvariant()}: the record is not open to you.");
        // The approval opens this one record, wherever the partner's kecamatan are.
        var f = await db.Foreigners.IgnoreQueryFilters().AsNoTracking().Include(x => x.Passports).Include(x => x.Permits).Include(x => x.Addresses)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == request.ForeignerId, ct);
        if (f is null) return TypedResults.NotFound();
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Read, RegistryApi.RecordType, [f.Id], [f.RegencyCode],
            $"access request {request.Id}: {request.Reason}"), ct);
        var address = f.CurrentAddress;
        return TypedResults.Ok(new IdentifiedPerson(request.Id, f.Id, f.FullName, f.Nationality, f.DateOfBirth,
            f.Passports.Select(p => p.Number).ToList(), f.Permits.FirstOrDefault(p => p.Id == request.PermitId)?.Number,
            f.VillageCode, f.Rw, f.Rt, address?.Street, request.OpenUntil!.Value));
    }

    private static async Task<Ok<List<AccessRequestResponse>>> OfficeRequests(PantauDb db, CurrentStaff current, TimeProvider time, AccessRequestState? state)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var q = db.AccessRequests.AsNoTracking();
        if (current.Role != StaffRole.NationalAdmin) q = q.Where(r => r.OfficeId == current.OfficeId);
        var list = (await q.OrderByDescending(r => r.RequestedAt).Take(500).ToListAsync()).Select(r => ToResponse(r, now) with { ForeignerId = r.ForeignerId });
        return TypedResults.Ok((state is null ? list : list.Where(r => r.State == state)).ToList());
    }

    private static Task<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Approve(Guid id, DecisionBody body,
        PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (body.Hours is not null and not (>= 1 and <= 168))
            return Task.FromResult<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>>(
                Validation.Single("hours", "An approval opens the record for 1 to 168 hours."));
        var opening = body.Hours is { } h ? TimeSpan.FromHours(h) : AccessRequest.DefaultOpening;
        return DecideAsync(id, db, current, audit, time, AuditActions.AccessApproved, body.Note,
            (r, now) => r.Approve(current.UserId!.Value, opening, body.Note?.Trim(), now), ct);
    }

    private static Task<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Deny(Guid id, DecisionBody body,
        PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Note) || body.Note.Length > 500)
            return Task.FromResult<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>>(
                Validation.Single("note", "A denial gives its reason (up to 500 characters)."));
        return DecideAsync(id, db, current, audit, time, AuditActions.AccessDenied, body.Note,
            (r, now) => r.Deny(current.UserId!.Value, body.Note.Trim(), now), ct);
    }

    private static async Task<Results<Ok<AccessRequestResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> DecideAsync(Guid id,
        PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, string action, string? note, Action<AccessRequest, DateTime> decide,
        CancellationToken ct)
    {
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.Id == id
            && (current.Role == StaffRole.NationalAdmin || r.OfficeId == current.OfficeId), ct);
        if (request is null) return TypedResults.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        if (request.Decision != AccessRequestState.Pending)
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "This request has been decided already." });
        decide(request, now);
        var regency = await db.Foreigners.IgnoreQueryFilters().Where(f => f.Id == request.ForeignerId).Select(f => f.RegencyCode).FirstAsync(ct);
        try
        {
            await audit.SaveAsync(db, new AuditRecord(action, RegistryApi.RecordType, [request.ForeignerId], [regency],
                $"access request {request.Id}" + (note is null ? "" : $": {note.Trim()}")), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "This request has been decided already." });
        }
        return TypedResults.Ok(ToResponse(request, now) with { ForeignerId = request.ForeignerId });
    }

    private static PartnerPermit ToRecord(PartnerRow r, IReadOnlyDictionary<string, string> names, DateOnly today) =>
        new(r.Id, r.Nationality, r.Type, r.Purpose, r.IssueDate, r.ExpiryDate,
            new StayPermit { Number = "", ExpiryDate = r.ExpiryDate, CancelledOn = r.CancelledOn }.StatusOn(today),
            r.VillageCode, names.GetValueOrDefault(r.VillageCode), r.Rw);

    private static AccessRequestResponse ToResponse(AccessRequest r, DateTime now) =>
        new(r.Id, r.PermitId, r.PartnerName, r.Reason, Utc(r.RequestedAt), r.StateAt(now), r.DecidedAt is { } d ? Utc(d) : null, r.DecisionNote,
            r.OpenUntil is { } o ? Utc(o) : null);

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);

    private static Task<Dictionary<string, string>> VillageNamesAsync(PantauDb db, string district) =>
        db.Regions.AsNoTracking().Where(r => r.ParentCode == district).ToDictionaryAsync(r => r.Code, r => r.Name);

    private static string Csv(string? s) => s is null ? "" : s.Contains(',') || s.Contains('"') || s.Contains('\n') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
