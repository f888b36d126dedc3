using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Places;

/// <summary>
/// The place picker of a form (<c>Pages/_PlacePicker.cshtml</c>, with <c>wwwroot/js/place-search.js</c>): "use my
/// position" with a map whose pin can be dragged, and one search box over the villages' names. Its field is
/// <c>villageCode</c> (errors are shown there, at the search box); the code itself travels in a hidden input.
/// </summary>
public sealed record PlacePicker(PlacesOptions Tiles, string Hint)
{
    /// <summary>The hidden code's name when the form is posted; null when the page's script reads it.</summary>
    public string? CodeName { get; init; }

    /// <summary>The kelurahan/desa already picked (a form shown again).</summary>
    public PlaceName? Picked { get; init; }

    /// <summary>The form keeps the position too (hidden <c>latitude</c> and <c>longitude</c>).</summary>
    public bool KeepsPosition { get; init; }

    /// <summary>A posted form's errors, shown at the field.</summary>
    public Validation? Errors { get; init; }
}
