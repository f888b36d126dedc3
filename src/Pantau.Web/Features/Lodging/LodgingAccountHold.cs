using Microsoft.EntityFrameworkCore;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging;

/// <summary>
/// A lodging's account opens when its office verifies the registration: until then its owner, signing in with the
/// right password, reads that it waits for that office (or that the office refused it, and why), not "wrong password".
/// </summary>
public sealed class LodgingAccountHold(PantauDb db) : IAccountHold
{
    public async Task<Message?> WhyAsync(StaffUser account, CancellationToken ct)
    {
        var lodging = await db.Lodgings.AsNoTracking().Where(l => l.AccountId == account.Id)
            .Join(db.Offices, l => l.OfficeId, o => o.Id, (l, o) => new { l.State, l.DecisionNote, Office = o.Name })
            .FirstOrDefaultAsync(ct);
        return lodging?.State switch
        {
            LodgingState.Pending => new Message(LodgingCodes.AwaitingVerification, lodging.Office),
            LodgingState.Rejected => new Message(LodgingCodes.RegistrationRejected, lodging.Office, lodging.DecisionNote ?? ""),
            _ => null,
        };
    }
}
