using Pantau.Web.Features.Shared;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Collects field errors, for the API's 400 problem and for a page's form alike; field names are the request's
/// camelCase paths. Messages are codes with arguments (<see cref="Message"/>): the problem's <c>errors</c> hold their
/// English text, its <c>codes</c> the codes; a page translates them (<c>&lt;field-error&gt;</c>).
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<Message>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string code, params object?[] args) => Add(field, new Message(code, args));

    public Validation Add(string field, Message message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Add(Validation other)
    {
        foreach (var (field, messages) in other._errors) foreach (var m in messages) Add(field, m);
        return this;
    }

    public bool Require(string field, bool condition, string code, params object?[] args)
    {
        if (!condition) Add(field, code, args);
        return condition;
    }

    /// <summary>
    /// A field's messages with those of its items and members (<c>districtCodes[1]</c> belongs to <c>districtCodes</c>),
    /// each once, whatever the case of the field's name.
    /// </summary>
    public IEnumerable<Message> For(string field) => _errors
        .Where(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase)
            || e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
            || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
        .SelectMany(e => e.Value)
        .Distinct();

    public bool Has(string field) => For(field).Any();

    /// <summary>The messages per field, in English (what API clients read).</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.English).ToArray());

    /// <summary>The messages per field, as codes with arguments.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Message>> Messages => _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<Message>)e.Value);

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        TypedResults.ValidationProblem(Errors, title: new Message(SharedCodes.RequestNotValid).English, extensions: Extensions(Messages));

    /// <summary>The <c>codes</c> member of a 400 problem: field → [{ code, args }].</summary>
    public static Dictionary<string, object?> Extensions(IReadOnlyDictionary<string, IReadOnlyList<Message>> messages) =>
        new() { ["code"] = SharedCodes.RequestNotValid, ["codes"] = messages.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Json).ToArray()) };

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Single(string field, string code, params object?[] args) =>
        new Validation().Add(field, code, args).Problem();

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Single(string field, Message message) =>
        new Validation().Add(field, message).Problem();
}
