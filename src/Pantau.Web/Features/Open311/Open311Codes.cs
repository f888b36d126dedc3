namespace Pantau.Web.Features.Open311;

/// <summary>
/// The codes Open311' rules and API answer with (keys of <c>Resources/Open311Texts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class Open311Codes
{
    /// <summary>Name the application that will use the key.</summary>
    public const string KeyNameRequired = "open311.keyNameRequired";
    /// <summary>An office head issues keys for their own office.</summary>
    public const string OwnOfficeKeys = "open311.ownOfficeKeys";
}
