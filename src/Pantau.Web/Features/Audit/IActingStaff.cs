namespace Pantau.Web.Features.Audit;

/// <summary>
/// Who acts, as the audit trail records it: the signed-in account or the system. Access's <c>CurrentStaff</c> is it
/// (registered by Access), so the trail names the caller without depending on how accounts are kept.
/// </summary>
public interface IActingStaff
{
    Guid? UserId { get; }
    string? Email { get; }
    int? OfficeId { get; }
    bool IsSystem { get; }

    /// <summary>For work the system does on its own behalf (the trail's writer in its own scope): sees everything.</summary>
    void ActAsSystem();
}
