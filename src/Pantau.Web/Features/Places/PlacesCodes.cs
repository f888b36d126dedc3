namespace Pantau.Web.Features.Places;

/// <summary>
/// The codes Places answers with (keys of <c>Resources/PlacesTexts.resx</c>): the page translates them, the API writes
/// them beside their English text.
/// </summary>
public static class PlacesCodes
{
    /// <summary>A latitude between -90 and 90 is required.</summary>
    public const string LatitudeRequired = "places.latitudeRequired";
    /// <summary>A longitude between -180 and 180 is required.</summary>
    public const string LongitudeRequired = "places.longitudeRequired";
    /// <summary>This position is not in Indonesia (no kelurahan or desa within {0} m).</summary>
    public const string OutsideIndonesia = "places.outsideIndonesia";
    /// <summary>Write at least {0} letters of the place's name.</summary>
    public const string QueryTooShort = "places.queryTooShort";
    /// <summary>At most {0} characters.</summary>
    public const string QueryTooLong = "places.queryTooLong";
}
