using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Operations;

/// <param name="Open">Reports in its queue now (verified up to on site).</param>
/// <param name="Late">Of those, the ones with an SLA stage running late.</param>
/// <param name="Escalated">Of those, the ones waiting for the caller to hand them to an office (<see cref="Report.Escalate"/>).</param>
public sealed record OfficeLoad(int OfficeId, string Name, string ProvinceCode, int Open, int Late, int Escalated);

/// <param name="ForwardTo">The office in the caller's area that is to act on the report.</param>
/// <param name="Note">The hand-over's internal note (never shown to the reporter).</param>
/// <param name="Revision">The revision the caller decided on; if the report changed since (its office acted), 409.</param>
public sealed record HandOver(int? ForwardTo, string? Note, int? Revision);

/// <summary>The offices a roll-up covers, each with its load, their open reports as their consoles show them, and their teams.</summary>
public sealed record OperationsOverview(IReadOnlyList<OfficeLoad> Offices, IReadOnlyList<QueueItem> Reports, IReadOnlyList<TeamActivity> Teams);

/// <summary>
/// The roll-up for those above the offices (issue 17, point 4): a regional division reads the queues of every office in
/// its province, the national admin of every office, all together or one office at a time. Reads only, and only what a
/// console's queue shows (no reporter's number: that stays with the office handling the report).
/// </summary>
public static class OverviewApi
{
    public const int MaxReports = 1000;

    public static void MapOverview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operations/overview", Overview).WithTags("Operations").RequireAuthorization(Policies.ReadOverview);
        app.MapGet("/api/operations/overview/events", Changes).WithTags("Operations").RequireAuthorization(Policies.ReadOverview);
        app.MapPost("/api/operations/escalations/{id:guid}/forward", Forward).WithTags("Operations").RequireAuthorization(Policies.HandOverEscalations);
    }

    private sealed record CoveredOffice(int Id, string Name, string ProvinceCode);

    /// <summary>The offices the caller oversees: a regional division's province, the national admin's country.</summary>
    private static Task<List<CoveredOffice>> CoveredAsync(PantauDb db, CurrentStaff current, CancellationToken ct)
    {
        var offices = db.Offices.AsNoTracking();
        if (current.Role != StaffRole.NationalAdmin) offices = offices.Where(o => o.ProvinceCode == current.Scope.ProvinceCode);
        return offices.OrderBy(o => o.Name).Select(o => new CoveredOffice(o.Id, o.Name, o.ProvinceCode)).ToListAsync(ct);
    }

    private static async Task<Results<Ok<OperationsOverview>, NotFound>> Overview(PantauDb db, CurrentStaff current, PlaceFinder places, TimeProvider time,
        SlaTargets sla, int? officeId, CancellationToken ct)
    {
        var covered = await CoveredAsync(db, current, ct);
        // Another province's office is not there for this account: the same answer as an office that does not exist.
        if (officeId is { } one && covered.All(o => o.Id != one)) return TypedResults.NotFound();
        var ids = covered.Where(o => officeId is null || o.Id == officeId).Select(o => o.Id).ToList();

        var now = time.GetUtcNow().UtcDateTime;
        var open = db.Reports.AcrossOffices("a regional division or the national admin reads the queues of the offices it oversees")
            .Where(r => ids.Contains(r.OfficeId) && (r.Status == ReportStatus.Verified || r.Status == ReportStatus.Accepted
                || r.Status == ReportStatus.Dispatched || r.Status == ReportStatus.EnRoute || r.Status == ReportStatus.OnSite));
        // Those waiting for the caller to hand them over come first.
        var reports = (await QueueItems.ReadAsync(db, places, open.OrderBy(r => r.Escalation == null).ThenByDescending(r => r.CreatedAt).Take(MaxReports), now, sla, ct))
            .OrderBy(r => r.Escalation is null).ToList(); // the rest by urgency, as a console orders them
        // The loads count every open report, not only the ones listed: their clocks are read, the reports are not.
        var counts = covered.Where(o => ids.Contains(o.Id)).ToDictionary(o => o.Id, _ => (Open: 0, Late: 0, Escalated: 0));
        await foreach (var r in open.AsNoTracking().Select(r => new { r.OfficeId, r.Escalation, r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            var (o, l, e) = counts[r.OfficeId];
            var late = SlaClock.RunningLate(new SlaTimes(r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt), sla.Of(r.OfficeId), now).Count > 0;
            counts[r.OfficeId] = (o + 1, l + (late ? 1 : 0), e + (r.Escalation is null ? 0 : 1));
        }
        var loads = covered.Where(o => ids.Contains(o.Id))
            .Select(o => new OfficeLoad(o.Id, o.Name, o.ProvinceCode, counts[o.Id].Open, counts[o.Id].Late, counts[o.Id].Escalated)).ToList();
        return TypedResults.Ok(new OperationsOverview(loads, reports, await TeamActivities.ReadAsync(db, ids, acrossOffices: true, now, null, ct)));
    }

    /// <summary>
    /// The overview's live side: a "changed" event naming the office whenever a report of an office it covers moves (the
    /// same events the offices' consoles get), a heartbeat when all are quiet. The page reads the overview again on it;
    /// the events carry no report, so nothing passes here that the overview itself would not show.
    /// </summary>
    private static async Task<Results<ServerSentEventsResult<string>, NotFound>> Changes(HttpContext http, PantauDb db, CurrentStaff current,
        LiveEventHub hub, int? officeId, CancellationToken ct)
    {
        var covered = await CoveredAsync(db, current, ct);
        if (officeId is { } one && covered.All(o => o.Id != one)) return TypedResults.NotFound();
        var subscriptions = covered.Where(o => officeId is null || o.Id == officeId).Select(o => hub.Subscribe(o.Id, Kinds.Report)).ToList();
        foreach (var subscription in subscriptions) http.Response.RegisterForDispose(subscription);
        return TypedResults.ServerSentEvents(Items(LiveStream.EndOf(http)));

        async IAsyncEnumerable<SseItem<string>> Items([EnumeratorCancellation] CancellationToken aborted)
        {
            yield return new SseItem<string>("{}", "ready");
            var changed = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
            // One pump per office's subscription into one channel; they end with the request.
            var pumps = subscriptions.Select(async s =>
            {
                try
                {
                    await foreach (var e in s.Reader.ReadAllAsync(aborted)) changed.Writer.TryWrite(e.OfficeId);
                }
                catch (OperationCanceledException) { }
            }).ToList();
            while (!aborted.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                quiet.CancelAfter(LiveStream.Heartbeat);
                int? office = null;
                try
                {
                    office = await changed.Reader.ReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested) { }
                catch (OperationCanceledException) { break; }
                if (office is { } o)
                {
                    // A burst is one change: the page reads the whole overview anyway.
                    while (changed.Reader.TryRead(out _)) { }
                    yield return new SseItem<string>(o.ToString(CultureInfo.InvariantCulture), "changed");
                }
                else yield return new SseItem<string>("{}", "heartbeat");
            }
            await Task.WhenAll(pumps);
        }
    }

    /// <summary>
    /// A report that went up (<see cref="Report.Escalate"/>) to the regional division or the national desk, handed to an
    /// office of its area that has staff to read it. A report that did not go up is its office's (409); one outside the
    /// caller's area is not there (404).
    /// </summary>
    private static async Task<Results<Ok<QueueItem>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Forward(Guid id, HandOver body, PantauDb db,
        CurrentStaff current, ReportTracker tracker, PlaceFinder places, TimeProvider time, SlaTargets sla, CancellationToken ct)
    {
        var covered = await CoveredAsync(db, current, ct);
        var ids = covered.Select(o => o.Id).ToList();
        if (await db.Reports.AcrossOffices("a regional division or the national desk hands over a report of an office it oversees")
                .Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id && ids.Contains(r.OfficeId), ct) is not { } report)
            return TypedResults.NotFound();
        var v = new Validation();
        var target = covered.FirstOrDefault(o => o.Id == body.ForwardTo);
        if (v.Require("forwardTo", body.ForwardTo is not null, OperationsCodes.OfficeOutsideArea) && v.Require("forwardTo", target is not null, OperationsCodes.OfficeOutsideArea))
            v.Require("forwardTo", await EscalationDesk.OfficeHasStaffAsync(db, target!.Id, ct), OperationsCodes.OfficeWithoutStaff);
        v.Require("note", body.Note is null || body.Note.Trim().Length <= OperationsApi.MaxNote, SharedCodes.AtMostCharacters, OperationsApi.MaxNote);
        if (!v.IsValid) return v.Problem();
        if (body.Revision is { } seen && seen != report.Revision) return OperationsApi.Changed(report);
        if (report.Escalation is null) return OperationsApi.Conflict(report, OperationsCodes.ReportNotEscalated);

        var now = time.GetUtcNow().UtcDateTime;
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        if (report.Forward(target!.Id, note, ReportTracker.Sms("operations.public.handedOver", target.Name), now) is { } refusal)
            return OperationsApi.Conflict(report, refusal);
        if (await OperationsApi.SaveOrConflictAsync(db, ct) is { } conflict) return conflict;
        await tracker.NotifyReporterAsync(db, report, ct);
        var read = await QueueItems.ReadAsync(db, places, db.Reports.AcrossOffices("the hand-over answers with the report as the overview shows it")
            .Where(r => r.Id == id), now, sla, ct);
        return TypedResults.Ok(read.Single());
    }
}
