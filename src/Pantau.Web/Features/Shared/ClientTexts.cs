using System.Text.Json;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Shared;

/// <summary>
/// The texts a page's script may show (<c>_ClientTexts.cshtml</c>): the keys under the page's prefixes, every enum
/// name's text, and every code the API answers with (its problems carry codes, which the script translates).
/// </summary>
public sealed class ClientTexts(params string[] prefixes)
{
    private static readonly string[] Always = ["api.", "form.", "permitType.", "permitStatus.", "permitPurpose.", "sex.", "residentStatus.", "activity.", "accessState."];

    /// <summary>A JSON object of key → text; the serializer escapes &lt; and &gt;, so it is safe inside a script element.</summary>
    public string Json(PageTexts texts) => JsonSerializer.Serialize(TextCatalog.Owners.Keys
        .Where(k => Always.Concat(prefixes).Any(p => k.StartsWith(p, StringComparison.Ordinal)))
        .Concat(TextCatalog.Codes).Distinct()
        .ToDictionary(k => k, k => texts[k].Value));
}
