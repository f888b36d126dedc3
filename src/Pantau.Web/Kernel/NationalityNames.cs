using System.Globalization;
using System.Text.Json;

namespace Pantau.Web.Kernel;

/// <summary>
/// A nationality's code in words, in Indonesian or English: the country names of the npm package
/// <c>i18n-iso-countries</c> (copied beside the app into <c>countries/</c> by the build), keyed by its alpha-3 codes.
/// A code it does not name (ICAO's stateless and refugee codes) reads as the code.
/// </summary>
public static class NationalityNames
{
    private static readonly Lazy<(IReadOnlyDictionary<string, string> Id, IReadOnlyDictionary<string, string> En)> Names = new(Load);

    public static string Of(string code, CultureInfo culture)
    {
        var names = culture.TwoLetterISOLanguageName == "en" ? Names.Value.En : Names.Value.Id;
        return names.TryGetValue(code, out var name) ? name : code;
    }

    private static (IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>) Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "countries");
        // codes.json: [["AF", "AFG", "004", "ISO 3166-2:AF"], …]
        using var codes = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "codes.json")));
        var alpha3 = codes.RootElement.EnumerateArray().ToDictionary(c => c[0].GetString()!, c => c[1].GetString()!, StringComparer.Ordinal);
        return (Language(folder, "id", alpha3), Language(folder, "en", alpha3));
    }

    private static Dictionary<string, string> Language(string folder, string language, Dictionary<string, string> alpha3)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, $"{language}.json")));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var country in doc.RootElement.GetProperty("countries").EnumerateObject())
        {
            if (!alpha3.TryGetValue(country.Name, out var code)) continue;
            // A name, or a list of names of which the package's official one comes first.
            names[code] = (country.Value.ValueKind == JsonValueKind.Array ? country.Value[0] : country.Value).GetString()!;
        }
        return names;
    }
}
