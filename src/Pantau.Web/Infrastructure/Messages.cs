using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// What a rule answers: a stable code (a text key, see <see cref="TextCatalog.Codes"/>) and its arguments. Pages
/// translate it; the API writes its English text (what API and Open311 clients read) beside the code.
/// </summary>
/// <remarks>An argument that is itself a <see cref="Message"/> (a status's name) is translated too.</remarks>
public sealed record Message(string Code, params object?[] Args)
{
    public static implicit operator Message(string code) => new(code);

    public string In(CultureInfo culture) =>
        TextCatalog.Format(Code, culture, Args.Select(a => a is Message m ? m.In(culture) : a).ToArray());

    public string English => In(TextCatalog.English);

    /// <summary>The problem-details shape of a code: <c>{ code, args }</c>; the script translates each argument that is a key.</summary>
    public Dictionary<string, object?> Json => new() { ["code"] = Code, ["args"] = JsonArgs };

    private string?[] JsonArgs => Args.Select(a => a is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : a?.ToString()).ToArray();

    public override string ToString() => Code;
}

/// <summary>Problem details that name their refusal by code: the English title for API clients, the code for pages.</summary>
public static class Problems
{
    public static ProblemHttpResult Refusal(int statusCode, string code, params object?[] args) => Refusal(statusCode, new Message(code, args));

    public static ProblemHttpResult Refusal(int statusCode, Message message) =>
        TypedResults.Problem(statusCode: statusCode, title: message.English, extensions: Extensions(message));

    /// <summary>A problem document (for a typed result such as <c>Conflict&lt;ProblemDetails&gt;</c>) titled by a code.</summary>
    public static ProblemDetails Details(int statusCode, Message message, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = statusCode, Title = message.English };
        foreach (var (k, v) in Extensions(message)) problem.Extensions[k] = v;
        foreach (var (k, v) in extensions) problem.Extensions[k] = v;
        return problem;
    }

    /// <summary>
    /// For the problems other code writes with a code as its title or field message (the request-body reader, the
    /// antiforgery check, the rate limiter): the English text in their place, and the codes beside it.
    /// </summary>
    public static void Translate(ProblemDetails problem)
    {
        if (problem.Title is { } title && !problem.Extensions.ContainsKey("code") && TextCatalog.Owners.ContainsKey(title))
        {
            foreach (var (k, v) in Extensions(new Message(title))) problem.Extensions[k] = v;
            problem.Title = new Message(title).English;
        }
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid && !problem.Extensions.ContainsKey("codes"))
        {
            problem.Extensions["codes"] = invalid.Errors.ToDictionary(e => e.Key, e => e.Value.Select(m => new Message(m).Json).ToArray());
            foreach (var field in invalid.Errors.Keys.ToList())
                invalid.Errors[field] = invalid.Errors[field].Select(m => new Message(m).English).ToArray();
        }
    }

    /// <summary>The <c>code</c> and <c>args</c> members a problem carries for its title.</summary>
    public static Dictionary<string, object?> Extensions(Message message) => message.Json;
}
