namespace Pantau.Web.Features.Regions;

/// <summary>One unit of the Kemendagri hierarchy, imported from idn-area-data.</summary>
public sealed class Region
{
    public required string Code { get; init; }
    public string? ParentCode { get; init; }
    public required string Name { get; init; }
    public RegionLevel Level { get; init; }
}
