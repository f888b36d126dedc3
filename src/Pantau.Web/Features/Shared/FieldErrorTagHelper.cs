using Microsoft.AspNetCore.Razor.TagHelpers;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Shared;

/// <summary>How a form's inputs point at their field's messages (<see cref="Validation"/>), for screen readers.</summary>
public static class FieldErrorAttributes
{
    /// <summary>For <c>aria-describedby</c>: the field's hint and, when it has messages, its error; null leaves the attribute out.</summary>
    public static string? DescribedBy(this Validation errors, string field, string? hint = null)
    {
        var ids = string.Join(' ', new[] { hint, errors.Has(field) ? field + "-error" : null }.OfType<string>());
        return ids.Length == 0 ? null : ids;
    }

    /// <summary>For <c>aria-invalid</c>: "true", or null so that Razor leaves the attribute out.</summary>
    public static string? Invalid(this Validation errors, string field) => errors.Has(field) ? "true" : null;
}

/// <summary><c>&lt;field-error name="email" errors="Model.Errors" /&gt;</c>: the field's messages, translated, or nothing.</summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(PageTexts texts) : TagHelper
{
    public string Name { get; set; } = "";
    public Validation Errors { get; set; } = new();

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
