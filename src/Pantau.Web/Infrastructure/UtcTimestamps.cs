using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Every <see cref="DateTime"/> the API writes is UTC and says so ("2026-12-06T01:00:00Z"): the app keeps UTC
/// (<c>Data/UtcDateTimes</c>), and a time without its zone is read by a browser as the phone's own clock, hours off. A
/// value that lost its kind on the way is taken as the UTC it was stored as. Reading is the serializer's own: a time
/// with Z or an offset keeps it, one without stays <see cref="DateTimeKind.Unspecified"/> for the handler to refuse.
/// </summary>
public sealed class UtcTimestamps : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        writer.WriteStringValue(utc); // the serializer's own ISO 8601, with Z for UTC

    }
}
