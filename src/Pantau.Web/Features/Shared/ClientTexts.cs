using System.Text.Json;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Shared;

/// <summary>
/// The texts a page's script may show (<c>_ClientTexts.cshtml</c>): the keys under the page's prefixes, every enum
/// name's text, and the API's English sentences, which <see cref="Texts"/> translates by their text.
/// </summary>
public sealed class ClientTexts(params string[] prefixes)
{
    private static readonly string[] Always = ["api.", "form.", "permitType.", "permitStatus.", "sex.", "residentStatus.", "activity.", "accessState."];

    /// <summary>A JSON object of key → text; the serializer escapes &lt; and &gt;, so it is safe inside a script element.</summary>
    public string Json(Texts texts) => JsonSerializer.Serialize(Texts.All.Keys
        .Where(k => k.Contains(' ') || Always.Concat(prefixes).Any(p => k.StartsWith(p, StringComparison.Ordinal)))
        .ToDictionary(k => k, k => texts[k].Value));
}
