using System.Globalization;
using Microsoft.Extensions.Localization;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Shared;

/// <summary>
/// The <c>T</c> of every page: a page shows texts of several features (the console shows Reports' categories beside
/// Operations' own), so a key is read through the <see cref="IStringLocalizer{T}"/> of the feature that owns it
/// (<see cref="TextCatalog.Owners"/>), in the request's UI culture. A key that is missing shows as itself.
/// </summary>
public sealed class PageTexts(IStringLocalizerFactory factory) : IStringLocalizer
{
    private readonly Dictionary<Type, IStringLocalizer> _features = TextCatalog.Features.ToDictionary(t => t, factory.Create);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>For <c>&lt;html lang&gt;</c>.</summary>
    public string Language => English ? "en" : "id";

    public LocalizedString this[string name] =>
        TextCatalog.Owners.TryGetValue(name, out var owner) ? _features[owner][name] : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        TextCatalog.Owners.TryGetValue(name, out var owner)
            ? _features[owner][TextCatalog.Plural(name, CultureInfo.CurrentUICulture, arguments), arguments]
            : new(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _features.Values.SelectMany(l => l.GetAllStrings(includeParentCultures));

    public bool Has(string key) => TextCatalog.Owners.ContainsKey(key);

    /// <summary>A message from a rule: its code translated and formatted with its arguments.</summary>
    public string this[Message message] => message.In(CultureInfo.CurrentUICulture);

    /// <summary>A date as people read it: 30 Jun 2027 (months in the page's language).</summary>
    public string Date(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
}
