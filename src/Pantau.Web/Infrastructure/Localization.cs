using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.AspNetCore.Localization;

namespace Pantau.Web.Infrastructure;

/// <summary>Bahasa Indonesia by default; English one click away (a cookie set by <c>/culture</c>).</summary>
public static class Localization
{
    public static readonly CultureInfo[] Cultures = [new("id-ID"), new("en-US")];

    public static IServiceCollection AddPantauLocalization(this IServiceCollection services)
    {
        // No ResourcesPath: each feature's marker type (Features/X/Resources/XTexts) names its own .resx beside it.
        services.AddLocalization();
        services.AddSingleton<Features.Shared.PageTexts>();
        services.AddScoped<Features.Shared.PageClock>();
        services.Configure<ProblemDetailsOptions>(o =>
        {
            var earlier = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = ctx => { earlier?.Invoke(ctx); Problems.Translate(ctx.ProblemDetails); };
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("id-ID");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Only the user's explicit choice counts: the browser's language does not override the Indonesian default.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static void MapCulture(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext ctx) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == culture || c.Name == culture) ?? Cultures[0];
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            // Anything but a plain local path (an absolute URL, "//host", "/\host") goes home instead.
            return TypedResults.LocalRedirect(InputRules.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription().AllowAnonymous();
}

/// <summary>
/// Every feature's texts, by key: the resources of the marker types <c>Features/X/Resources/XTexts</c> (neutral =
/// Bahasa Indonesia, <c>.en</c> = English), and the codes rules answer with (the constants of the <c>XCodes</c>
/// classes). Found by reflection, so a new feature's texts need no registration; a key lives in one feature only.
/// </summary>
public static class TextCatalog
{
    public static readonly CultureInfo Indonesian = Localization.Cultures[0];
    public static readonly CultureInfo English = Localization.Cultures[1];

    /// <summary>The marker types, one per feature with texts.</summary>
    public static IReadOnlyList<Type> Features { get; } = typeof(TextCatalog).Assembly.GetTypes()
        .Where(t => t.IsClass && t.IsSealed && t.Name.EndsWith("Texts", StringComparison.Ordinal)
            && t.Namespace is { } ns && ns.StartsWith("Pantau.Web.Features.", StringComparison.Ordinal) && ns.EndsWith(".Resources", StringComparison.Ordinal))
        .OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();

    private static readonly Dictionary<Type, ResourceManager> Managers = Features.ToDictionary(t => t, t => new ResourceManager(t));

    /// <summary>Key → the marker type of the feature that owns it.</summary>
    public static IReadOnlyDictionary<string, Type> Owners { get; } = LoadOwners();

    /// <summary>Every code a rule or an API answers with: the public string constants of the <c>XCodes</c> classes.</summary>
    public static IReadOnlyList<string> Codes { get; } = typeof(TextCatalog).Assembly.GetTypes()
        .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Codes", StringComparison.Ordinal)
            && t.Namespace?.StartsWith("Pantau.Web.Features.", StringComparison.Ordinal) == true)
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!).Distinct().ToArray();

    /// <summary>All keys and their texts in one language, read from the .resx of that language only.</summary>
    public static IReadOnlyDictionary<string, string> Table(Type feature, CultureInfo culture)
    {
        // Indonesian is the neutral language: its table is the main assembly's; English is the satellite's.
        var set = Managers[feature].GetResourceSet(culture == English ? English.Parent : CultureInfo.InvariantCulture, true, false);
        return set is null ? new Dictionary<string, string>()
            : set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    public static string? Find(string key, CultureInfo culture) =>
        Owners.TryGetValue(key, out var owner) ? Managers[owner].GetString(key, culture) : null;

    /// <summary>The key's text in the culture, formatted with the arguments; a missing key shows as itself.</summary>
    public static string Format(string key, CultureInfo culture, params object?[] args) =>
        Find(Plural(key, culture, args), culture) is { } text ? args.Length == 0 ? text : string.Format(culture, text, args) : key;

    /// <summary>
    /// The key of the singular form (<c>key.one</c>, "1 reporter") when the text has one and its first whole-number
    /// argument is 1 in a language that says so (English; Indonesian nouns take no plural), else the key itself.
    /// </summary>
    public static string Plural(string key, CultureInfo culture, IReadOnlyList<object?> args)
    {
        if (culture.TwoLetterISOLanguageName != "en") return key;
        var count = args.FirstOrDefault(a => a is int or long or short or byte);
        return count is not null && Convert.ToInt64(count, CultureInfo.InvariantCulture) == 1 && Owners.ContainsKey(key + ".one") ? key + ".one" : key;
    }

    private static Dictionary<string, Type> LoadOwners()
    {
        var owners = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var feature in Features)
            foreach (var key in Table(feature, Indonesian).Keys)
                if (!owners.TryAdd(key, feature))
                    throw new InvalidOperationException($"The text key {key} is in both {owners[key].Name} and {feature.Name}.");
        return owners;
    }
}
