using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Operations;

public sealed record StaffReport(Guid Id, string Ticket, int OfficeId, ReportCategory Category, ReportStatus Status, string? StatusNote,
    ReportPriority Priority, int Revision, DateTime CreatedAt, DateTime OccurredAt, string? VillageCode, string? Address, double? Latitude,
    double? Longitude, string Description, string? PersonNationality, string? PersonName, string? Workplace, string? ReporterPhone,
    Guid? TrustedReporterId, double Credibility, int PhotoCount, Guid? IncidentId, int IndependentReporters, int? TeamId, Guid? MergedIntoId,
    RejectionReason? RejectionReason, int? ForwardedFromOfficeId, FieldOutcome? Outcome, string? FindingsNote, int? ForeignersChecked,
    int UnreadReplies, IReadOnlyList<SlaClock> Clocks, IReadOnlyList<StatusStep> History, string? PublicNote, string? Place,
    int? PositionOffPlaceMetres, string? Client, Escalation? Escalation = null, DateTime? EscalatedAt = null);

/// <summary>
/// The officers' reading of SIPOA: the office's queue ordered by urgency, and a report with its reporter (immigration
/// staff only: partners and RT/RW heads never reach these endpoints). Decisions on a report are in <see cref="OperationsApi"/>.
/// </summary>
public static class ReportsApi
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.HandleReports);
        g.MapGet("/", Queue);
        g.MapGet("/{id:guid}", Get);
        g.MapGet("/{id:guid}/photos/{index:int}", Photo);
    }

    private static async Task<Ok<List<QueueItem>>> Queue(PantauDb db, PlaceFinder places, TimeProvider time, SlaTargets sla, ReportStatus? status,
        CancellationToken ct)
    {
        var q = db.Reports.Where(r => r.Status != ReportStatus.Received);
        q = status is { } s ? q.Where(r => r.Status == s)
            : q.Where(r => r.Status == ReportStatus.Verified || r.Status == ReportStatus.Accepted || r.Status == ReportStatus.Dispatched
                || r.Status == ReportStatus.EnRoute || r.Status == ReportStatus.OnSite);
        return TypedResults.Ok(await QueueItems.ReadAsync(db, places, q.OrderByDescending(r => r.CreatedAt).Take(500), time.GetUtcNow().UtcDateTime, sla, ct));
    }

    public const string ReporterRecordType = "reporter";

    /// <summary>
    /// A report as officers see it, with its reporter's phone: that read is on the audit trail (who, which report and
    /// reporter, the report's office, <paramref name="purpose"/>) before it is answered.
    /// </summary>
    /// <param name="anyOffice">Read it even though it is no longer the caller's office's (just forwarded by them).</param>
    public static async Task<StaffReport?> ReadAsync(PantauDb db, Auditor audit, PlaceFinder places, Guid id, string purpose, DateTime now,
        SlaTargets sla, CancellationToken ct, bool anyOffice = false)
    {
        if (await (anyOffice ? db.Reports.AcrossOffices("the officer who forwarded a report reads back what they decided") : db.Reports).AsNoTracking().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } r) return null;
        var reporter = r.ReporterId is { } rid ? await db.Reporters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == rid, ct) : null;
        if (reporter is not null)
            await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Read, ReporterRecordType, [r.Id, reporter.Id], [],
                $"{purpose} (report {r.Ticket}: reporter's phone)", [r.OfficeId]), ct);
        var reporters = r.IncidentId is { } incident
            ? await db.Reports.AcrossOffices("an incident's independent reporters are counted in every office").Where(x => x.IncidentId == incident && x.Status != ReportStatus.Received)
                .Select(x => x.ReporterId ?? x.TrustedReporterId).Distinct().CountAsync(ct)
            : 0;
        var photos = await db.ReportPhotos.CountAsync(p => p.ReportId == id, ct);
        var credibility = r.TrustedReporterId is not null ? 1
            : reporter?.Credibility
            ?? (r.ApiClientId is { } client ? (await ClientCredibility.ReadAsync(db, [client], ct))[client] : 0.5);
        return new StaffReport(r.Id, r.Ticket, r.OfficeId, r.Category, r.Status, r.StatusNote, r.Priority, r.Revision, r.CreatedAt,
            r.OccurredAt, r.VillageCode, r.Address, r.Latitude, r.Longitude, r.Description, r.PersonNationality, r.PersonName, r.Workplace,
            reporter?.Phone, r.TrustedReporterId, credibility, photos, r.IncidentId, reporters,
            r.TeamId, r.MergedIntoId, r.RejectionReason, r.ForwardedFromOfficeId, r.Outcome, r.FindingsNote, r.ForeignersChecked, r.UnreadReplies,
            SlaClock.Of(QueueItems.Times(r), sla.Of(r.OfficeId), now),
            r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusStep(h.Status, h.At, h.Note)).ToList(), r.PublicNote,
            r.VillageCode is { } village ? places.Directory.Village(village)?.Label : null, r.PositionOffPlaceMetres, r.ClientName,
            r.Escalation, r.EscalatedAt);
    }

    private static async Task<Results<Ok<StaffReport>, NotFound>> Get(Guid id, string? purpose, PantauDb db, Auditor audit, PlaceFinder places,
        TimeProvider time, SlaTargets sla, CancellationToken ct) =>
        await ReadAsync(db, audit, places, id, string.IsNullOrWhiteSpace(purpose) ? "report handling" : purpose.Trim(), time.GetUtcNow().UtcDateTime, sla, ct)
            is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    /// <summary>
    /// A photo of the report, to immigration staff only (this group's policy): never sniffed as anything but the image
    /// it was re-encoded as, shown inline under a name that says nothing of the reporter.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> Photo(Guid id, int index, PantauDb db, HttpContext http)
    {
        if (index < 0 || !await db.Reports.AnyAsync(r => r.Id == id)) return TypedResults.NotFound();
        var photo = await db.ReportPhotos.AsNoTracking().Where(p => p.ReportId == id).OrderBy(p => p.Id).Skip(index).FirstOrDefaultAsync();
        if (photo is null) return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentDisposition = $"inline; filename=\"report-photo-{index + 1}.jpg\"";
        http.Response.Headers.CacheControl = "private, no-store";
        // Stored before photos were re-encoded: served as a download, never rendered from its own bytes' say.
        return photo.ContentType == "image/jpeg" && photo.Content.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })
            ? TypedResults.File(photo.Content, photo.ContentType)
            : TypedResults.File(photo.Content, "application/octet-stream", $"report-photo-{index + 1}");
    }
}
