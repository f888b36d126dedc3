using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// A counter per key and hour in the database, shared by every instance: the SMS budgets (all numbers, one prefix),
/// the code requests of one client address, and the challenges already used. Taken with a conditional UPDATE
/// (<c>SET Count = Count + 1 WHERE … AND Count &lt; limit</c>), so that a parallel burst never gets past the limit.
/// </summary>
public sealed class HourlyCount
{
    public required string Key { get; init; }
    public DateTime Hour { get; init; }
    public int Count { get; set; }

    public const int MaxKey = 100;

    public static DateTime HourOf(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    /// <summary>One more of <paramref name="key"/> in the hour of <paramref name="now"/>, if fewer than <paramref name="limit"/> were taken.</summary>
    public static async Task<bool> TryTakeAsync(PantauDb db, string key, DateTime now, int limit, CancellationToken ct)
    {
        if (limit <= 0) return false;
        if (key.Length > MaxKey) key = key[..MaxKey];
        var hour = HourOf(now);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await db.HourlyCounts.Where(c => c.Key == key && c.Hour == hour && c.Count < limit)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), ct) == 1)
                return true;
            if (await db.HourlyCounts.AnyAsync(c => c.Key == key && c.Hour == hour, ct)) return false;
            // The hour's first: insert it; if another request inserted it meanwhile, the UPDATE above takes the next.
            var first = new HourlyCount { Key = key, Hour = hour, Count = 1 };
            db.HourlyCounts.Add(first);
            try
            {
                await db.SaveChangesAsync(ct);
                db.Entry(first).State = EntityState.Detached;
                return true;
            }
            catch (DbUpdateException)
            {
                db.Entry(first).State = EntityState.Detached;
            }
        }
        return false;
    }

    /// <summary>Puts back one taken by <see cref="TryTakeAsync"/> for something that then did not happen.</summary>
    public static Task<int> GiveBackAsync(PantauDb db, string key, DateTime now, CancellationToken ct)
    {
        if (key.Length > MaxKey) key = key[..MaxKey];
        var hour = HourOf(now);
        return db.HourlyCounts.Where(c => c.Key == key && c.Hour == hour && c.Count > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - 1), ct);
    }

    /// <summary>Counters are only read within their hour (challenges: their lifetime); a day later they go.</summary>
    public static Task<int> ForgetOldAsync(PantauDb db, DateTime now, CancellationToken ct)
    {
        var dayAgo = HourOf(now).AddDays(-1);
        return db.HourlyCounts.Where(c => c.Hour < dayAgo).ExecuteDeleteAsync(ct);
    }
}
