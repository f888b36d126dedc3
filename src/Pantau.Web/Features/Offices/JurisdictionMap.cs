using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Offices;

/// <summary>Which office holds a regency: read on every audited look, so kept in memory for a short while.</summary>
public sealed class JurisdictionMap(IMemoryCache cache)
{
    private const string Key = "jurisdiction-map";

    public async Task<IReadOnlyDictionary<string, int>> GetAsync(PantauDb db) =>
        (await cache.GetOrCreateAsync(Key, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return (IReadOnlyDictionary<string, int>)await db.OfficeJurisdictions.AsNoTracking()
                .ToDictionaryAsync(j => j.RegencyCode, j => j.OfficeId);
        }))!;

    public void Forget() => cache.Remove(Key);
}
