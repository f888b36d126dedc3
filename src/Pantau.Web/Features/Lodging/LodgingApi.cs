using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging;

public sealed record ResolveFlagRequest(string? Note);

public sealed record FlagResponse(Guid Id, FlagReason Reason, DateTime RaisedAt, Guid LodgingId, string LodgingName, Guid StayId,
    string PassportNumber, string Nationality, string? GuestName, string Room, DateOnly CheckIn, DateOnly? PlannedCheckOut,
    DateOnly? CheckedOutOn, Guid? ForeignerId, DateOnly? PermitExpiry, DateTime? ResolvedAt, string? Resolution);

/// <summary>
/// Lodging reports (APOA): a lodging registers (public), its office verifies it, then its account reports guests'
/// check-ins and check-outs by form or CSV; guests the registry does not cover, or whose permit does not cover the
/// stay, join the office's queue of lodging flags.
/// </summary>
public static class LodgingApi
{
    public static void MapLodging(this IEndpointRouteBuilder app)
    {
        var lodgings = app.MapGroup("/api/lodgings").WithTags("Lodging reports");
        // Public, like the report form: the same per-address limit keeps a script from filling the office's queue.
        lodgings.MapPost("/", Register).AllowAnonymous().RequireRateLimiting(ReportLimits.Submit);
        lodgings.MapGet("/", List).RequireAuthorization(Policies.VerifyLodgings);
        lodgings.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.VerifyLodgings);
        lodgings.MapPost("/{id:guid}/decision", Decide).RequireAuthorization(Policies.VerifyLodgings);

        var stays = app.MapGroup("/api/lodging/stays").WithTags("Lodging reports").RequireAuthorization(Policies.ReportGuests);
        stays.MapGet("/", Stays);
        stays.MapGet("/{id:guid}", Stay);
        stays.MapPost("/", CheckIn);
        stays.MapPost("/{id:guid}/check-out", CheckOut);
        stays.MapPost("/csv", Upload).Accepts<string>("text/csv", "multipart/form-data");

        var flags = app.MapGroup("/api/lodging-flags").WithTags("Lodging reports").RequireAuthorization(Policies.HandleLodgingFlags);
        flags.MapGet("/", Flags);
        flags.MapPost("/{id:guid}/resolve", Resolve);
    }

    private static async Task<Results<Created<LodgingResponse>, ValidationProblem>> Register(LodgingRegistrationRequest req, PantauDb db,
        UserManager<StaffUser> users, JurisdictionMap offices, IMessageSender messages, TimeProvider time, CancellationToken ct)
    {
        var result = await LodgingRegistration.RegisterAsync(req, db, users, offices, messages, time.GetUtcNow().UtcDateTime, ct);
        if (result.Lodging is not { } lodging) return result.AllErrors().Problem();
        // The email as given, whether a new account holds it or (not told) an existing one.
        var registered = (await LodgingRegistration.DescribeAsync(db, [lodging], ct))[0] with { Email = req.Email!.Trim() };
        return TypedResults.Created($"/api/lodgings/{lodging.Id}", registered);
    }

    private static async Task<Results<Ok<List<LodgingResponse>>, ValidationProblem>> List(LodgingState? state, PantauDb db, CurrentStaff current,
        CancellationToken ct)
    {
        var q = db.Lodgings.AsNoTracking().DecidedBy(current);
        if (state is { } s) q = q.Where(l => l.State == s);
        var list = await q.OrderBy(l => l.RegisteredAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await LodgingRegistration.DescribeAsync(db, list, ct));
    }

    private static async Task<Results<Ok<LodgingResponse>, NotFound>> Get(Guid id, PantauDb db, CurrentStaff current, CancellationToken ct) =>
        await db.Lodgings.AsNoTracking().DecidedBy(current).FirstOrDefaultAsync(l => l.Id == id, ct) is { } l
            ? TypedResults.Ok((await LodgingRegistration.DescribeAsync(db, [l], ct))[0])
            : TypedResults.NotFound();

    private static async Task<Results<Ok<LodgingResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Decide(Guid id,
        LodgingDecisionRequest req, PantauDb db, CurrentStaff current, TimeProvider time, CancellationToken ct)
    {
        if (await db.Lodgings.DecidedBy(current).FirstOrDefaultAsync(l => l.Id == id, ct) is not { } lodging) return TypedResults.NotFound();
        var v = LodgingRegistration.CheckDecision(req);
        if (!v.IsValid) return v.Problem();
        if (!await LodgingRegistration.DecideAsync(lodging, req.Approve!.Value, req.Note, current, db, time.GetUtcNow().UtcDateTime, ct))
            return TypedResults.Conflict(Problems.Details(409, LodgingCodes.RegistrationDecidedAlready));
        return TypedResults.Ok((await LodgingRegistration.DescribeAsync(db, [lodging], ct))[0]);
    }

    /// <summary>The caller's own lodging: the account is enabled only once the lodging is verified.</summary>
    public static Task<Lodging?> OwnLodgingAsync(PantauDb db, CurrentStaff current, CancellationToken ct) =>
        db.Lodgings.FirstOrDefaultAsync(l => l.AccountId == current.UserId && l.State == LodgingState.Verified, ct);

    private static async Task<Results<Ok<List<StayResponse>>, ForbidHttpResult>> Stays(bool? open, PantauDb db, CurrentStaff current,
        CancellationToken ct)
    {
        if (await OwnLodgingAsync(db, current, ct) is not { } lodging) return TypedResults.Forbid();
        var q = db.GuestStays.AsNoTracking().Where(s => s.LodgingId == lodging.Id);
        if (open == true) q = q.Where(s => s.CheckedOutOn == null);
        var list = await q.OrderByDescending(s => s.CheckIn).ThenByDescending(s => s.ReportedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(list.Select(s => s.ToResponse()).ToList());
    }

    private static async Task<Results<Ok<StayResponse>, NotFound, ForbidHttpResult>> Stay(Guid id, PantauDb db, CurrentStaff current,
        CancellationToken ct)
    {
        if (await OwnLodgingAsync(db, current, ct) is not { } lodging) return TypedResults.Forbid();
        return await GuestReports.FindOwnAsync(db, lodging, id, ct) is { } s ? TypedResults.Ok(s.ToResponse()) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<StayResponse>, Ok<StayResponse>, ValidationProblem, ForbidHttpResult>> CheckIn(
        CheckInRequest req, PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (await OwnLodgingAsync(db, current, ct) is not { } lodging) return TypedResults.Forbid();
        var now = time.GetUtcNow().UtcDateTime;
        var v = GuestReports.Check(req, DateOnly.FromDateTime(now), out var report);
        if (!v.IsValid) return v.Problem();
        // A form sent again (a weak network's retry) is the stay already reported.
        if (await GuestReports.FindSameAsync(db, lodging, report!, ct) is { } same) return TypedResults.Ok(same.ToResponse());
        var stay = new GuestStay(lodging, report!, StaySource.Form, now);
        db.GuestStays.Add(stay);
        try
        {
            await GuestReports.SaveCheckedAsync(db, audit, lodging, [stay], now, ct);
        }
        catch (DbUpdateException)
        {
            // The same form arrived twice at the same moment: the other one's stay was saved first, and is this one.
            db.ChangeTracker.Clear();
            if (await GuestReports.FindSameAsync(db, lodging, report!, ct) is { } first) return TypedResults.Ok(first.ToResponse());
            throw;
        }
        return TypedResults.Created($"/api/lodging/stays/{stay.Id}", stay.ToResponse());
    }

    private static async Task<Results<Ok<StayResponse>, NotFound, ValidationProblem, ForbidHttpResult>> CheckOut(Guid id, CheckOutRequest req,
        PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (await OwnLodgingAsync(db, current, ct) is not { } lodging) return TypedResults.Forbid();
        if (await GuestReports.FindOwnAsync(db, lodging, id, ct) is not { } stay) return TypedResults.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        var v = GuestReports.CheckOutDate(stay, req.CheckOutDate, DateOnly.FromDateTime(now));
        if (!v.IsValid) return v.Problem();
        stay.CheckOut(req.CheckOutDate!.Value, now);
        await GuestReports.SaveCheckedAsync(db, audit, lodging, [stay], now, ct);
        return TypedResults.Ok(stay.ToResponse());
    }

    private static async Task<Results<Ok<CsvUploadResult>, ValidationProblem, ForbidHttpResult>> Upload(HttpRequest request, PantauDb db,
        CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (await OwnLodgingAsync(db, current, ct) is not { } lodging) return TypedResults.Forbid();
        if (request.ContentLength > GuestCsv.MaxBytes) return Validation.Single("file", LodgingCodes.FileMost2MB);
        string text;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.FirstOrDefault() is not { } file) return Validation.Single("file", LodgingCodes.ChooseCSVFile);
            if (file.Length > GuestCsv.MaxBytes) return Validation.Single("file", LodgingCodes.FileMost2MB);
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }
        else
        {
            using var reader = new StreamReader(request.Body);
            var buffer = new char[GuestCsv.MaxBytes + 1];
            var read = await reader.ReadBlockAsync(buffer, ct);
            if (read > GuestCsv.MaxBytes) return Validation.Single("file", LodgingCodes.FileMost2MB);
            text = new string(buffer, 0, read);
        }
        var (result, errors) = await GuestCsv.UploadAsync(db, audit, lodging, text, time.GetUtcNow().UtcDateTime, ct);
        return result is null ? errors.Problem() : TypedResults.Ok(result);
    }

    private static async Task<Ok<List<FlagResponse>>> Flags(bool? resolved, PantauDb db, CurrentStaff current, Auditor audit, CancellationToken ct)
    {
        var list = await LodgingFlags.ListAsync(db, audit, current, resolved ?? false, ct);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<FlagResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Resolve(Guid id,
        ResolveFlagRequest req, PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (await db.LodgingFlags.ForOfficeOf(current).FirstOrDefaultAsync(f => f.Id == id, ct) is not { } flag) return TypedResults.NotFound();
        var v = LodgingFlags.CheckResolution(req.Note);
        if (!v.IsValid) return v.Problem();
        if (!flag.Resolve(current.UserId!.Value, req.Note!.Trim(), time.GetUtcNow().UtcDateTime))
            return TypedResults.Conflict(Problems.Details(409, LodgingCodes.FlagResolvedAlready));
        await LodgingFlags.SaveResolvedAsync(db, audit, flag, ct);
        return TypedResults.Ok((await LodgingFlags.DescribeAsync(db, [flag], ct))[0]);
    }
}
