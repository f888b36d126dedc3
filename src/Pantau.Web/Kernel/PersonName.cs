using System.Globalization;
using System.Text;

namespace Pantau.Web.Kernel;

/// <summary>
/// How names are compared: case, spacing and diacritics do not matter ("Nguyễn  Văn An" finds "NGUYEN VAN AN"),
/// and each word is matched by prefix in any order.
/// </summary>
public static class PersonName
{
    public const int MaxLength = 200;

    public static string Tidy(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Fold(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                case UnicodeCategory.DashPunctuation or UnicodeCategory.SpaceSeparator:
                    sb.Append(' ');
                    continue;
                case UnicodeCategory.OtherPunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation:
                    if (c is '\'' or '’' or '`' or '.') continue; // O'Brien = OBrien; "J. Smith" = "J Smith"
                    sb.Append(' ');
                    continue;
            }
            sb.Append(char.ToLowerInvariant(c) switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' or 'ð' => "d",
                'ł' => "l",
                'ı' => "i",
                'þ' => "th",
                var lower => lower.ToString(),
            });
        }
        return Tidy(sb.ToString().Normalize(NormalizationForm.FormC));
    }

    public static IEnumerable<string> Tokens(string name) => Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct();

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (ordinal/binary order).</summary>
    public static string PrefixUpperBound(string prefix) => prefix + '\uffff';
}
