using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Pantau.Web.Infrastructure;

/// <summary>Bahasa Indonesia by default; English one click away (a cookie set by <c>/culture</c>).</summary>
public static class Localization
{
    public static readonly CultureInfo[] Cultures = [new("id-ID"), new("en-US")];

    public static IServiceCollection AddPantauLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<Texts>();
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<Texts>());
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
