using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Offices;

/// <summary>
/// Which office holds a regency, and the offices' names: read on every audited look and field check, so kept in
/// memory for a short while; the offices API forgets both when it changes an office.
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

    public async Task<IReadOnlyDictionary<int, string>> OfficeNamesAsync(PantauDb db) =>
        (await cache.GetOrCreateAsync(NamesKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyDictionary<int, string>)await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        }))!;

    public void Forget()
    {
        cache.Remove(Key);
        cache.Remove(NamesKey);
    }
}
