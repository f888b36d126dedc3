namespace Pantau.Web.Features.Registry;

/// <summary>ITK visit stay, ITAS limited stay (KITAS), ITAP permanent stay (KITAP), diplomatic and service permits.</summary>
public enum PermitType { ITK, ITAS, ITAP, Diplomatic, Service }

public enum PermitStatus { Valid, Expiring, Expired, Cancelled }

public sealed class StayPermit
{
    public const int ExpiringWithinDays = 30;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ForeignerId { get; init; }
    public PermitType Type { get; set; }
    public required string Number { get; init; }
    public DateOnly IssueDate { get; set; }
    public DateOnly ExpiryDate { get; set; }
    public string? Purpose { get; set; }

    /// <summary>The penjamin: employer, spouse or school.</summary>
    public string? Sponsor { get; set; }

    /// <summary>The sponsor's mobile number (+628…), where the expiry reminder goes.</summary>
    public string? SponsorPhone { get; set; }
    public DateOnly? CancelledOn { get; set; }

    /// <summary>A person's current permit: the latest of those not cancelled, or else the latest.</summary>
    public static StayPermit? CurrentOf(IEnumerable<StayPermit> permits) =>
        permits.Where(p => p.CancelledOn is null).OrderByDescending(p => p.ExpiryDate).FirstOrDefault()
        ?? permits.OrderByDescending(p => p.ExpiryDate).FirstOrDefault();

    public bool IsExpiringWithin(int days, DateOnly today) => ExpiryDate >= today && ExpiryDate <= today.AddDays(days);

    public PermitStatus StatusOn(DateOnly today) =>
        CancelledOn is not null ? PermitStatus.Cancelled
        : ExpiryDate < today ? PermitStatus.Expired
        : IsExpiringWithin(ExpiringWithinDays, today) ? PermitStatus.Expiring
        : PermitStatus.Valid;
}
