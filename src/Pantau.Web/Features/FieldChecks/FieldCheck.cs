namespace Pantau.Web.Features.FieldChecks;

/// <summary>An officer's check of a foreigner met in the field, as asked and as answered.</summary>
public sealed class FieldCheck
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime At { get; init; }
    public Guid OfficerId { get; init; }
    public int? OfficeId { get; init; }
    public required string Purpose { get; init; }

    /// <summary>What the officer had: "passport=E1234567 nationality=CHN", never free text.</summary>
    public required string Query { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>The kelurahan/desa of the position (null without one, at sea or abroad).</summary>
    public string? VillageCode { get; init; }
    public bool Registered { get; init; }

    /// <summary>The public report the team was checking, when the check was made from one.</summary>
    public Guid? ReportId { get; init; }

    /// <summary>The people the answer named, comma-separated.</summary>
    public required string ForeignerIds { get; init; }
}
