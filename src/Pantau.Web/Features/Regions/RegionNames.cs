using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Regions;

/// <summary>
/// Region names by code, for the reads that name a place on every request (counts, field checks, a person's record).
/// Regions are imported once into an empty database and never change while the app runs, so a name once read is kept
/// for the life of the process. Only codes that exist are kept: at most the hierarchy's ~91,000.
/// </summary>
public sealed class RegionNames
{
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    private static readonly Func<PantauDb, string, CancellationToken, Task<string?>> NameQuery =
        EF.CompileAsyncQuery((PantauDb db, string code, CancellationToken ct) =>
            db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefault());

    /// <summary>The region's name, or null when there is no such region.</summary>
    public async ValueTask<string?> NameOfAsync(PantauDb db, string code, CancellationToken ct)
    {
        if (_names.TryGetValue(code, out var name)) return name;
        name = await NameQuery(db, code, ct);
        if (name is not null) _names.TryAdd(code, name);
        return name;
    }

    /// <summary>The names of those of <paramref name="codes"/> that exist; the unknown ones read in one query.</summary>
    public async ValueTask<IReadOnlyDictionary<string, string>> NamesOfAsync(PantauDb db, IEnumerable<string> codes, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var code in codes)
            if (_names.TryGetValue(code, out var name)) found[code] = name;
            else if (!found.ContainsKey(code)) (missing ??= []).Add(code);
        if (missing is null) return found;
        foreach (var r in await db.Regions.AsNoTracking().Where(r => missing.Contains(r.Code)).Select(r => new { r.Code, r.Name }).ToListAsync(ct))
        {
            _names.TryAdd(r.Code, r.Name);
            found[r.Code] = r.Name;
        }
        return found;
    }
}
