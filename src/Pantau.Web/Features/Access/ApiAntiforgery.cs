using Microsoft.AspNetCore.Antiforgery;

namespace Pantau.Web.Features.Access;

/// <summary>
/// A browser's cookie goes with every request to the app, whoever made the page that sends it; a change made through
/// the API with that cookie must therefore also carry the antiforgery token the app gave its own pages
/// (<c>RequestVerificationToken</c> header, from the layout's meta element; pantau.js sends it). Without it: 400.
/// Bearer-token calls are not sent by a browser on its own, and anonymous calls (the public report form, Open311)
/// act for no one, so neither needs the token.
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsToken(context))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Results.ValidationProblem(
                    new Dictionary<string, string[]> { [HeaderName] = [AccessCodes.PageAntiforgeryTokenMissing] },
                    title: AccessCodes.AntiforgeryMissing).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    private static bool NeedsToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
             || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && context.User.Identity?.IsAuthenticated == true
        // The same test as the Staff scheme's selector: a bearer header means the cookie played no part.
        && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
