using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// What a request's values may be, in one place (issue 12, point 9): an enum is one of its names (never a number,
/// never a comma list of flags), an operational date lies in <see cref="FirstDay"/>..<see cref="LastDay"/>, a page
/// number starts at 1 and a page past the end is empty (with the total), a return address is a local path.
/// </summary>
public static class InputRules
{
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2100, 12, 31);
    public const string DateMessage = SharedCodes.DateRange;

    public static bool IsOperational(DateOnly day) => day >= FirstDay && day <= LastDay;
    public static bool IsOperational(DateTime at) => IsOperational(DateOnly.FromDateTime(at));
    public static bool IsOperational(DateTimeOffset at) => IsOperational(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>The one way text becomes an enum: a defined name, in any case; numbers and "A,B" are refused.</summary>
    public static bool TryParseEnum<T>(string? text, out T value) where T : struct, Enum
    {
        var ok = TryParseEnum(typeof(T), text, out var boxed);
        value = ok ? (T)boxed! : default;
        return ok;
    }

    public static bool TryParseEnum(Type type, string? text, out object? value, bool ignoreCase = true)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text.Trim(), comparison));
        if (name is null) return false;
        value = Enum.Parse(type, name);
        return true;
    }

    public static string EnumMessage(Type type) => $"One of: {string.Join(", ", Enum.GetNames(type))}.";

    /// <summary>
    /// Rows to skip for a 1-based page: null when <paramref name="page"/> is before the first. A page past the end is
    /// empty (the answer still carries the total), never page 1 again.
    /// </summary>
    public static int? Skip(int page, int pageSize) =>
        page < 1 ? null : (int)Math.Min((long)(page - 1) * pageSize, int.MaxValue);

    public const string PageMessage = SharedCodes.PagesStart1;

    /// <summary>
    /// A path on this site: starts with one '/' not followed by '/' or '\', or is "~/"; no backslash or control
    /// character anywhere (browsers read "/\evil" as "//evil").
    /// </summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => c == '\\' || char.IsControl(c));
}

/// <summary>Enums in JSON bodies: names only, defined ones only; anything else is a 400 naming the field.</summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && InputRules.TryParseEnum<T>(reader.GetString(), out var value)
                ? value
                : throw new InvalidInputException(InputRules.EnumMessage(typeof(T)));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InputRules.TryParseEnum<T>(reader.GetString(), out var value) ? value : throw new InvalidInputException(InputRules.EnumMessage(typeof(T)));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}

/// <summary>A JSON value the rules refuse; its message is what the 400 says about the field (the JSON path).</summary>
public sealed class InvalidInputException(string message) : JsonException(message);

/// <summary>
/// Checks the query and route values an endpoint binds to an enum or a date before the handler runs, from the
/// handler's own parameter list: one rule for every endpoint, written and forgotten by none.
/// </summary>
public sealed class InputGuard(RequestDelegate next)
{
    private enum Kind { Enum, Date }

    private sealed record Input(string Name, bool FromRoute, Kind Kind, Type Type);

    private static readonly ConcurrentDictionary<Endpoint, Input[]> Inputs = new();

    public async Task InvokeAsync(HttpContext ctx)
    {
        if (ctx.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
        {
            var errors = new Validation();
            foreach (var input in Inputs.GetOrAdd(endpoint, _ => InputsOf(endpoint, method)))
            {
                var raw = input.FromRoute ? ctx.Request.RouteValues[input.Name]?.ToString() : ctx.Request.Query[input.Name].ToString();
                if (string.IsNullOrEmpty(raw)) continue;
                // Exact names here: the framework's own binding of a query or route value is case-sensitive.
                if (input.Kind == Kind.Enum && !InputRules.TryParseEnum(input.Type, raw, out _, ignoreCase: false))
                    errors.Add(input.Name, InputRules.EnumMessage(input.Type));
                else if (input.Kind == Kind.Date && !IsOperationalDate(input.Type, raw))
                    errors.Add(input.Name, InputRules.DateMessage);
            }
            if (!errors.IsValid)
            {
                await errors.Problem().ExecuteAsync(ctx);
                return;
            }
        }
        await next(ctx);
    }

    private static bool IsOperationalDate(Type type, string raw)
    {
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(DateOnly)) return DateOnly.TryParse(raw, c, out var d) && InputRules.IsOperational(d);
        if (type == typeof(DateTime)) return DateTime.TryParse(raw, c, DateTimeStyles.AdjustToUniversal, out var t) && InputRules.IsOperational(t);
        return DateTimeOffset.TryParse(raw, c, DateTimeStyles.AssumeUniversal, out var o) && InputRules.IsOperational(o);
    }

    private static Input[] InputsOf(RouteEndpoint endpoint, MethodInfo method)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new List<Input>();
        foreach (var p in method.GetParameters()) Add(p.Name, p.ParameterType, p, p.GetCustomAttribute<AsParametersAttribute>() is not null);
        return [.. found];

        void Add(string? name, Type type, ICustomAttributeProvider attributes, bool asParameters)
        {
            if (asParameters)
            {
                foreach (var c in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters())
                    Add(c.Name, c.ParameterType, c, false);
                return;
            }
            var t = Nullable.GetUnderlyingType(type) ?? type;
            Kind? kind = t.IsEnum ? Kind.Enum : t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) ? Kind.Date : null;
            if (kind is null || name is null) return;
            name = JsonNamingPolicy.CamelCase.ConvertName(name); // [AsParameters] records name them in PascalCase
            var attrs = attributes.GetCustomAttributes(true);
            if (attrs.Any(a => a is FromBodyAttribute or FromServicesAttribute or FromHeaderAttribute or FromFormAttribute)) return;
            var query = attrs.OfType<FromQueryAttribute>().FirstOrDefault();
            var route = attrs.OfType<FromRouteAttribute>().FirstOrDefault();
            if (query is not null) found.Add(new(query.Name ?? name, false, kind.Value, t));
            else if (route is not null || routeNames.Contains(name)) found.Add(new(route?.Name ?? name, true, kind.Value, t));
            else found.Add(new(name, false, kind.Value, t));
        }
    }
}
