using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// A live event as one NOTIFY payload: who sent it (so an instance ignores its own), the event's kind, id and office,
/// and its data as raw JSON. PostgreSQL refuses a payload of 8000 bytes or more; an event that large travels as a
/// reference (<see cref="Data"/> null) and the receiver loads it from the database (<see cref="StoredLiveEvents"/>).
/// </summary>
public sealed record RelayMessage(Guid From, string Kind, long Id, int OfficeId, string? Data)
{
    /// <summary>PostgreSQL's limit: a NOTIFY payload must be shorter than this many bytes (in the server's encoding, UTF-8).</summary>
    public const int NotifyLimit = 8000;

    public bool IsReference => Data is null;

    public LiveEvent? Event => Data is null ? null : new LiveEvent(Kind, Id, OfficeId, Data);

    public static string Encode(Guid from, LiveEvent e)
    {
        if (e.IsReference) return Encoding.UTF8.GetString(Write(from, e, withData: false));
        var full = Write(from, e, withData: true);
        return Encoding.UTF8.GetString(full.Length < NotifyLimit ? full : Write(from, e, withData: false));
    }

    public static RelayMessage Decode(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        return new RelayMessage(root.GetProperty("from").GetGuid(), root.GetProperty("kind").GetString()!, root.GetProperty("id").GetInt64(),
            root.GetProperty("office").GetInt32(), root.TryGetProperty("data", out var data) ? data.GetRawText() : null);
    }

    private static ReadOnlySpan<byte> Write(Guid from, LiveEvent e, bool withData)
    {
        var buffer = new ArrayBufferWriter<byte>(withData ? e.Data.Length + 128 : 128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("from", from);
            w.WriteString("kind", e.Kind);
            w.WriteNumber("id", e.Id);
            w.WriteNumber("office", e.OfficeId);
            if (withData)
            {
                w.WritePropertyName("data");
                w.WriteRawValue(e.Data); // the data is JSON already (what the page receives): embedded, not escaped into a string
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan;
    }
}
