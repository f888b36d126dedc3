using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pantau.Web.Features.Home.Pages;

/// <summary>
/// What a browser sees instead of an empty or a JSON error (Infrastructure/ErrorPages): the status-code pages and the
/// exception handler re-execute the request here. It names what happened in the page's language and nothing of the
/// exception. Opened directly, it is a page that does not exist.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a form posted to an address that failed is re-executed here as a POST
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    /// <summary>Which texts: "404", "403", "500", or "other" for the rest (a 400, a 405, a 429 a page gave without a body).</summary>
    public string Kind { get; private set; } = "404";

    public void OnGet(int code) => Answer(code);
    public void OnPost(int code) => Answer(code);

    private void Answer(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Status = !reExecuted ? StatusCodes.Status404NotFound : code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError;
        if (!reExecuted) Response.StatusCode = Status;
        Kind = Status switch
        {
            StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound => Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 500 => "500",
            _ => "other",
        };
    }

    /// <summary>The key of the page's texts: error.404.title, error.403.text, …</summary>
    public string Key(string part) => $"error.{Kind}.{part}";
}
