using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// How believable a trusted client application's reports are, as a phone's are (<see cref="Reporter.Credibility"/>):
/// from what officers found of its earlier reports, in every office, rather than from the address it sends from.
/// </summary>
public static class ClientCredibility
{
    public static async Task<Dictionary<Guid, double>> ReadAsync(PantauDb db, IReadOnlyCollection<Guid> clients, CancellationToken ct)
    {
        if (clients.Count == 0) return [];
        var counts = await db.Reports.AcrossOffices("an application's credibility is judged from its reports in every office")
            .Where(r => r.ApiClientId != null && clients.Contains(r.ApiClientId.Value))
            .GroupBy(r => r.ApiClientId!.Value)
            .Select(g => new
            {
                Client = g.Key,
                // As for a phone: a violation found confirms it; "no violation" is no mark either way.
                Confirmed = g.Count(r => r.Status == ReportStatus.Resolved && r.Outcome != null && r.Outcome != FieldOutcome.NoViolation),
                False = g.Count(r => r.Status == ReportStatus.Rejected && r.RejectionReason == RejectionReason.FalseReport),
            }).ToListAsync(ct);
        var result = clients.ToDictionary(c => c, _ => 0.5);
        foreach (var c in counts) result[c.Client] = (c.Confirmed + 1.0) / (c.Confirmed + c.False + 2.0);
        return result;
    }
}
