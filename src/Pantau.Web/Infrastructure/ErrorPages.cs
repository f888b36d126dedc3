using Microsoft.Net.Http.Headers;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Errors in the form the asker reads: a browser asking for a page (<c>Accept: text/html</c>) gets a page in its
/// language (Features/Home/Pages/Error, re-executed: 404, 403, 500, no exception text); the API, Open311, the
/// OpenAPI document and the health checks keep their problem-details JSON.
/// </summary>
public static class ErrorPages
{
    /// <summary>Addresses whose errors are always problem details, whatever the client accepts.</summary>
    private static readonly string[] Machine = ["/api", "/open311", "/openapi", "/health"];

    public static bool WantsPage(HttpContext context) =>
        !Machine.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseWhen(WantsPage, page =>
        {
            page.UseExceptionHandler("/error/500");
            page.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseWhen(context => !WantsPage(context), machine =>
        {
            machine.UseExceptionHandler();
            machine.UseStatusCodePages();
        });
        return app;
    }
}
