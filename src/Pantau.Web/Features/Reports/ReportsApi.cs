using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

public sealed record QueueItem(Guid Id, string Ticket, ReportCategory Category, ReportStatus Status, DateTime CreatedAt, string? VillageCode,
    double? Latitude, double? Longitude, string Description, bool TrustedReporter, double Credibility, int IndependentReporters, double Urgency);
public sealed record StaffReport(Guid Id, string Ticket, ReportCategory Category, ReportStatus Status, string? StatusNote, DateTime CreatedAt,
    DateTime OccurredAt, string? VillageCode, string? Address, double? Latitude, double? Longitude, string Description, string? PersonNationality,
    string? PersonName, string? Workplace, string? ReporterPhone, Guid? TrustedReporterId, double Credibility, int PhotoCount,
    Guid? IncidentId, int IndependentReporters, IReadOnlyList<StatusStep> History);
public sealed record StatusChange(ReportStatus? Status, string? Note, bool? FalseReport);

/// <summary>
/// The officers' side of SIPOA as far as tracking needs it: the office's queue ordered by urgency, a report with its
/// reporter, and status changes that reach the reporter. (Triage, teams and the live console build on this.)
/// </summary>
public static class ReportsApi
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.HandleReports);
        g.MapGet("/", Queue);
        g.MapGet("/{id:guid}", Get);
        g.MapGet("/{id:guid}/photos/{index:int}", Photo);
        g.MapPost("/{id:guid}/status", ChangeStatus);
    }

    // An incident's independent reporters are counted from its reports when read: the same reporter twice is one,
    // and concurrent reports cannot lose a count.

    /// <summary>Urgency: the category's weight, how believable the reporters are, how many saw it, how long it waited.</summary>
    public static double Urgency(ReportCategory category, double credibility, int reporters, TimeSpan age) =>
        (category switch
        {
            ReportCategory.Overstay or ReportCategory.UnauthorisedWork => 3,
            ReportCategory.PublicDisorder or ReportCategory.SuspiciousActivity => 2.5,
            ReportCategory.NotAtAddress => 2,
            _ => 1,
        }) * (0.5 + credibility) * (1 + Math.Log2(Math.Max(1, reporters))) + Math.Min(age.TotalHours / 6, 4);

    private static async Task<Ok<List<QueueItem>>> Queue(PantauDb db, TimeProvider time, ReportStatus? status)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var q = db.Reports.AsNoTracking().Where(r => r.Status != ReportStatus.Received);
        q = status is { } s ? q.Where(r => r.Status == s) : q.Where(r => r.Status == ReportStatus.Verified || r.Status == ReportStatus.Dispatched);
        var rows = await q.OrderByDescending(r => r.CreatedAt).Take(500)
            .Select(r => new
            {
                Report = r,
                Credibility = r.TrustedReporterId != null ? 1.0
                    : db.Reporters.Where(x => x.Id == r.ReporterId).Select(x => (x.ConfirmedReports + 1.0) / (x.ConfirmedReports + x.FalseReports + 2.0)).FirstOrDefault(),
                Reporters = db.Reports.Where(x => x.IncidentId != null && x.IncidentId == r.IncidentId && x.Status != ReportStatus.Received)
                    .Select(x => x.ReporterId ?? x.TrustedReporterId).Distinct().Count(),
            }).ToListAsync();
        return TypedResults.Ok(rows.Select(x => new QueueItem(x.Report.Id, x.Report.Ticket, x.Report.Category, x.Report.Status, Utc(x.Report.CreatedAt),
                x.Report.VillageCode, x.Report.Latitude, x.Report.Longitude, x.Report.Description, x.Report.TrustedReporterId != null, x.Credibility,
                x.Reporters, Urgency(x.Report.Category, x.Credibility, x.Reporters, now - x.Report.CreatedAt)))
            .OrderByDescending(i => i.Urgency).ToList());
    }

    private static async Task<Results<Ok<StaffReport>, NotFound>> Get(Guid id, PantauDb db)
    {
        if (await db.Reports.AsNoTracking().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id) is not { } r) return TypedResults.NotFound();
        var reporter = r.ReporterId is { } rid ? await db.Reporters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == rid) : null;
        var reporters = r.IncidentId is { } incident
            ? await db.Reports.Where(x => x.IncidentId == incident && x.Status != ReportStatus.Received)
                .Select(x => x.ReporterId ?? x.TrustedReporterId).Distinct().CountAsync()
            : 0;
        var photos = await db.ReportPhotos.CountAsync(p => p.ReportId == id);
        return TypedResults.Ok(new StaffReport(r.Id, r.Ticket, r.Category, r.Status, r.StatusNote, Utc(r.CreatedAt), Utc(r.OccurredAt), r.VillageCode,
            r.Address, r.Latitude, r.Longitude, r.Description, r.PersonNationality, r.PersonName, r.Workplace, reporter?.Phone, r.TrustedReporterId,
            r.TrustedReporterId is not null ? 1 : reporter?.Credibility ?? 0.5, photos, r.IncidentId, reporters,
            r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusStep(h.Status, Utc(h.At), h.Note)).ToList()));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Photo(Guid id, int index, PantauDb db)
    {
        if (!await db.Reports.AnyAsync(r => r.Id == id)) return TypedResults.NotFound();
        var photo = await db.ReportPhotos.AsNoTracking().Where(p => p.ReportId == id).OrderBy(p => p.Id).Skip(index).FirstOrDefaultAsync();
        return photo is null ? TypedResults.NotFound() : TypedResults.File(photo.Content, photo.ContentType);
    }

    private static async Task<Results<Ok<StaffReport>, NotFound, ValidationProblem>> ChangeStatus(Guid id, StatusChange body, PantauDb db,
        ReportTracker tracker, TimeProvider time, CancellationToken ct)
    {
        if (await db.Reports.Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        var v = new Validation();
        v.Require("status", body.Status is ReportStatus.Dispatched or ReportStatus.Resolved or ReportStatus.Rejected,
            "The new status is Dispatched, Resolved or Rejected.");
        if (body.Status == ReportStatus.Rejected)
            v.Require("note", !string.IsNullOrWhiteSpace(body.Note), "A rejection gives its reason; the reporter reads it.");
        v.Require("note", body.Note is null || body.Note.Length <= 500, "At most 500 characters.");
        v.Require("status", report.Status is ReportStatus.Verified or ReportStatus.Dispatched, "Only a verified report that is not closed changes status.");
        if (!v.IsValid) return v.Problem();

        var now = time.GetUtcNow().UtcDateTime;
        report.MoveTo(body.Status!.Value, body.Note?.Trim(), now);
        if (report.ReporterId is { } rid && await db.Reporters.FirstOrDefaultAsync(r => r.Id == rid, ct) is { } reporter)
        {
            // The reporter's record feeds the order of the queue and, after repeated false reports, blocks them.
            if (body.Status == ReportStatus.Rejected && body.FalseReport == true) reporter.ReportedFalsely(now);
            if (body.Status == ReportStatus.Resolved) reporter.Confirmed();
        }
        await db.SaveChangesAsync(ct);
        await tracker.NotifyReporterAsync(db, report, ct);
        return (await Get(id, db)).Result is Ok<StaffReport> ok ? ok : TypedResults.NotFound();
    }

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);
}
