using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

public sealed record OtpRequest(string? Phone);
public sealed record OtpSent(string Phone, int ExpiresInSeconds);
public sealed record VerifyRequest(string? Phone, string? Code, string? Token);
public sealed record Verified(string ReporterToken, DateTime ExpiresAt, IReadOnlyList<string> VerifiedTickets);
public sealed record ReportReceipt(Guid Id, string Ticket, ReportStatus Status, string? VerificationToken, string StatusUrl);
public sealed record StatusStep(ReportStatus Status, DateTime At, string? Note);
public sealed record ReportTracking(string Ticket, ReportCategory Category, ReportStatus Status, string? StatusNote, DateTime CreatedAt,
    IReadOnlyList<StatusStep> History);

/// <summary>
/// SIPOA's public side: phone verification, report intake (idempotent, rate-limited, routed to the office holding the
/// place) and tracking by ticket. Nothing here returns a reporter's or a foreigner's personal data.
/// </summary>
public static class ReportsPublicApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReporterTokenHeader = "X-Reporter-Token";
    public const int MaxReportsPerReporterPerDay = 10;

    /// <summary>Reports a verified phone may send in a day: <c>Reports:Limits:PerPhonePerDay</c>, default <see cref="MaxReportsPerReporterPerDay"/>.</summary>
    public static int PerPhonePerDay(IConfiguration cfg) => cfg.GetValue("Reports:Limits:PerPhonePerDay", MaxReportsPerReporterPerDay);

    public static void MapPublicReports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Public reports").AllowAnonymous();
        g.MapPost("/reporters/otp", SendCode).RequireRateLimiting(ReportLimits.Otp);
        g.MapPost("/reporters/verify", Verify).RequireRateLimiting(ReportLimits.Otp);
        g.MapPost("/public/reports", Submit).RequireRateLimiting(ReportLimits.Submit).DisableAntiforgery();
        g.MapGet("/public/reports/{ticket}", Track);
    }

    private static async Task<Results<Accepted<OtpSent>, ValidationProblem, ProblemHttpResult>> SendCode(OtpRequest req, PantauDb db,
        IMessageSender sender, TimeProvider time, CancellationToken ct)
    {
        if (PhoneNumber.Normalize(req.Phone) is not { } phone)
            return Validation.Single("phone", "An Indonesian mobile number, written 08… or +628….");
        if (await db.Reporters.AnyAsync(r => r.Phone == phone && r.BlockedAt != null, ct))
            return Blocked();
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.ReporterCodes.CountAsync(c => c.Phone == phone && c.SentAt > now.AddHours(-1), ct) >= ReporterCode.MaxCodesPerHour)
            return TypedResults.Problem(statusCode: 429, title: "Too many codes were sent to this number. Try again in an hour.");
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        db.ReporterCodes.Add(new ReporterCode { Phone = phone, CodeHash = ReporterCode.Hash(phone, code), SentAt = now, ExpiresAt = now + ReporterCode.Lifetime });
        await db.SaveChangesAsync(ct);
        await sender.SendAsync(phone, $"Kode verifikasi Pantau: {code}. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun.", ct);
        return TypedResults.Accepted((string?)null, new OtpSent(PhoneNumber.Masked(phone), (int)ReporterCode.Lifetime.TotalSeconds));
    }

    private static async Task<Results<Ok<Verified>, ValidationProblem, ProblemHttpResult>> Verify(VerifyRequest req, PantauDb db,
        ReportTracker tracker, TimeProvider time, CancellationToken ct)
    {
        if (PhoneNumber.Normalize(req.Phone) is not { } phone)
            return Validation.Single("phone", "An Indonesian mobile number, written 08… or +628….");
        var now = time.GetUtcNow().UtcDateTime;
        var code = await db.ReporterCodes.Where(c => c.Phone == phone && c.UsedAt == null).OrderByDescending(c => c.SentAt).FirstOrDefaultAsync(ct);
        if (code is null || code.ExpiresAt <= now) return Validation.Single("code", "The code has expired. Ask for a new one.");
        if (code.Attempts >= ReporterCode.MaxAttempts)
            return TypedResults.Problem(statusCode: 429, title: "Too many wrong codes. Ask for a new one.");
        if (ReporterCode.Hash(phone, (req.Code ?? "").Trim()) != code.CodeHash)
        {
            code.Attempts++;
            await db.SaveChangesAsync(ct);
            return Validation.Single("code", "The code is wrong.");
        }
        code.UsedAt = now;
        var reporter = await db.Reporters.FirstOrDefaultAsync(r => r.Phone == phone, ct);
        if (reporter is null) db.Reporters.Add(reporter = new Reporter { Phone = phone, CreatedAt = now });
        if (reporter.IsBlocked) { await db.SaveChangesAsync(ct); return Blocked(); }
        var token = ReporterSession.NewToken();
        var session = new ReporterSession { TokenHash = ReporterSession.Hash(token), ReporterId = reporter.Id, ExpiresAt = now + ReporterSession.Lifetime };
        db.ReporterSessions.Add(session);

        var verified = new List<Report>();
        if (!string.IsNullOrWhiteSpace(req.Token)
            && await AllReports(db).Include(r => r.History).FirstOrDefaultAsync(r => r.VerificationToken == req.Token && r.Status == ReportStatus.Received, ct) is { } pending)
        {
            pending.BindReporter(reporter.Id);
            await tracker.VerifyAsync(db, pending, now, ct);
            verified.Add(pending);
        }
        await db.SaveChangesAsync(ct);
        foreach (var r in verified) await tracker.NotifyAsync(r, phone, ct);
        return TypedResults.Ok(new Verified(token, session.ExpiresAt, verified.Select(r => r.Ticket).ToList()));
    }

    private static async Task<Results<Created<ReportReceipt>, Ok<ReportReceipt>, ValidationProblem, ProblemHttpResult>> Submit(HttpContext http,
        PantauDb db, CurrentStaff current, JurisdictionMap offices, ReportTracker tracker, TimeProvider time, IConfiguration cfg, CancellationToken ct)
    {
        var (submission, photos, fields) = await ReportForm.ReadAsync(http.Request, ct);
        if (submission is null) return Validation.Single(fields ?? "body", "The report cannot be read: send a form (multipart/form-data) or JSON.");
        var key = http.Request.Headers[IdempotencyHeader].ToString() is { Length: > 0 } k ? k.Trim() : Guid.NewGuid().ToString("N");
        if (key.Length > 100) return Validation.Single(IdempotencyHeader, "At most 100 characters.");

        // A retry of an acknowledged submission gets the same report back, not a second one.
        if (await AllReports(db).AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct) is { } earlier)
            return TypedResults.Ok(Receipt(earlier));

        var now = time.GetUtcNow().UtcDateTime;
        var v = ReportRules.Validate(submission, photos, now);
        if (!v.IsValid) return v.Problem();
        var officeId = await ReportRules.OfficeForAsync(db, offices, submission.VillageCode!, ct);
        if (officeId is null)
            return Validation.Single("villageCode", await db.Regions.AnyAsync(r => r.Code == submission.VillageCode, ct)
                ? "No immigration office in Pantau covers this kelurahan yet; report it to the nearest Kantor Imigrasi."
                : "There is no kelurahan/desa with this code.");

        if (ReportLimits.DeviceOf(http) is { } device
            && await AllReports(db).CountAsync(r => r.DeviceId == device && r.CreatedAt > now.AddHours(-1), ct) >= ReportLimits.PerDevicePerHour(cfg))
            return TypedResults.Problem(statusCode: 429, title: "This device has sent the most reports allowed in an hour.");

        // Who reports: a trusted account, a verified phone, or (until the phone is proved) no one yet.
        var trusted = current.Role is StaffRole.NeighbourhoodHead or StaffRole.Partner ? current.UserId : null;
        Reporter? reporter = null;
        var token = http.Request.Headers[ReporterTokenHeader].ToString();
        if (trusted is null && token.Length > 0)
        {
            var hash = ReporterSession.Hash(token);
            reporter = await db.ReporterSessions.Where(s => s.TokenHash == hash && s.ExpiresAt > now)
                .Join(db.Reporters, s => s.ReporterId, r => r.Id, (s, r) => r).FirstOrDefaultAsync(ct);
            if (reporter is null) return TypedResults.Problem(statusCode: 401, title: "The reporter token is unknown or expired. Verify your phone again.");
            if (reporter.IsBlocked) return Blocked();
            if (await AllReports(db).CountAsync(r => r.ReporterId == reporter.Id && r.CreatedAt > now.AddDays(-1), ct) >= PerPhonePerDay(cfg))
                return TypedResults.Problem(statusCode: 429, title: "This phone number has sent the most reports allowed in a day.");
        }

        var report = new Report
        {
            Ticket = Tickets.New(), Category = submission.Category!.Value, Latitude = submission.Latitude, Longitude = submission.Longitude,
            VillageCode = submission.VillageCode, Address = Clean(submission.Address), OccurredAt = submission.OccurredAt!.Value.UtcDateTime,
            Description = Clean(submission.Description)!, PersonNationality = string.IsNullOrWhiteSpace(submission.PersonNationality) ? null : Nationalities.Normalize(submission.PersonNationality),
            PersonName = Clean(submission.PersonName), Workplace = Clean(submission.Workplace), TrustedReporterId = trusted, OfficeId = officeId.Value,
            CreatedAt = now, IdempotencyKey = key, DeviceId = ReportLimits.DeviceOf(http), ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            Photos = photos.Select(p => new ReportPhoto { ContentType = ReportRules.ImageType(p.Content)!, Content = p.Content }).ToList(),
        };
        if (reporter is not null) report.BindReporter(reporter.Id);
        db.Reports.Add(report);
        if (trusted is not null || reporter is not null) await tracker.VerifyAsync(db, report, now, ct);
        else report.AwaitVerification(ReporterSession.NewToken(), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same submission raced in twice: the first one won.
            db.ChangeTracker.Clear();
            if (await AllReports(db).AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct) is not { } first) throw;
            return TypedResults.Ok(Receipt(first));
        }
        if (reporter is not null) await tracker.NotifyAsync(report, reporter.Phone, ct);
        return TypedResults.Created($"/api/public/reports/{report.Ticket}", Receipt(report));
    }

    private static async Task<Results<Ok<ReportTracking>, NotFound>> Track(string ticket, PantauDb db)
    {
        var r = await AllReports(db).AsNoTracking().Include(x => x.History).FirstOrDefaultAsync(x => x.Ticket == ticket.Trim().ToUpperInvariant());
        if (r is null) return TypedResults.NotFound();
        return TypedResults.Ok(new ReportTracking(r.Ticket, r.Category, r.Status, r.StatusNote, Utc(r.CreatedAt),
            r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusStep(h.Status, Utc(h.At), h.Note)).ToList()));
    }

    /// <summary>Reports across every office: the public finds its own by unguessable ticket, key or token.</summary>
    public static IQueryable<Report> AllReports(PantauDb db) => db.Reports.IgnoreQueryFilters();

    public static ReportReceipt Receipt(Report r) => new(r.Id, r.Ticket, r.Status, r.VerificationToken, $"/lapor/{r.Ticket}");

    private static ProblemHttpResult Blocked() =>
        TypedResults.Problem(statusCode: 403, title: "This number is blocked after repeated false reports. Contact the immigration office.");

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);
}
