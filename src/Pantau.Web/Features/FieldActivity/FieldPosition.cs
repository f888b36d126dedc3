namespace Pantau.Web.Features.FieldActivity;

public enum FieldActivityKind { PatrolStarted, Arrived, CheckDone, PatrolEnded, Position }

/// <summary>A field officer's phone saying where they are and what they are doing.</summary>
public sealed class FieldPosition
{
    public long Id { get; init; }
    public Guid OfficerId { get; init; }
    public required string OfficerName { get; init; }
    public int OfficeId { get; init; }
    public DateTime At { get; init; }
    public DateTime ReceivedAt { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public FieldActivityKind Activity { get; init; }
    public string? Note { get; init; }
}
