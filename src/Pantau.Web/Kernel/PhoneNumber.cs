using System.Text.RegularExpressions;

namespace Pantau.Web.Kernel;

/// <summary>Indonesian mobile numbers, written 08… or +628…, kept as +628….</summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^\+628[1-9][0-9]{6,10}$")]
    private static partial Regex Mobile();

    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var digits = string.Concat(raw.Where(c => char.IsDigit(c) || c == '+'));
        if (digits.StartsWith("08", StringComparison.Ordinal)) digits = "+62" + digits[1..];
        else if (digits.StartsWith("628", StringComparison.Ordinal)) digits = "+" + digits;
        return Mobile().IsMatch(digits) ? digits : null;
    }

    /// <summary>The country code and the first <paramref name="digits"/> of the number (+62 812…): one operator's block, the unit of the SMS budget.</summary>
    public static string Prefix(string phone, int digits) => phone[..Math.Min(phone.Length, 3 + digits)];

    /// <summary>+6281234567890 → +62812****890: enough for the reporter to recognise, not to call.</summary>
    public static string Masked(string phone) => phone.Length > 8 ? phone[..6] + new string('*', phone.Length - 9) + phone[^3..] : "***";
}
