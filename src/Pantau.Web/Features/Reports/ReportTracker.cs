using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports;

/// <summary>Moves a report along and tells its reporter: every status change goes to their phone through the sender.</summary>
public sealed class ReportTracker(IMessageSender sender)
{
    private readonly SemaphoreSlim _incidents = new(1, 1);

    /// <summary>
    /// Hold while a verified report finds or opens its incident and is saved, so that two reports of the same place
    /// arriving together join one incident instead of opening two. (Per instance: several instances on PostgreSQL
    /// may still open two incidents at the same moment.)
    /// </summary>
    public async Task<IDisposable> HoldIncidentsAsync(CancellationToken ct)
    {
        await _incidents.WaitAsync(ct);
        return new Release(_incidents);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release(); }
    }

    public async Task VerifyAsync(PantauDb db, Report report, DateTime now, CancellationToken ct)
    {
        var incident = await ReportRules.JoinIncidentAsync(db, report, now, ct);
        report.Verify(report.ReporterId, incident.Id, now);
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

    /// <summary>What the reporter is told of the report's new state; null for the steps they are not texted about.</summary>
    public static string? Message(Report r) => r.Status switch
    {
        ReportStatus.Received => $"Laporan {r.Ticket} diterima. Verifikasi nomor Anda agar laporan diproses.",
        ReportStatus.Verified when r.ForwardedFromOfficeId is not null => $"Laporan {r.Ticket}: {r.StatusNote}",
        ReportStatus.Verified => $"Laporan {r.Ticket} diterima dan diteruskan ke petugas imigrasi. Pantau statusnya di /lapor/{r.Ticket}.",
        ReportStatus.Dispatched => $"Laporan {r.Ticket}: tim TIMPORA ditugaskan ke lokasi.",
        ReportStatus.Resolved => $"Laporan {r.Ticket} selesai ditangani." + (r.StatusNote is { } n ? $" {n}" : "") + " Terima kasih.",
        ReportStatus.Rejected => $"Laporan {r.Ticket} tidak dapat ditindaklanjuti: {r.StatusNote}",
        ReportStatus.Merged => $"Laporan {r.Ticket}: {r.StatusNote} Pantau statusnya di /lapor/{r.Ticket}.",
        _ => null,
    };
}
