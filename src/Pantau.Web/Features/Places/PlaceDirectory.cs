using System.Globalization;
using System.Text;
using Pantau.Web.Features.Regions;

namespace Pantau.Web.Features.Places;

/// <summary>A kelurahan/desa named with what tells it apart: its kecamatan, regency/city and province.</summary>
public sealed record PlaceName(string Code, string Name, string DistrictCode, string District, string RegencyCode, string Regency,
    string ProvinceCode, string Province)
{
    /// <summary>"Sukarasa, Kec. Tangerang, Kota Tangerang": how a person reads a place.</summary>
    public string Label => $"{Name}, Kec. {District}, {Regency}";
}

/// <summary>
/// Every region's name in memory (91,599, read once from the region files the database imports), with a search of villages by name:
/// case, spacing and diacritics do not matter, each word may be the start of a word, in any order, and words may name
/// the kecamatan or the city ("sukamaju bogor"). A sorted list of every word leads to the candidates of the query's
/// longest word; each candidate is then checked for all words.
/// </summary>
public sealed class PlaceDirectory
{
    public const int MaxResults = 20;

    private readonly Dictionary<string, string> _names;
    private readonly string[] _villages;
    private readonly string[][] _villageWords;
    private readonly string[][] _contextWords;
    private readonly string[] _normalisedNames;
    private readonly (string Word, int Village)[] _words;

    public PlaceDirectory(IEnumerable<Region> regions)
    {
        var names = regions.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        _names = names;
        _villages = names.Keys.Where(c => c.Length == 13).Order(StringComparer.Ordinal).ToArray();
        _villageWords = new string[_villages.Length][];
        _contextWords = new string[_villages.Length][];
        _normalisedNames = new string[_villages.Length];
        var words = new List<(string, int)>(_villages.Length * 4);
        for (var i = 0; i < _villages.Length; i++)
        {
            var code = _villages[i];
            _normalisedNames[i] = Normalise(names[code]);
            _villageWords[i] = Words(_normalisedNames[i]);
            _contextWords[i] = Words(Normalise($"{Known(code[..8])} {Known(code[..5])}"));
            foreach (var w in _villageWords[i].Concat(_contextWords[i]).Distinct()) words.Add((w, i));
        }
        _words = words.OrderBy(w => w.Item1, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The village's name with its kecamatan, regency and province, or null for a code that is not a village.</summary>
    public PlaceName? Village(string code)
    {
        if (code.Length != 13 || !_names.TryGetValue(code, out var name)) return null;
        return new PlaceName(code, name, code[..8], Known(code[..8]), code[..5], Known(code[..5]), code[..2], Known(code[..2]));
    }

    /// <summary>A parent's name: the files name every parent of every village; a missing one shows as its code.</summary>
    private string Known(string code) => _names.GetValueOrDefault(code) ?? code;

    /// <summary>Any region's name (province, regency, kecamatan or village), or null.</summary>
    public string? NameOf(string code) => _names.GetValueOrDefault(code);

    /// <summary>Villages whose name (with its kecamatan and city) holds every word of <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<PlaceName> Search(string query, int limit = MaxResults)
    {
        var normalised = Normalise(query);
        var words = Words(normalised);
        if (words.Length == 0) return [];
        var key = words.MaxBy(w => w.Length)!;
        var from = LowerBound(key);
        var candidates = new HashSet<int>();
        for (var i = from; i < _words.Length && _words[i].Word.StartsWith(key, StringComparison.Ordinal); i++) candidates.Add(_words[i].Village);

        return candidates
            .Where(i => words.All(w => _villageWords[i].Any(v => v.StartsWith(w, StringComparison.Ordinal)) ||
                                       _contextWords[i].Any(v => v.StartsWith(w, StringComparison.Ordinal))))
            // The name itself first, then names that start like the query, then names holding all words, then the rest.
            .OrderBy(i => _normalisedNames[i] == normalised ? 0
                : _normalisedNames[i].StartsWith(normalised, StringComparison.Ordinal) ? 1
                : words.All(w => _villageWords[i].Any(v => v.StartsWith(w, StringComparison.Ordinal))) ? 2 : 3)
            .ThenBy(i => _normalisedNames[i].Length)
            .ThenBy(i => _villages[i], StringComparer.Ordinal)
            .Take(limit)
            .Select(i => Village(_villages[i])!)
            .ToList();
    }

    private int LowerBound(string key)
    {
        int lo = 0, hi = _words.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_words[mid].Word, key) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Lower case, without diacritics, letters and digits only, single spaces: "Désa  Sukamaju" → "desa sukamaju".</summary>
    public static string Normalise(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string[] Words(string normalised) => normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
