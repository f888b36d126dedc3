using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pantau.Web.Kernel;

/// <summary>
/// Country names in Indonesian and English from the maintained list of npm <c>i18n-iso-countries</c> (copied beside the
/// app as <c>countries/</c> by the build), keyed by the ISO 3166-1 alpha-3 codes the registry stores. People read and
/// type names; the API and the database keep codes. ICAO's stateless and refugee codes have names of our own.
/// </summary>
public static partial class CountryNames
{
    private sealed record Country(string Code, string Indonesian, string English, IReadOnlyList<string> AllNames);

    private static readonly Lazy<IReadOnlyDictionary<string, Country>> Table = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> ByName = new(() =>
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in Table.Value.Values)
            foreach (var name in c.AllNames)
                names.TryAdd(Fold(name), c.Code);
        return names;
    });

    /// <summary>The name of <paramref name="code"/> in the culture's language; the code itself when it names no country.</summary>
    public static string Name(string? code, CultureInfo culture)
    {
        if (code is null) return "";
        if (!Table.Value.TryGetValue(code, out var c)) return code;
        return culture.TwoLetterISOLanguageName == "en" ? c.English : c.Indonesian;
    }

    /// <summary>Every country, ordered by its name in the culture's language.</summary>
    public static IReadOnlyList<(string Code, string Name)> All(CultureInfo culture) =>
        Table.Value.Keys.Select(k => (k, Name(k, culture))).OrderBy(c => c.Item2, StringComparer.Create(culture, true)).ToList();

    /// <summary>
    /// The code a person's input means: an alpha-3 code in any case, a name in Indonesian or English (case, spacing and
    /// diacritics aside), or a picker's "Name (CHN)". Null when it means none.
    /// </summary>
    public static string? CodeOf(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var text = input.Trim();
        if (text.Length == 3) // the registry's and the feeds' own codes: the common case, and a fast one
        {
            var upper = text.ToUpperInvariant();
            if (Table.Value.ContainsKey(upper)) return upper;
        }
        if (Trailing().Match(text) is { Success: true } m && Table.Value.ContainsKey(m.Groups[1].Value.ToUpperInvariant()))
            return m.Groups[1].Value.ToUpperInvariant();
        return ByName.Value.GetValueOrDefault(Fold(text));
    }

    [GeneratedRegex(@"\(([A-Za-z]{3})\)\s*$")]
    private static partial Regex Trailing();

    private static string Fold(string name)
    {
        var d = name.Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(d.Length);
        foreach (var ch in d)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && char.IsLetterOrDigit(ch)) b.Append(char.ToLowerInvariant(ch));
        return b.ToString();
    }

    private static IReadOnlyDictionary<string, Country> Load()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "countries");
        using var codes = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "codes.json")));
        using var id = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "id.json")));
        using var en = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "en.json")));
        var idNames = id.RootElement.GetProperty("countries");
        var enNames = en.RootElement.GetProperty("countries");
        var table = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var row in codes.RootElement.EnumerateArray())
        {
            var (alpha2, alpha3) = (row[0].GetString()!, row[1].GetString()!);
            // Only what the registry takes (Kosovo's user-assigned XKK is not an ICAO nationality code).
            if (!Nationalities.IsKnown(alpha3) || !idNames.TryGetProperty(alpha2, out var i) || !enNames.TryGetProperty(alpha2, out var e)) continue;
            var (idAll, enAll) = (NamesOf(i), NamesOf(e));
            table[alpha3] = new Country(alpha3, Display(idAll), Display(enAll), [.. idAll, .. enAll]);
        }
        // ICAO 9303's codes for travel documents of stateless persons and refugees.
        table["XXA"] = new Country("XXA", "Tanpa kewarganegaraan", "Stateless", ["Tanpa kewarganegaraan", "Stateless"]);
        table["XXB"] = new Country("XXB", "Pengungsi (Konvensi 1951)", "Refugee (1951 Convention)", ["Pengungsi", "Refugee"]);
        table["XXC"] = new Country("XXC", "Pengungsi (lainnya)", "Refugee (other)", ["Pengungsi lainnya", "Refugee other"]);
        return table;
    }

    private static List<string> NamesOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetString()!).ToList() : [e.GetString()!];

    // The list gives the official name first ("People's Republic of China"); people read the common one ("China").
    private static string Display(List<string> names) =>
        names[0].Length > 20 && names.Skip(1).FirstOrDefault(n => n.Length > 3 && n.Any(char.IsLower)) is { } common ? common : names[0];
}
