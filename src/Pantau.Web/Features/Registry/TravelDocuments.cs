using System.Text.RegularExpressions;

namespace Pantau.Web.Features.Registry;

public static partial class TravelDocuments
{
    // ICAO 9303: the document number field holds upper-case Latin letters and digits, nine characters.
    [GeneratedRegex("^[A-Z0-9]{5,9}$")]
    private static partial Regex PassportPattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9/.-]{2,39}$")]
    private static partial Regex PermitPattern();

    /// <summary>Upper case without spaces, as a number is read off a photocopy.</summary>
    public static string NormalizeNumber(string? number) =>
        string.Concat((number ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    public static bool IsPassportNumber(string number) => PassportPattern().IsMatch(number);

    public static bool IsPermitNumber(string number) => PermitPattern().IsMatch(number);
}
