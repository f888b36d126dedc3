using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pantau.Web.Data;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Offices;

/// <summary>
/// Which office holds a regency, the regencies an office holds, and the offices' names: read on every request (the
/// caller's scope), audited look and field check, so kept in memory for a short while; the offices API forgets them
/// when it changes an office.
/// </summary>
public sealed class JurisdictionMap(IMemoryCache cache)
{
    private const string Key = "jurisdiction-map";
    private const string NamesKey = "office-names";
    private const string ZonesKey = "office-zones";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyDictionary<string, int>> GetAsync(PantauDb db) =>
        (await cache.GetOrCreateAsync(Key, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyDictionary<string, int>)await db.OfficeJurisdictions.AsNoTracking()
                .ToDictionaryAsync(j => j.RegencyCode, j => j.OfficeId);
        }))!;

    /// <summary>The office's jurisdiction: an office member's scope (Access reads it on every request).</summary>
    public async Task<IReadOnlyList<string>> RegenciesOfAsync(int officeId, PantauDb db) =>
        (await cache.GetOrCreateAsync(RegenciesKey(officeId), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyList<string>)await db.OfficeJurisdictions.AsNoTracking()
                .Where(j => j.OfficeId == officeId).Select(j => j.RegencyCode).ToListAsync();
        }))!;

    public async Task<IReadOnlyDictionary<int, string>> OfficeNamesAsync(PantauDb db) =>
        (await cache.GetOrCreateAsync(NamesKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyDictionary<int, string>)await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        }))!;

    /// <summary>Each office's time zone: every page that shows a time reads its office's.</summary>
    public async Task<IndonesianTimeZone> ZoneOfAsync(int officeId, PantauDb db) =>
        (await cache.GetOrCreateAsync(ZonesKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyDictionary<int, string>)await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.TimeZone);
        }))!.TryGetValue(officeId, out var id) ? IndonesianTimeZone.Of(id) : IndonesianTimeZone.Wib;

    /// <summary>After <paramref name="officeId"/> was added or changed (on this instance; others see it within <see cref="Lifetime"/>).</summary>
    public void Forget(int officeId)
    {
        cache.Remove(Key);
        cache.Remove(NamesKey);
        cache.Remove(ZonesKey);
        cache.Remove(RegenciesKey(officeId));
    }

    private static string RegenciesKey(int officeId) => $"jurisdiction:{officeId}";
}
