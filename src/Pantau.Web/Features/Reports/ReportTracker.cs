using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pantau.Web.Data;

using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>Moves a report along and tells its reporter: every status change goes to their phone through the sender.</summary>
public sealed class ReportTracker(IMessageSender sender)
{
    private const long IncidentsLockKey = 0x50414E54494E43; // "PANTINC"
    private readonly SemaphoreSlim _incidents = new(1, 1);

    /// <summary>
    /// Hold while a verified report finds or opens its incident and is saved (then <see cref="IncidentGate.CommitAsync"/>),
    /// so that two reports of the same place arriving together join one incident instead of opening two: in process by
    /// a semaphore, and on PostgreSQL across instances by an advisory lock held by the save's transaction until commit.
    /// </summary>
    public async Task<IncidentGate> HoldIncidentsAsync(PantauDb db, CancellationToken ct)
    {
        await _incidents.WaitAsync(ct);
        try
        {
            IDbContextTransaction? tx = null;
            if (db.Database.IsNpgsql())
            {
                tx = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({IncidentsLockKey})", ct);
            }
            return new IncidentGate(_incidents, tx);
        }
        catch
        {
            _incidents.Release();
            throw;
        }
    }

    public sealed class IncidentGate(SemaphoreSlim gate, IDbContextTransaction? tx) : IAsyncDisposable
    {
        private int _done;

        public async Task CommitAsync(CancellationToken ct)
        {
            if (tx is not null) await tx.CommitAsync(ct);
        }

        /// <summary>Gives the connection back after a failed save (PostgreSQL refuses any other statement in a failed transaction).</summary>
        public async Task RollbackAsync(CancellationToken ct)
        {
            if (tx?.GetDbTransaction().Connection is not null) await tx.RollbackAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            try { if (tx is not null) await tx.DisposeAsync(); }
            finally { gate.Release(); }
        }
    }

    public async Task VerifyAsync(PantauDb db, Report report, DateTime now, CancellationToken ct)
    {
        var incident = await ReportRules.JoinIncidentAsync(db, report, now, ct);
        report.Verify(report.ReporterId, incident.Id, now);
        // An office with nobody to read its queue must not take reports as if it had: they go up, and the reporter is told so.
        if (!await EscalationDesk.OfficeHasStaffAsync(db, report.OfficeId, ct))
        {
            var office = await db.Offices.Where(o => o.Id == report.OfficeId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            report.Escalate(Escalation.OfficeWithoutStaff, null,
                Sms("reports.public.officeWithoutStaff", office, await EscalationDesk.NameForAsync(db, report.OfficeId, ct)), now);
        }
    }

    public async Task NotifyAsync(Report report, string phone, CancellationToken ct)
    {
        if (Message(report) is { } text) await sender.SendAsync(phone, text, ct);
    }

    /// <summary>Tells the reporter of <paramref name="report"/>, if they proved a phone, what just happened.</summary>
    public async Task NotifyReporterAsync(PantauDb db, Report report, CancellationToken ct)
    {
        if (report.ReporterId is not { } id) return;
        var phone = await db.Reporters.Where(r => r.Id == id).Select(r => r.Phone).FirstOrDefaultAsync(ct);
        if (phone is not null) await NotifyAsync(report, phone, ct);
    }

    /// <summary>
    /// What the reporter is told of the report's new state (the public note, never the officers' own); null for the
    /// steps they are not texted about. A link carries the key issued for this message, if one was.
    /// </summary>
    public static string? Message(Report r) => r.Status switch
    {
        ReportStatus.Received => Sms("reports.sms.received", r.Ticket),
        ReportStatus.Verified or ReportStatus.Accepted when r.Escalation is not null => Sms("reports.sms.escalated", r.Ticket, r.PublicNote, Link(r)),
        ReportStatus.Verified when r.ForwardedFromOfficeId is not null => Sms("reports.sms.forwarded", r.Ticket, r.PublicNote),
        ReportStatus.Verified => Sms("reports.sms.verified", r.Ticket, Link(r)),
        ReportStatus.Dispatched => Sms("reports.sms.dispatched", r.Ticket, r.PublicNote is { } d ? $" {d}" : ""),
        ReportStatus.Resolved => Sms("reports.sms.resolved", r.Ticket, r.PublicNote is { } n ? $" {n}" : ""),
        ReportStatus.Rejected => Sms("reports.sms.rejected", r.Ticket, r.PublicNote),
        ReportStatus.Merged => Sms("reports.sms.merged", r.Ticket, r.PublicNote ?? Sms("reports.sms.mergedDefault")),
        _ => null,
    };

    /// <summary>Text messages go out in Bahasa Indonesia, whatever the language of the request that caused them.</summary>
    public static string Sms(string key, params object?[] args) => TextCatalog.Format(key, TextCatalog.Indonesian, args);

    private static string Link(Report r) => r.IssuedKey is { } key ? Sms("reports.sms.link", key) : "";
}
