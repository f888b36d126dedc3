namespace Pantau.Web.Infrastructure;

/// <summary>Collects field errors for a 400 problem; field names are the request's camelCase paths.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
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

    public bool Require(string field, bool condition, string message)
    {
        if (!condition) Add(field, message);
        return condition;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        TypedResults.ValidationProblem(Errors, title: "The request is not valid.");

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Single(string field, string message) =>
        new Validation().Add(field, message).Problem();
}
