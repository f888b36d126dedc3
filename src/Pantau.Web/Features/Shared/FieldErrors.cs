using Microsoft.AspNetCore.Razor.TagHelpers;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Shared;

/// <summary>
/// A form's messages per field, keyed like the API's problem details (<c>districtCodes[1]</c> belongs to the
/// <c>districtCodes</c> field). Messages are text keys or rules' codes, with their arguments; the page translates them.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Message>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string code, params object?[] args) => Add(field, new Message(code, args));

    public void Add(string field, Message message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public bool Require(string field, bool condition, string code, params object?[] args)
    {
        if (!condition) Add(field, code, args);
        return condition;
    }

    public void Add(Validation v)
    {
        foreach (var (field, messages) in v.Messages)
            foreach (var m in messages) Add(field, m);
    }

    public bool Has(string field) => For(field).Any();

    public IEnumerable<Message> For(string field) => _errors
        .Where(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase)
            || e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
            || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
        .SelectMany(e => e.Value)
        .Distinct();

    /// <summary>For <c>aria-describedby</c>: the field's hint and, when it has messages, its error; null leaves the attribute out.</summary>
    public string? DescribedBy(string field, string? hint = null)
    {
        var ids = string.Join(' ', new[] { hint, Has(field) ? field + "-error" : null }.OfType<string>());
        return ids.Length == 0 ? null : ids;
    }

    /// <summary>For <c>aria-invalid</c>: "true", or null so that Razor leaves the attribute out.</summary>
    public string? Invalid(string field) => Has(field) ? "true" : null;
}

/// <summary><c>&lt;field-error name="email" errors="Model.Errors" /&gt;</c>: the field's messages, translated, or nothing.</summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(PageTexts texts) : TagHelper
{
    public string Name { get; set; } = "";
    public FieldErrors Errors { get; set; } = new();

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var messages = Errors.For(Name).Select(m => texts[m]).Distinct().ToList();
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", Name + "-error");
        output.Content.SetContent(string.Join(" ", messages));
    }
}
