using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pantau.Web.Data;

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

    /// <summary>After <paramref name="officeId"/> was added or changed (on this instance; others see it within <see cref="Lifetime"/>).</summary>
    public void Forget(int officeId)
    {
        cache.Remove(Key);
        cache.Remove(NamesKey);
        cache.Remove(RegenciesKey(officeId));
    }

    private static string RegenciesKey(int officeId) => $"jurisdiction:{officeId}";
}
