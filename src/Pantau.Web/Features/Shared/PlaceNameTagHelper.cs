using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Pantau.Web.Features.Shared;

/// <summary>
/// <c>&lt;place-name name="…" code="36.71.01.1001" with-code="true" /&gt;</c>: a region as a person reads it, its name,
/// with the Kemendagri code at most a small muted detail after it that never breaks a line (<c>.place-code</c>); the
/// code alone only where no name is known. As <c>placeName</c> in pantau.js draws it. Both are encoded text.
/// </summary>
[HtmlTargetElement("place-name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PlaceNameTagHelper : TagHelper
{
    public string? Name { get; set; }
    public string? Code { get; set; }
    public bool WithCode { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(Code))
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "place");
        if (!string.IsNullOrEmpty(Code)) output.Attributes.SetAttribute("data-code", Code);
        var hasName = !string.IsNullOrEmpty(Name);
        if (hasName) output.Content.AppendHtml("<span class=\"place-name\">").Append(Name).AppendHtml("</span>");
        if (!string.IsNullOrEmpty(Code) && (WithCode || !hasName))
        {
            if (hasName) output.Content.Append(" ");
            output.Content.AppendHtml("<span class=\"place-code\" translate=\"no\">").Append(Code).AppendHtml("</span>");
        }
    }
}
