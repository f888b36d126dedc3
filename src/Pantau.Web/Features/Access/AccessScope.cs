namespace Pantau.Web.Features.Access;

/// <summary>
/// The part of the country a caller may reach. It is applied to every query on a person by the registry's query
/// filter, so an endpoint that forgets about scope still sees nothing outside it.
/// </summary>
public sealed record AccessScope(
    bool Everything,
    string? ProvinceCode,
    List<string> RegencyCodes,
    List<string> DistrictCodes,
    string? VillageCode,
    int? Rw,
    int? Rt)
{
    /// <summary>Anonymous callers and accounts without a scope reach nothing.</summary>
    public static AccessScope Nothing => new(false, null, [], [], null, null, null);

    /// <summary>The national admin, and the system itself (seeding, imports, the central feed).</summary>
    public static AccessScope All => new(true, null, [], [], null, null, null);

    public bool Covers(string villageCode, int rw, int rt) =>
        Everything
        || ProvinceCode == villageCode[..2]
        || RegencyCodes.Contains(villageCode[..5])
        || DistrictCodes.Contains(villageCode[..8])
        || (VillageCode == villageCode && (Rw is null || Rw == rw) && (Rt is null || Rt == rt));

    /// <summary>Whether a region (at any level) lies wholly inside this scope.</summary>
    public bool CoversRegion(string code) =>
        Everything
        || (ProvinceCode is not null && code.StartsWith(ProvinceCode, StringComparison.Ordinal))
        || RegencyCodes.Any(r => code.StartsWith(r, StringComparison.Ordinal))
        || DistrictCodes.Any(d => code.StartsWith(d, StringComparison.Ordinal));
}
