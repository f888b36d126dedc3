using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Operations;

/// <summary>Escalate: up to the regional division or the national desk, when the office cannot act (no team to send).</summary>
public enum TriageAction { Accept, Reject, Merge, Prioritise, Escalate }

/// <param name="ForwardTo">With <see cref="RejectionReason.OutsideJurisdiction"/>: the office the report goes on to.</param>
/// <param name="Into">With <see cref="TriageAction.Merge"/>: the report this one joins.</param>
/// <param name="Revision">The revision the officer decided on; if the report changed since, the answer is 409.</param>
/// <param name="Note">The officers' own note: internal, never shown to the reporter or the public.</param>
/// <param name="PublicNote">What the reporter and the public are told instead of the standard words, if the officer writes it.</param>
public sealed record TriageDecision(TriageAction? Action, RejectionReason? Reason, string? Note, int? ForwardTo, Guid? Into,
    ReportPriority? Priority, int? Revision, string? PublicNote = null);

public sealed record MessageView(long Id, DateTime At, bool FromReporter, string? AuthorName, string Text);

/// <summary>
/// The on-duty officers' side of a report: triage (accept, reject, forward, merge, priority), messages with the
/// reporter, the live event stream of the office's queue and the day's figures. Every decision is checked against the
/// report's state and revision, so that of two officers acting at once one wins and the other is told (409).
/// </summary>
public static class OperationsApi
{
    public const int MaxNote = 500;

    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Operations").RequireAuthorization(Policies.HandleReports);
        g.MapPost("/reports/{id:guid}/triage", Triage);
        g.MapGet("/reports/{id:guid}/messages", Messages);
        g.MapPost("/reports/{id:guid}/messages", Ask);
        g.MapPost("/reports/{id:guid}/messages/read", MarkRead);
        g.MapGet("/reports/summary", Summary);
        g.MapGet("/events", Events);
    }

    private static async Task<Results<Ok<StaffReport>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Triage(Guid id, TriageDecision body, PantauDb db, ReportTracker tracker, Auditor audit, Places.PlaceFinder places, TimeProvider time,
        SlaTargets sla, CancellationToken ct)
    {
        if (await db.Reports.Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        var v = new Validation();
        v.Require("action", body.Action is not null, OperationsCodes.ActionAcceptRejectMerge);
        if (body.Action == TriageAction.Reject && v.Require("reason", body.Reason is not null, OperationsCodes.RejectionGivesReasonFalseReport)
            && body.Reason == RejectionReason.OutsideJurisdiction)
            v.Require("forwardTo", body.ForwardTo is not null, OperationsCodes.OutsideJurisdictionNameOffice);
        if (body.Action == TriageAction.Merge) v.Require("into", body.Into is not null, OperationsCodes.NameReportOneMerged);
        if (body.Action == TriageAction.Prioritise) v.Require("priority", body.Priority is not null, OperationsCodes.PriorityLowNormalHigh);
        v.Require("note", body.Note is null || body.Note.Trim().Length <= MaxNote, SharedCodes.AtMostCharacters, MaxNote);
        CheckPublicNote(v, body.PublicNote);
        if (!v.IsValid) return v.Problem();
        if (body.Revision is { } seen && seen != report.Revision) return Changed(report);

        var now = time.GetUtcNow().UtcDateTime;
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        var publicNote = string.IsNullOrWhiteSpace(body.PublicNote) ? null : body.PublicNote.Trim();
        Message? refusal;
        switch (body.Action)
        {
            case TriageAction.Accept:
                refusal = report.Accept(body.Priority, now);
                break;
            case TriageAction.Reject when body.Reason == RejectionReason.OutsideJurisdiction:
                var office = await db.Offices.Where(o => o.Id == body.ForwardTo).Select(o => o.Name).FirstOrDefaultAsync(ct);
                if (office is null) return Validation.Single("forwardTo", SharedCodes.ThereNoOfficeId);
                refusal = report.Forward(body.ForwardTo!.Value, note, publicNote ?? ReportTracker.Sms("operations.public.forwarded", office), now);
                // Passed on to an office with nobody to read it, it goes up at once: the reporter is told where it really is.
                if (refusal is null && !await EscalationDesk.OfficeHasStaffAsync(db, report.OfficeId, ct))
                    report.Escalate(Escalation.OfficeWithoutStaff, null,
                        ReportTracker.Sms("reports.public.officeWithoutStaff", office, await EscalationDesk.NameForAsync(db, report.OfficeId, ct)), now);
                break;
            case TriageAction.Reject:
                refusal = report.Reject(body.Reason!.Value, note, publicNote ?? DefaultReason(body.Reason!.Value), now);
                if (refusal is null && body.Reason == RejectionReason.FalseReport && report.ReporterId is { } rid
                    && await db.Reporters.FirstOrDefaultAsync(r => r.Id == rid, ct) is { } reporter)
                    reporter.ReportedFalsely(now); // feeds the reporter's credibility and, repeated, blocks them
                break;
            case TriageAction.Merge:
                if (await db.Reports.FirstOrDefaultAsync(r => r.Id == body.Into, ct) is not { } target)
                    return Validation.Single("into", SharedCodes.ThereNoSuchReport);
                refusal = report.MergeInto(target, note, publicNote, now);
                break;
            case TriageAction.Escalate:
                refusal = report.Escalate(Escalation.OfficeAsked, note,
                    publicNote ?? ReportTracker.Sms("operations.public.escalated", await EscalationDesk.NameForAsync(db, report.OfficeId, ct)), now);
                break;
            default:
                refusal = report.Prioritise(body.Priority!.Value);
                break;
        }
        if (refusal is not null) return Conflict(report, refusal);
        if (await SaveOrConflictAsync(db, ct) is { } conflict) return conflict;
        if (body.Action != TriageAction.Prioritise) await tracker.NotifyReporterAsync(db, report, ct);
        return await ReportsApi.ReadAsync(db, audit, places, id, "triage", now, sla, ct, anyOffice: true) is { } read ? TypedResults.Ok(read) : TypedResults.NotFound();
    }

    /// <summary>A public note is text for the reporter and the public: short, without control characters.</summary>
    public static void CheckPublicNote(Validation v, string? publicNote) =>
        v.Require("publicNote", publicNote is null || (publicNote.Trim().Length <= MaxNote && !publicNote.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')),
            SharedCodes.AtMostCharactersNoControl, MaxNote);

    public static string DefaultReason(RejectionReason reason) => reason switch
    {
        RejectionReason.FalseReport => ReportTracker.Sms("operations.public.falseReport"),
        RejectionReason.NotImmigration => ReportTracker.Sms("operations.public.notImmigration"),
        _ => ReportTracker.Sms("operations.public.outsideJurisdiction"),
    };

    /// <summary>409: the report is not in the state the decision needs, or changed under the officer. Says where it is now.</summary>
    public static Conflict<ProblemDetails> Conflict(Report? report, Message title) => TypedResults.Conflict(report is null
        ? Problems.Details(409, title)
        : Problems.Details(409, title, ("status", report.Status.ToString()), ("revision", report.Revision)));

    public static Conflict<ProblemDetails> Changed(Report report) =>
        Conflict(report, OperationsCodes.ReportChangedSinceYou);

    /// <summary>Saves a decision; another officer's at the same moment (the revision moved under it) is a 409, and theirs stands.</summary>
    public static async Task<Conflict<ProblemDetails>?> SaveOrConflictAsync(PantauDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict(null, OperationsCodes.AnotherOfficerDecidedReport);
        }
    }

    private static async Task<Results<Ok<List<MessageView>>, NotFound>> Messages(Guid id, PantauDb db, CancellationToken ct)
    {
        if (!await db.Reports.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await MessagesOf(db, id, ct));
    }

    public static async Task<List<MessageView>> MessagesOf(PantauDb db, Guid reportId, CancellationToken ct) =>
        (await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == reportId).OrderBy(m => m.Id).ToListAsync(ct))
        .Select(m => new MessageView(m.Id, m.At, m.FromReporter, m.AuthorName, m.Text)).ToList();

    /// <summary>An officer asks the reporter: kept with the report, texted to the reporter's phone, shown on the status page.</summary>
    private static async Task<Results<Created<MessageView>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Ask(Guid id, MessageText body, PantauDb db, CurrentStaff current, IMessageSender sender, TimeProvider time,
        CancellationToken ct)
    {
        if (await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        if (MessageRules.Check(body.Text) is { } problem) return Validation.Single("text", problem);
        if (report.Status == ReportStatus.Received) return Conflict(report, OperationsCodes.ReporterHasNotVerified);
        var message = new ReportMessage
        {
            ReportId = id, At = time.GetUtcNow().UtcDateTime, AuthorId = current.UserId, AuthorName = current.User?.FullName, Text = body.Text!.Trim(),
        };
        db.ReportMessages.Add(message);
        report.RepliesRead();
        // The text message carries a new key to the thread (the reporter's earlier ones stay valid): a report from
        // before keys existed becomes reachable to its reporter this way.
        var key = report.ReporterId is not null ? report.IssueKey(message.At) : null;
        await db.SaveChangesAsync(ct);
        if (report.ReporterId is { } rid && await db.Reporters.Where(r => r.Id == rid).Select(r => r.Phone).FirstOrDefaultAsync(ct) is { } phone)
            await sender.SendAsync(phone, ReportTracker.Sms("operations.sms.message", report.Ticket, message.Text, key), ct);
        return TypedResults.Created($"/api/reports/{id}/messages", new MessageView(message.Id, message.At, false, message.AuthorName, message.Text));
    }

    private static async Task<Results<NoContent, NotFound>> MarkRead(Guid id, PantauDb db, CancellationToken ct)
    {
        if (await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        if (report.UnreadReplies > 0)
        {
            report.RepliesRead();
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The office's queue, live: every report that enters or changes in it, as the queue shows it. A console that
    /// reconnects (EventSource sends Last-Event-ID) first gets the reports that changed while it was away.
    /// </summary>
    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> Events(HttpContext http, CurrentStaff current, LiveEventHub hub, IServiceScopeFactory scopes, TimeProvider time,
        SlaTargets sla, Places.PlaceFinder places, IOptions<JsonOptions> json, int? officeId)
    {
        var office = current.Role == StaffRole.NationalAdmin && officeId is { } o ? o : current.OfficeId;
        if (office is not { } watched) return Problems.Refusal(403, OperationsCodes.LiveQueueFollowsOne);
        return LiveStream.Serve(http, hub, watched, Kinds.Report, async (lastSeen, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
            // After the last event seen, and those of the seconds before it: on PostgreSQL a lower id may commit later.
            var seenAt = await db.QueueEvents.Where(e => e.Id == lastSeen).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(ct);
            var since = (seenAt ?? DateTime.MaxValue.AddDays(-1)) - TimeSpan.FromSeconds(10);
            var missed = await db.QueueEvents.Where(e => e.OfficeId == watched && (e.Id > lastSeen || e.At >= since))
                .GroupBy(e => e.ReportId).Select(g => new { ReportId = g.Key, Id = g.Max(e => e.Id) })
                .OrderBy(e => e.Id).Take(500).ToListAsync(ct);
            var ids = missed.Select(m => m.ReportId).ToList();
            var items = (await QueueItems.ReadAsync(db, places, db.Reports.Where(r => ids.Contains(r.Id)), time.GetUtcNow().UtcDateTime, sla, ct))
                .ToDictionary(i => i.Id);
            return missed.Where(m => items.ContainsKey(m.ReportId))
                .Select(m => new LiveEvent(Kinds.Report, m.Id, watched, JsonSerializer.Serialize(items[m.ReportId].ForEvent(), json.Value.SerializerOptions)))
                .ToList();
        });
    }

    private static async Task<Results<Ok<DailySummary>, ValidationProblem, ProblemHttpResult>> Summary(PantauDb db, CurrentStaff current, TimeProvider time,
        SlaTargets sla, JurisdictionMap offices, DateOnly? date, int? officeId, CancellationToken ct)
    {
        var office = current.Role == StaffRole.NationalAdmin && officeId is { } o ? o : current.OfficeId;
        if (office is not { } id) return Problems.Refusal(403, OperationsCodes.SummaryPerOfficeGive);
        var now = time.GetUtcNow().UtcDateTime;
        // The office's day on its own clock (WIB, WITA or WIT).
        var offset = (await offices.ZoneOfAsync(id, db)).Offset;
        var day = date ?? DateOnly.FromDateTime(now + offset);
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - offset;
        var to = from.AddDays(1);
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.OfficeId == id && r.VerifiedAt >= from && r.VerifiedAt < to)
            .Select(r => new { r.Status, r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt })
            .ToListAsync(ct);
        return TypedResults.Ok(DailySummary.Of(id, day, reports.Select(r => (r.Status, new SlaTimes(r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt))).ToList(),
            sla.Of(id), now));
    }
}
