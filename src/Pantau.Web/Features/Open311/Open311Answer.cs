using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Pantau.Web.Features.Open311;

/// <summary>The two formats of GeoReport v2: XML, which the standard requires (FixMyStreet reads only XML), and JSON.</summary>
public enum Open311Format { Json, Xml }

/// <summary>
/// What a GeoReport v2 answer is made of: objects with ordered fields, and lists whose items have one element name.
/// The XML is the standard's; the JSON is its Spark-convention mapping (a list is an array, an object an object), so
/// both formats come from one value and cannot drift apart. A field's value is a string, bool, int, double, a UTC
/// <see cref="DateTime"/>, a nested object or list, or null (an absent element in XML, null in JSON).
/// </summary>
public sealed record Open311Object(IReadOnlyList<KeyValuePair<string, object?>> Fields)
{
    public Open311Object(params (string Name, object? Value)[] fields) : this(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList()) { }
}

public sealed record Open311List(string ItemName, IReadOnlyList<object> Items);

/// <summary>
/// A GeoReport v2 answer, success or error, in the format the path asked for. Errors are the standard's list of
/// <c>{code, description}</c> (<c>&lt;errors&gt;&lt;error&gt;…</c> in XML) with the HTTP status in the header too.
/// </summary>
public sealed class Open311Answer(int status, Open311Format format, string root, object body) : IResult
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string XmlType = "text/xml; charset=utf-8";

    public int StatusCode => status;

    public static Open311Answer Ok(Open311Format format, string root, object body, int status = 200) => new(status, format, root, body);

    public static Open311Answer Error(Open311Format format, int status, string description) =>
        Errors(format, status, [(status, description)]);

    public static Open311Answer Errors(Open311Format format, int status, IEnumerable<(int Code, string Description)> errors) =>
        new(status, format, "errors", new Open311List("error", errors.Select(e => (object)new Open311Object(("code", e.Code), ("description", e.Description))).ToList()));

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = format == Open311Format.Xml ? XmlType : JsonType;
        var bytes = format == Open311Format.Xml ? Xml(root, body) : Json(body);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    public static byte[] Json(object body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            WriteJson(w, body);
        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case DateTime t: w.WriteStringValue(W3(t)); break;
            case Open311List list:
                w.WriteStartArray();
                foreach (var item in list.Items) WriteJson(w, item);
                w.WriteEndArray();
                break;
            case Open311Object o:
                w.WriteStartObject();
                foreach (var (name, v) in o.Fields)
                {
                    w.WritePropertyName(name);
                    WriteJson(w, v);
                }
                w.WriteEndObject();
                break;
            default: throw new InvalidOperationException($"An Open311 value cannot be a {value.GetType().Name}.");
        }
    }

    public static byte[] Xml(string root, object body)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            w.WriteStartDocument();
            WriteXml(w, root, body);
            w.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteXml(XmlWriter w, string name, object? value)
    {
        if (value is null) return; // absent, rather than an empty element a client would read as an empty structure
        w.WriteStartElement(name);
        switch (value)
        {
            case Open311List list:
                foreach (var item in list.Items) WriteXml(w, list.ItemName, item);
                break;
            case Open311Object o:
                foreach (var (field, v) in o.Fields) WriteXml(w, field, v);
                break;
            default:
                w.WriteString(Text(value));
                break;
        }
        w.WriteEndElement();
    }

    private static string Text(object value) => value switch
    {
        string s => XmlSafe(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => W3(t),
        _ => throw new InvalidOperationException($"An Open311 value cannot be a {value.GetType().Name}."),
    };

    /// <summary>The w3 date-time profile of ISO 8601 that the standard requires, with its time zone: UTC.</summary>
    public static string W3(DateTime t) =>
        t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Text that passed validation has no control characters, but XML 1.0 refuses a few more (U+FFFE, lone surrogates).
    private static string XmlSafe(string s)
    {
        if (s.All(XmlConvert.IsXmlChar)) return s;
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i])) b.Append(s[i]);
            else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i])) b.Append(s[i]).Append(s[++i]);
            else b.Append('\uFFFD');
        }
        return b.ToString();
    }
}
