using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Turns a body or parameter that cannot be read (malformed JSON, a date that is not a date) into a 400 problem
/// naming the field, instead of an empty 400.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var field = exception.InnerException is JsonException { Path: { } path } ? JsonPathToField(path) : "body";
        var message = exception.InnerException switch
        {
            InvalidInputException rule => rule.Message,
            JsonException => SharedCodes.ValueUnreadable,
            _ => bad.Message,
        };
        ctx.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = ctx,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = SharedCodes.RequestNotValid,
            },
            Exception = exception,
        });
    }

    // "$.passports[0].number" -> "passports[0].number"
    private static string JsonPathToField(string path) => path.TrimStart('$', '.') is { Length: > 0 } f ? f : "body";
}
