using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <param name="Altcha">A solved challenge (the <c>altcha</c> widget's payload), needed once an address has asked for many codes.</param>
public sealed record OtpRequest(string? Phone, string? Altcha = null);
public sealed record OtpSent(string Phone, int ExpiresInSeconds);
public sealed record VerifyRequest(string? Phone, string? Code, string? Token);
public sealed record Verified(string ReporterToken, DateTime ExpiresAt, IReadOnlyList<string> VerifiedTickets);
/// <param name="Ticket">The report's public id (Open311 <c>service_request_id</c>): it opens nothing.</param>
/// <param name="Key">The reporter's secret key to the report's thread, shown here once; only its hash is kept.</param>
/// <param name="Notice">What the reporter must know beyond the status: set when the report went up to the regional division or the national desk.</param>
public sealed record ReportReceipt(Guid Id, string Ticket, ReportStatus Status, string? VerificationToken, string? Key, string StatusUrl, string? Notice = null);
public sealed record StatusStep(ReportStatus Status, DateTime At, string? Note);
/// <summary>A message as the reporter sees it: the officers' names stay inside immigration.</summary>
public sealed record TrackedMessage(DateTime At, bool FromReporter, string Text);
/// <summary>
/// A report as the reporter (by key: with the messages) or anyone (by ticket: public information only) sees it. The
/// notes are the public ones: what officers write for themselves stays inside immigration.
/// </summary>
/// <param name="Outcome">What the team found, once the report is resolved: for its reporter (by key) only.</param>
public sealed record ReportTracking(string Ticket, ReportCategory Category, ReportStatus Status, string? StatusNote, DateTime CreatedAt,
    IReadOnlyList<StatusStep> History, IReadOnlyList<TrackedMessage> Messages, bool CanReply, bool ReporterView, FieldOutcome? Outcome = null);

/// <summary>
/// SIPOA's public side: phone verification, report intake (idempotent, rate-limited, routed to the office holding the
/// place), the reporter's thread by their key and the public status by ticket. Nothing here returns a reporter's or a
/// foreigner's personal data.
/// </summary>
public static class ReportsPublicApi
{
    public const string IdempotencyHeader = ReportIntake.IdempotencyHeader;
    public const string ReporterTokenHeader = ReportIntake.ReporterTokenHeader;
    public const int MaxReportsPerReporterPerDay = 10;

    public static void MapPublicReports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Public reports").AllowAnonymous();
        g.MapGet("/reporters/challenge", Challenge).RequireRateLimiting(ReportLimits.Otp);
        g.MapPost("/reporters/otp", SendCode).RequireRateLimiting(ReportLimits.Otp);
        g.MapPost("/reporters/verify", Verify).RequireRateLimiting(ReportLimits.Otp).ProducesProblem(StatusCodes.Status403Forbidden);
        g.MapPost("/public/reports", Submit).RequireRateLimiting(ReportLimits.Submit).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapGet("/public/reports/{reference}", Track).RequireRateLimiting(ReportLookups.Policy);
        g.MapPost("/public/reports/{key}/messages", Reply).RequireRateLimiting(ReportLimits.Submit);
    }

    /// <summary>A proof-of-work challenge for the <c>altcha</c> widget; the form asks for one only when a code request needs it.</summary>
    private static Ok<AltchaChallenge> Challenge(ProofOfWork work, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(work.NewChallenge());
    }

    /// <summary>
    /// Sends a code, within the budgets: three per number an hour, the hour's SMS for all numbers and for the number's
    /// prefix, and past a few requests from one client address a solved challenge. A blocked number gets the same answer
    /// as any other (no SMS is sent), so that asking for a code tells no one who was blocked for false reports.
    /// </summary>
    private static async Task<Results<Accepted<OtpSent>, ValidationProblem, ProblemHttpResult>> SendCode(OtpRequest req, HttpContext http, PantauDb db,
        PhoneProof proof, ProofOfWork work, IOptions<ReportsOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (PhoneNumber.Normalize(req.Phone) is not { } phone)
            return Validation.Single("phone", ReportsCodes.IndonesianMobileNumberWritten);
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await HourlyCount.TryTakeAsync(db, "codes-from:" + address, now, settings.Challenge.FreeCodesPerAddressPerHour, ct)
            && !await work.VerifyAsync(db, req.Altcha, ct))
            return Validation.Single("altcha", ChallengeNeeded);
        if (await proof.SendCodeAsync(db, phone, now, code => ReportTracker.Sms("reports.sms.code", code), ct) is { } refused)
            return Problems.Refusal(429, refused);
        return TypedResults.Accepted((string?)null, new OtpSent(PhoneNumber.Masked(phone), (int)ReporterCode.Lifetime.TotalSeconds));
    }

    public const string ChallengeNeeded = ReportsCodes.ManyCodesWereAsked;

    /// <summary>Checks a code (<see cref="PhoneProof.VerifyAsync"/>) and verifies the report waiting on the token, if one is given.</summary>
    private static async Task<Results<Ok<Verified>, ValidationProblem, ProblemHttpResult>> Verify(VerifyRequest req, PantauDb db,
        PhoneProof proof, TimeProvider time, CancellationToken ct)
    {
        if (PhoneNumber.Normalize(req.Phone) is not { } phone)
            return Validation.Single("phone", ReportsCodes.IndonesianMobileNumberWritten);
        var outcome = await proof.VerifyAsync(db, phone, req.Code, req.Token, time.GetUtcNow().UtcDateTime, ct);
        return outcome switch
        {
            { Verified: { } verified } => TypedResults.Ok(verified),
            { Field: { } field } => Validation.Single(field, outcome.Refusal!),
            _ => Problems.Refusal(outcome.Status, outcome.Refusal!),
        };
    }

    private static async Task<Results<Created<ReportReceipt>, Ok<ReportReceipt>, ValidationProblem, ProblemHttpResult>> Submit(HttpContext http,
        PantauDb db, CurrentStaff current, JurisdictionMap offices, RegionNames regions, Places.PlaceFinder places, IntakeWriter writer, TimeProvider time, IOptions<ReportsOptions> cfg, CancellationToken ct)
    {
        var (submission, photos, fields) = await ReportForm.ReadAsync(http.Request, ct);
        if (submission is null)
            return Validation.Single(fields ?? "body", fields == "category" ? InputRules.EnumMessage(typeof(ReportCategory))
                : ReportsCodes.ReportCannotReadSend);
        var request = new IntakeRequest(submission, photos, http.Request.Headers[IdempotencyHeader].ToString(),
            http.Request.Headers[ReporterTokenHeader].ToString(), ReportLimits.DeviceOf(http), http.Connection.RemoteIpAddress?.ToString());
        var result = await ReportIntake.SubmitAsync(request, db, current, offices, regions, places, writer, time, cfg, ct);
        return result switch
        {
            { Refusal: { Fields: { } invalid } } => invalid.Problem(),
            { Refusal: { } refusal } => Problems.Refusal(refusal.Status, refusal.Title),
            { Repeated: true, Report: { } earlier } => TypedResults.Ok(Receipt(await ReportIntake.RekeyAsync(db, earlier, time.GetUtcNow().UtcDateTime, ct))),
            { Report: { } report } => TypedResults.Created($"/api/public/reports/{report.IssuedKey}", Receipt(report)),
            _ => throw new InvalidOperationException("An intake result has a report or a refusal."),
        };
    }

    private static async Task<Results<Ok<ReportTracking>, NotFound>> Track(string reference, PantauDb db, CancellationToken ct) =>
        await TrackingAsync(db, reference, ct) is { } tracking ? TypedResults.Ok(tracking) : TypedResults.NotFound();

    /// <summary>
    /// A report by the reporter's key (status, public notes, the messages, whether they may reply) or by its public
    /// ticket (status and public notes only, once verified); nothing personal either way.
    /// </summary>
    public static async Task<ReportTracking?> TrackingAsync(PantauDb db, string reference, CancellationToken ct)
    {
        var byKey = ReportKey.IsKey(reference);
        var r = await ByReference(db, reference).AsNoTracking().Include(x => x.History).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        var messages = byKey
            ? await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == r.Id).OrderBy(m => m.Id)
                .Select(m => new TrackedMessage(m.At, m.FromReporter, m.Text)).ToListAsync(ct)
            : [];
        return new ReportTracking(r.Ticket, r.Category, r.Status, r.PublicNote, r.CreatedAt,
            r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusStep(h.Status, h.At, h.PublicNote)).ToList(),
            messages, byKey && r.IsOpen, byKey, byKey && r.Status == ReportStatus.Resolved ? r.Outcome : null);
    }

    /// <summary>The report a key opens, or (public information only) the verified report a ticket names.</summary>
    public static IQueryable<Report> ByReference(PantauDb db, string reference)
    {
        var reports = db.Reports.AcrossOffices("the public finds a report by its reporter's key or by its public ticket");
        if (ReportKey.IsKey(reference))
        {
            var hash = ReportKey.HashOf(reference);
            return reports.Where(r => r.Keys.Any(k => k.Hash == hash));
        }
        var ticket = reference.Trim().ToUpperInvariant();
        return ticket.Length <= 20 ? reports.Where(r => r.Ticket == ticket && r.Status != ReportStatus.Received) : reports.Where(r => false);
    }

    /// <summary>
    /// The reporter answers the officers from the status page, with their key (the ticket is public and opens nothing);
    /// the answer waits in the officers' console, marked unread.
    /// </summary>
    private static async Task<Results<Created<TrackedMessage>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Reply(string key, MessageText body, PantauDb db, TimeProvider time, CancellationToken ct)
    {
        if (!ReportKey.IsKey(key) || await ByReference(db, key).FirstOrDefaultAsync(ct) is not { } report) return TypedResults.NotFound();
        if (MessageRules.Check(body.Text) is { } problem) return Validation.Single("text", problem);
        if (!report.IsOpen)
            return TypedResults.Conflict(Problems.Details(409, report.Status == ReportStatus.Received
                ? ReportsCodes.VerifyPhoneNumberFirst
                : ReportsCodes.ReportClosedMakeNew));
        var message = new ReportMessage { ReportId = report.Id, At = time.GetUtcNow().UtcDateTime, FromReporter = true, Text = body.Text!.Trim() };
        db.ReportMessages.Add(message);
        report.ReplyArrived();
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/public/reports/{key}", new TrackedMessage(message.At, true, message.Text));
    }

    // The token is for verifying, so a receipt shows it only while the report waits for its reporter's phone.
    public static ReportReceipt Receipt(Report r) =>
        new(r.Id, r.Ticket, r.Status, r.Status == ReportStatus.Received ? r.VerificationToken : null, r.IssuedKey, $"/lapor/{r.IssuedKey ?? r.Ticket}",
            r.Escalation is null ? null : r.PublicNote);
}
