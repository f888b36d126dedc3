using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>The <c>code</c> and <c>args</c> members a problem carries for its title.</summary>
    public static Dictionary<string, object?> Extensions(Message message) => message.Json;
}
