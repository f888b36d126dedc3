using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Teams;
using Pantau.Web.Infrastructure;
using Pantau.Web.Kernel;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Operations;

/// <param name="Note">The officers' own note (with the team's name): internal.</param>
/// <param name="PublicNote">What the reporter and the public are told, if anything beyond "a team is on its way".</param>
public sealed record Assignment(int? TeamId, bool? Override, string? Note, int? Revision, string? PublicNote = null);
public enum FieldStep { EnRoute, OnSite }
public sealed record Progress(FieldStep? Step, double? Latitude, double? Longitude, int? Revision);
/// <param name="Note">The officers' own note: internal.</param>
/// <param name="PublicNote">What the reporter and the public are told; by default the outcome in standard words.</param>
public sealed record Closing(string? Note, int? Revision, string? PublicNote = null);

/// <summary>A report as the team in the field sees it: where, what, who — never the reporter's number.</summary>
/// <param name="Place">The kelurahan as a person reads it ("Sukarasa, Kec. Tangerang, Kota Tangerang").</param>
/// <param name="Destination">Where the phone's map app takes the team; null when neither a position nor the kelurahan's shape is known.</param>
public sealed record TeamAssignment(Guid Id, string Ticket, int TeamId, string TeamName, ReportCategory Category, ReportStatus Status,
    ReportPriority Priority, int Revision, DateTime? DispatchedAt, string? VillageCode, string? Place, string? Address, double? Latitude,
    double? Longitude, Destination? Destination, string Description, string? PersonNationality, string? PersonName, string? Workplace,
    FieldOutcome? Outcome, string? FindingsNote, int? ForeignersChecked, int FieldChecks);

/// <summary>
/// Where the team goes: the report's own position, or, for a report without one, the centre of its kelurahan
/// (<see cref="VillageCentre"/>: the team knows to look around).
/// </summary>
public sealed record Destination(double Latitude, double Longitude, bool VillageCentre)
{
    /// <summary>The report's own position, else its kelurahan's centre; null without either.</summary>
    public static Destination? Of(Report r, PlaceFinder places) =>
        r.Latitude is { } lat && r.Longitude is { } lon ? new Destination(lat, lon, false)
        : r.VillageCode is { } village && places.Shapes.CentreOf(village) is { } centre ? new Destination(centre.Latitude, centre.Longitude, true)
        : null;
}

/// <param name="State">Free, or what it is doing: Dispatched, EnRoute, OnSite (the furthest along of its reports).</param>
/// <param name="Position">Its last known position today, from any member's phone.</param>
/// <param name="DistanceMetres">From there to the report asked about (straight line); null without either.</param>
/// <param name="Suggested">The team to send to that report: the nearest free one on duty (<see cref="TeamChoice"/>).</param>
public sealed record TeamActivity(int TeamId, string Name, bool OnDuty, IReadOnlyList<TeamTask> Assignments, string State = "Free",
    TeamPosition? Position = null, double? DistanceMetres = null, bool Suggested = false, int OfficeId = 0);
public sealed record TeamPosition(double Latitude, double Longitude, DateTime At);
public sealed record TeamTask(Guid ReportId, string Ticket, ReportStatus Status, DateTime Since);

/// <summary>
/// From the console to the field: a report goes to a TIMPORA team on duty (off duty only with an explicit override),
/// the team's members mark it en route and on site from their phones (the steps are also pings on the office head's
/// map), record what they found, and resolve it; the reporter hears of the dispatch and the outcome.
/// </summary>
public static class DispatchApi
{
    public static void MapDispatch(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Operations");
        g.MapPost("/reports/{id:guid}/assign", Assign).RequireAuthorization(Policies.HandleReports);
        g.MapPost("/reports/{id:guid}/progress", Step).RequireAuthorization(Policies.FieldCheck);
        g.MapPost("/reports/{id:guid}/findings", Findings).RequireAuthorization(Policies.FieldCheck).DisableAntiforgery();
        g.MapPost("/reports/{id:guid}/close", Close).RequireAuthorization(Policies.HandleReports);
        g.MapGet("/assignments", Assignments).RequireAuthorization(Policies.FieldCheck);
        g.MapGet("/operations/teams", Teams).RequireAuthorization(Policies.HandleReports);
    }

    private static async Task<Results<Ok<StaffReport>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Assign(Guid id, Assignment body, PantauDb db, ReportTracker tracker, Auditor audit, PlaceFinder places, TimeProvider time,
        SlaTargets sla, CancellationToken ct)
    {
        if (await db.Reports.Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        if (body.TeamId is not { } teamId) return Validation.Single("teamId", OperationsCodes.PickTeamSend);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId && t.OfficeId == report.OfficeId, ct);
        if (team is null || !team.Active) return Validation.Single("teamId", OperationsCodes.ThereNoActiveTeam);
        if (body.Note is { Length: > OperationsApi.MaxNote }) return Validation.Single("note", SharedCodes.AtMostCharacters, OperationsApi.MaxNote);
        var check = new Validation();
        OperationsApi.CheckPublicNote(check, body.PublicNote);
        if (!check.IsValid) return check.Problem();
        if (body.Revision is { } seen && seen != report.Revision) return OperationsApi.Changed(report);

        var now = time.GetUtcNow().UtcDateTime;
        var onDuty = await DutyRoster.IsOnDutyAsync(db, teamId, now, ct);
        if (!onDuty && body.Override != true)
            return OperationsApi.Conflict(report, OperationsCodes.TeamNotDutyNow);
        var note = string.IsNullOrWhiteSpace(body.Note) ? team.Name : $"{team.Name}: {body.Note.Trim()}";
        var publicNote = string.IsNullOrWhiteSpace(body.PublicNote) ? null : body.PublicNote.Trim();
        if (report.Dispatch(teamId, onDuty ? note : ReportTracker.Sms("operations.history.offDuty", note), publicNote, now) is { } refusal) return OperationsApi.Conflict(report, refusal);
        if (await OperationsApi.SaveOrConflictAsync(db, ct) is { } conflict) return conflict;
        await tracker.NotifyReporterAsync(db, report, ct);
        return await ReportsApi.ReadAsync(db, audit, places, id, "dispatch", now, sla, ct) is { } read ? TypedResults.Ok(read) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<TeamAssignment>, NotFound, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> Step(Guid id, Progress body, PantauDb db, CurrentStaff current, LiveEventHub hub, IOptions<JsonOptions> json, PlaceFinder places,
        TimeProvider time, CancellationToken ct)
    {
        if (await db.Reports.Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        var v = new Validation();
        v.Require("step", body.Step is not null, OperationsCodes.StepEnRouteOnSite);
        if (body.Latitude is not null || body.Longitude is not null)
        {
            v.Require("latitude", body.Latitude is >= -90 and <= 90, SharedCodes.LatitudeBetween9090);
            v.Require("longitude", body.Longitude is >= -180 and <= 180, SharedCodes.LongitudeBetween180180);
        }
        if (!v.IsValid) return v.Problem();
        if (await NotInTeamAsync(db, current, report, ct) is { } forbidden) return forbidden;
        if (body.Revision is { } seen && seen != report.Revision) return OperationsApi.Changed(report);

        var now = time.GetUtcNow().UtcDateTime;
        if ((body.Step == FieldStep.EnRoute ? report.SetOut(now) : report.Arrive(now)) is { } refusal) return OperationsApi.Conflict(report, refusal);
        if (await OperationsApi.SaveOrConflictAsync(db, ct) is { } conflict) return conflict;
        if (body.Latitude is { } lat && body.Longitude is { } lon)
            await FieldPositions.RecordAsync(db, current, report.OfficeId, hub, json.Value, places, lat, lon,
                body.Step == FieldStep.EnRoute ? FieldActivityKind.SetOut : FieldActivityKind.Arrived, report.Ticket, now, now, ct);
        return await AssignmentAsync(db, places, id, ct) is { } assignment ? TypedResults.Ok(assignment) : TypedResults.NotFound();
    }

    /// <summary>What the team found, as JSON or as a form with photos (multipart: outcome, note, foreignersChecked, photos).</summary>
    private static async Task<Results<Ok<TeamAssignment>, NotFound, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> Findings(Guid id, HttpRequest request, PantauDb db, CurrentStaff current,
        PlaceFinder places, TimeProvider time, CancellationToken ct)
    {
        if (await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        string? outcomeText, note, checkedText, revisionText;
        List<PhotoUpload> photos = [];
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            string? Field(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
            (outcomeText, note, checkedText, revisionText) = (Field("outcome"), Field("note"), Field("foreignersChecked"), Field("revision"));
            photos = await ReportForm.PhotosAsync(form, ct);
        }
        else if (request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(ct) ?? [];
            string? Field(string name) => body.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is var e
                && e.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number ? e.ToString() : null;
            (outcomeText, note, checkedText, revisionText) = (Field("outcome"), Field("note"), Field("foreignersChecked"), Field("revision"));
        }
        else return Validation.Single("body", OperationsCodes.SendFindingsJSONForm);

        var v = new Validation();
        FieldOutcome outcome = default;
        v.Require("outcome", InputRules.TryParseEnum(outcomeText, out outcome),
            OperationsCodes.OutcomeNoViolationWarningAdministrativeAction);
        var foreigners = 0;
        v.Require("foreignersChecked", checkedText is null || int.TryParse(checkedText, CultureInfo.InvariantCulture, out foreigners) && foreigners is >= 0 and <= 500,
            OperationsCodes.NumberForeignersCheckedBetween);
        v.Require("note", note is null || note.Trim().Length <= 2000, SharedCodes.AtMostCharacters, 2000);
        v.Require("note", note is null || !note.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'), SharedCodes.ControlCharactersNotAllowed);
        var existing = await db.ReportPhotos.CountAsync(p => p.ReportId == id && p.FromTeam, ct);
        v.Add(ReportRules.ValidatePhotos(photos));
        v.Require("photos", existing + photos.Count <= ReportPhoto.MaxPerReport, OperationsCodes.AtMostFieldPhotos, ReportPhoto.MaxPerReport);
        if (!v.IsValid) return v.Problem();
        if (await NotInTeamAsync(db, current, report, ct) is { } forbidden) return forbidden;
        if (revisionText is not null && revisionText != report.Revision.ToString(CultureInfo.InvariantCulture)) return OperationsApi.Changed(report);

        if (report.RecordFindings(outcome, note?.Trim(), foreigners) is { } refusal) return OperationsApi.Conflict(report, refusal);
        foreach (var photo in photos)
            db.ReportPhotos.Add(new ReportPhoto { ReportId = id, ContentType = photo.Clean!.ContentType, Content = photo.Clean.Content, FromTeam = true });
        if (await OperationsApi.SaveOrConflictAsync(db, ct) is { } conflict) return conflict;
        return await AssignmentAsync(db, places, id, ct) is { } assignment ? TypedResults.Ok(assignment) : TypedResults.NotFound();
    }

    /// <summary>The team (or an officer of the office) resolves the report once findings are recorded; the reporter hears the outcome.</summary>
    private static async Task<Results<Ok<StaffReport>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Close(Guid id, Closing body, PantauDb db, CurrentStaff current, ReportTracker tracker, Auditor audit, PlaceFinder places,
        TimeProvider time, SlaTargets sla, CancellationToken ct)
    {
        if (await db.Reports.Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } report) return TypedResults.NotFound();
        if (body.Note is { } n && (n.Trim().Length > OperationsApi.MaxNote || n.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
            return Validation.Single("note", SharedCodes.AtMostCharactersNoControl, OperationsApi.MaxNote);
        var check = new Validation();
        OperationsApi.CheckPublicNote(check, body.PublicNote);
        if (!check.IsValid) return check.Problem();
        if (body.Revision is { } seen && seen != report.Revision) return OperationsApi.Changed(report);
        var now = time.GetUtcNow().UtcDateTime;
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        var publicNote = string.IsNullOrWhiteSpace(body.PublicNote) ? OutcomeForReporter(report.Outcome) : body.PublicNote.Trim();
        if (report.Resolve(note, publicNote, now) is { } refusal) return OperationsApi.Conflict(report, refusal);
        // A violation found confirms the reporter; "no violation" is no mark against them either.
        if (report.Outcome is not FieldOutcome.NoViolation && report.ReporterId is { } rid
            && await db.Reporters.FirstOrDefaultAsync(r => r.Id == rid, ct) is { } reporter)
            reporter.Confirmed();
        if (await OperationsApi.SaveOrConflictAsync(db, ct) is { } conflict) return conflict;
        await tracker.NotifyReporterAsync(db, report, ct);
        return await ReportsApi.ReadAsync(db, audit, places, id, "close", now, sla, ct) is { } read ? TypedResults.Ok(read) : TypedResults.NotFound();
    }

    public static string OutcomeForReporter(FieldOutcome? outcome) => outcome switch
    {
        FieldOutcome.NoViolation => ReportTracker.Sms("operations.public.noViolation"),
        FieldOutcome.Warning => ReportTracker.Sms("operations.public.warning"),
        FieldOutcome.AdministrativeAction => ReportTracker.Sms("operations.public.administrativeAction"),
        FieldOutcome.ReferredToPolice => ReportTracker.Sms("operations.public.referredToPolice"),
        _ => ReportTracker.Sms("operations.public.resolved"),
    };

    private static async Task<Ok<List<TeamAssignment>>> Assignments(PantauDb db, CurrentStaff current, PlaceFinder places, CancellationToken ct)
    {
        var mine = await DutyRoster.TeamsOfAsync(db, current.UserId!.Value, ct);
        return TypedResults.Ok(await AssignmentsAsync(db, places, db.Reports.Where(r => r.TeamId != null && mine.Contains(r.TeamId.Value)
            && (r.Status == ReportStatus.Dispatched || r.Status == ReportStatus.EnRoute || r.Status == ReportStatus.OnSite)), ct));
    }

    private static async Task<TeamAssignment?> AssignmentAsync(PantauDb db, PlaceFinder places, Guid id, CancellationToken ct) =>
        (await AssignmentsAsync(db, places, db.Reports.Where(r => r.Id == id), ct)).FirstOrDefault();

    private static async Task<List<TeamAssignment>> AssignmentsAsync(PantauDb db, PlaceFinder places, IQueryable<Report> reports,
        CancellationToken ct) =>
        (await reports.AsNoTracking().OrderBy(r => r.DispatchedAt)
            .Select(r => new
            {
                Report = r,
                TeamName = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
                Checks = db.FieldChecks.Count(c => c.ReportId == r.Id),
            }).ToListAsync(ct))
        .Select(x => new TeamAssignment(x.Report.Id, x.Report.Ticket, x.Report.TeamId ?? 0, x.TeamName ?? "", x.Report.Category, x.Report.Status,
            x.Report.Priority, x.Report.Revision, x.Report.DispatchedAt, x.Report.VillageCode,
            x.Report.VillageCode is { } village ? places.Directory.Village(village)?.Label : null, x.Report.Address, x.Report.Latitude,
            x.Report.Longitude, Destination.Of(x.Report, places), x.Report.Description, x.Report.PersonNationality, x.Report.PersonName,
            x.Report.Workplace, x.Report.Outcome, x.Report.FindingsNote, x.Report.ForeignersChecked, x.Checks)).ToList();

    /// <summary>
    /// Each team of the office: on duty or not, what it is doing and where it was last seen (for the console and the
    /// office head). With <paramref name="reportId"/>, in the order to choose from for that report, the suggestion marked.
    /// </summary>
    private static async Task<Results<Ok<List<TeamActivity>>, NotFound, ProblemHttpResult>> Teams(PantauDb db, CurrentStaff current, TimeProvider time,
        PlaceFinder places, int? officeId, Guid? reportId, CancellationToken ct)
    {
        Destination? destination = null;
        if (reportId is { } rid)
        {
            if (await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct) is not { } report) return TypedResults.NotFound();
            destination = Destination.Of(report, places);
            officeId = report.OfficeId;
        }
        var office = current.Role == StaffRole.NationalAdmin && officeId is { } o ? o : current.OfficeId;
        if (office is not { } id) return Problems.Refusal(403, OperationsCodes.TeamsBelongOfficeGive);
        var activities = await TeamActivities.ReadAsync(db, [id], acrossOffices: false, time.GetUtcNow().UtcDateTime, destination, ct);
        if (reportId is null) return TypedResults.Ok(activities);
        var ordered = TeamChoice.Ordered(activities.Select(a => new TeamChoice.Candidate(a.TeamId, a.OnDuty, a.Assignments.Count, a.DistanceMetres)));
        var suggested = TeamChoice.Suggested(ordered);
        var byId = activities.ToDictionary(a => a.TeamId);
        return TypedResults.Ok(ordered.Select(c => byId[c.TeamId] with { Suggested = c.TeamId == suggested }).ToList());
    }

    /// <summary>Field steps are the assigned team's: another officer is told so (403), not shown the report's team is someone else's.</summary>
    private static async Task<ProblemHttpResult?> NotInTeamAsync(PantauDb db, CurrentStaff current, Report report, CancellationToken ct) =>
        report.TeamId is { } team && (await DutyRoster.TeamsOfAsync(db, current.UserId!.Value, ct)).Contains(team)
            ? null
            : Problems.Refusal(403, OperationsCodes.OnlyMemberTeamAssigned);

}
