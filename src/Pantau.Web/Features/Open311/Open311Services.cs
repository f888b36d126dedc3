using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Open311;

/// <summary>
/// One GeoReport v2 service: a report category as a resident's app lists it. Its texts are Open311's resources
/// (<c>open311.{Code}.name</c>, …), answered in Bahasa Indonesia: GeoReport v2 has no way to ask for a language.
/// </summary>
public sealed record Open311Service(ReportCategory Category, string GroupKey)
{
    /// <summary>The category's name is its code, as in Pantau's own API (<c>Overstay</c>, <c>UnauthorisedWork</c>, …).</summary>
    public string Code => Category.ToString();

    public string Name => Open311Services.Text($"open311.{Code}.name");
    public string Description => Open311Services.Text($"open311.{Code}.description");
    public string Keywords => Open311Services.Text($"open311.{Code}.keywords");
    public string Group => Open311Services.Text(GroupKey);
}

/// <summary>An optional attribute a client may send as <c>attribute[code]</c>: a service has them, so its <c>metadata</c> is true.</summary>
public sealed record Open311Attribute(string Code, string Datatype)
{
    public string Description => Open311Services.Text($"open311.attribute.{Code}");
    public string DatatypeDescription => Open311Services.Text($"open311.attribute.{Code}.datatype");
}

public static class Open311Services
{
    /// <summary>When the service list or a definition last changed: clients refresh what they cached when this moves.</summary>
    public const string Changeset = "2026-11-22T00:00:00Z";

    public static readonly IReadOnlyList<Open311Service> All =
    [
        new(ReportCategory.Overstay, "open311.group.permit"),
        new(ReportCategory.UnauthorisedWork, "open311.group.permit"),
        new(ReportCategory.NotAtAddress, "open311.group.permit"),
        new(ReportCategory.PublicDisorder, "open311.group.order"),
        new(ReportCategory.SuspiciousActivity, "open311.group.order"),
        new(ReportCategory.Other, "open311.group.other"),
    ];

    /// <summary>What a client may add; none of it is ever shown in a public answer.</summary>
    public static readonly IReadOnlyList<Open311Attribute> Attributes =
    [
        new("occurred_at", "datetime"),
        new("person_nationality", "string"),
        new("person_name", "string"),
        new("workplace", "string"),
    ];

    /// <summary>An Open311 text in the language GeoReport answers in.</summary>
    public static string Text(string key, params object?[] args) => TextCatalog.Format(key, TextCatalog.Indonesian, args);

    /// <summary>The service with this code, exactly as listed or in another case; never a number (enums parse those).</summary>
    public static Open311Service? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : All.FirstOrDefault(s => string.Equals(s.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public static Open311Service Of(ReportCategory category) => All.First(s => s.Category == category);

    /// <param name="type"><c>realtime</c> when the POST answers its id at once, <c>batch</c> when it may answer a token.</param>
    public static Open311Object ToOpen311(this Open311Service s, string type) => new(
        ("service_code", s.Code), ("service_name", s.Name), ("description", s.Description), ("metadata", Attributes.Count > 0), ("type", type),
        ("keywords", s.Keywords), ("group", s.Group));

    public static Open311Object Definition(this Open311Service s) => new(
        ("service_code", s.Code),
        ("attributes", new Open311List("attribute", Attributes.Select((a, i) => (object)new Open311Object(
            ("variable", true), ("code", a.Code), ("datatype", a.Datatype), ("required", false), ("datatype_description", a.DatatypeDescription),
            ("order", i + 1), ("description", a.Description))).ToList())));
}
