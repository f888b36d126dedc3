using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Operations;

/// <summary>A report as the console's queue shows it, with what orders it and what is running late.</summary>
/// <param name="Place">The kelurahan as a person reads it ("Sukarasa, Kec. Tangerang, Kota Tangerang"); the code is for machines.</param>
/// <param name="Client">The client application (Open311 key) that sent it, by name; its credibility is the application's.</param>
/// <param name="Pin">Where the console's map shows it: its position, else its kelurahan's centre.</param>
/// <param name="Escalation">Set while it waits for the regional division or the national desk to hand it to an office.</param>
public sealed record QueueItem(Guid Id, string Ticket, int OfficeId, ReportCategory Category, ReportStatus Status, ReportPriority Priority,
    DateTime CreatedAt, DateTime? VerifiedAt, string? VillageCode, string? Place, double? Latitude, double? Longitude, string Description, bool TrustedReporter,
    double Credibility, int IndependentReporters, double Urgency, int? TeamId, int Revision, int UnreadReplies, IReadOnlyList<SlaStage> Overdue,
    string? Client = null, Destination? Pin = null, Escalation? Escalation = null)
{
    public const int EventDescription = 280;

    /// <summary>An event carries the start of the description (a console opens the report for the rest): events stay small.</summary>
    public QueueItem ForEvent() => Description.Length <= EventDescription ? this : this with { Description = Description[..EventDescription] + "…" };
}

public static class QueueItems
{
    /// <summary>Urgency: the category's weight, the priority triage gave, how believable the reporters are, how many saw it, how long it waited.</summary>
    public static double Urgency(ReportCategory category, ReportPriority priority, double credibility, int reporters, TimeSpan age) =>
        (category switch
        {
            ReportCategory.Overstay or ReportCategory.UnauthorisedWork => 3,
            ReportCategory.PublicDisorder or ReportCategory.SuspiciousActivity => 2.5,
            ReportCategory.NotAtAddress => 2,
            _ => 1,
        }) * (priority switch { ReportPriority.Low => 0.5, ReportPriority.High => 1.5, ReportPriority.Urgent => 2.5, _ => 1 })
        * (0.5 + credibility) * (1 + Math.Log2(Math.Max(1, reporters))) + Math.Min(Math.Max(0, age.TotalHours) / 6, 4);

    /// <summary>The queue items of <paramref name="reports"/>, most urgent first. An incident's independent reporters are
    /// counted when read: the same reporter twice is one, and concurrent reports cannot lose a count.</summary>
    public static async Task<List<QueueItem>> ReadAsync(PantauDb db, PlaceFinder places, IQueryable<Report> reports, DateTime now, SlaTargets sla,
        CancellationToken ct)
    {
        var rows = await reports.AsNoTracking()
            .Select(r => new
            {
                Report = r,
                Credibility = r.TrustedReporterId != null ? 1.0
                    : db.Reporters.Where(x => x.Id == r.ReporterId).Select(x => (x.ConfirmedReports + 1.0) / (x.ConfirmedReports + x.FalseReports + 2.0)).FirstOrDefault(),
            }).ToListAsync(ct);
        // In a query of its own: reading across offices inside the one above would read the whole queue across them.
        var incidents = rows.Where(x => x.Report.IncidentId is not null).Select(x => x.Report.IncidentId!.Value).Distinct().ToList();
        var reporters = incidents.Count == 0 ? [] : (await db.Reports.AcrossOffices("an incident's independent reporters are counted in every office")
                .Where(x => x.IncidentId != null && incidents.Contains(x.IncidentId.Value) && x.Status != ReportStatus.Received)
                .Select(x => new { Incident = x.IncidentId!.Value, Who = x.ReporterId ?? x.TrustedReporterId }).Distinct().ToListAsync(ct))
            .GroupBy(x => x.Incident).ToDictionary(g => g.Key, g => g.Count());
        var clients = await ClientCredibility.ReadAsync(db,
            rows.Where(x => x.Report.ApiClientId is not null && x.Report.ReporterId is null).Select(x => x.Report.ApiClientId!.Value).Distinct().ToList(), ct);
        return rows.Select(x =>
            {
                var r = x.Report;
                var credibility = r.ReporterId is null && r.TrustedReporterId is null
                    ? (r.ApiClientId is { } client ? clients.GetValueOrDefault(client, 0.5) : 0.5)
                    : x.Credibility;
                var count = r.IncidentId is { } incident ? reporters.GetValueOrDefault(incident) : 0;
                return new QueueItem(r.Id, r.Ticket, r.OfficeId, r.Category, r.Status, r.Priority, r.CreatedAt, r.VerifiedAt, r.VillageCode,
                    r.VillageCode is { } village ? places.Directory.Village(village)?.Label : null, r.Latitude, r.Longitude, r.Description, r.TrustedReporterId != null, credibility, count,
                    Urgency(r.Category, r.Priority, credibility, count, now - (r.VerifiedAt ?? r.CreatedAt)), r.TeamId, r.Revision,
                    r.UnreadReplies, SlaClock.RunningLate(Times(r), sla.Of(r.OfficeId), now), r.ClientName, Destination.Of(r, places), r.Escalation);
            })
            .OrderByDescending(i => i.Urgency).ToList();
    }

    public static SlaTimes Times(Report r) => new(r.VerifiedAt, r.TriagedAt, r.DispatchedAt, r.ArrivedAt, r.ClosedAt);
}
