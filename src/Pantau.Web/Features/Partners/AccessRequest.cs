namespace Pantau.Web.Features.Partners;

public enum AccessRequestState { Pending, Approved, Denied, Expired }

/// <summary>
/// A partner agency asking to learn who one de-identified permit record is. The office head holding the record
/// decides; an approval opens that one record for a limited time.
/// </summary>
public sealed class AccessRequest
{
    public static readonly TimeSpan DefaultOpening = TimeSpan.FromHours(24);
    public static readonly TimeSpan LongestOpening = TimeSpan.FromDays(7);

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid PartnerId { get; private set; }
    public string PartnerName { get; private set; } = "";
    public Guid PermitId { get; private set; }
    public Guid ForeignerId { get; private set; }

    /// <summary>The office whose head decides: the one holding the record when the request was made.</summary>
    public int OfficeId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public AccessRequestState Decision { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTime? OpenUntil { get; private set; }

    private AccessRequest() { }

    public AccessRequest(Guid partnerId, string partnerName, Guid permitId, Guid foreignerId, int officeId, string reason, DateTime now)
    {
        PartnerId = partnerId;
        PartnerName = partnerName;
        PermitId = permitId;
        ForeignerId = foreignerId;
        OfficeId = officeId;
        Reason = reason;
        RequestedAt = now;
        Decision = AccessRequestState.Pending;
    }

    /// <summary>The state now: an approval whose time has run out is expired.</summary>
    public AccessRequestState StateAt(DateTime now) =>
        Decision == AccessRequestState.Approved && OpenUntil <= now ? AccessRequestState.Expired : Decision;

    public bool IsOpenAt(DateTime now) => StateAt(now) == AccessRequestState.Approved;

    public void Approve(Guid head, TimeSpan opening, string? note, DateTime now)
    {
        EnsurePending();
        Decision = AccessRequestState.Approved;
        DecidedBy = head;
        DecidedAt = now;
        DecisionNote = note;
        OpenUntil = now + opening;
    }

    public void Deny(Guid head, string note, DateTime now)
    {
        EnsurePending();
        Decision = AccessRequestState.Denied;
        DecidedBy = head;
        DecidedAt = now;
        DecisionNote = note;
    }

    private void EnsurePending()
    {
        if (Decision != AccessRequestState.Pending) throw new InvalidOperationException(PartnersCodes.RequestDecidedAlready);
    }
}
