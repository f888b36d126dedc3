using System.Globalization;
using System.Text.Json;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// Why a central event or snapshot row was not applied (or was superseded): the field it concerns and a coded message.
/// Stored as a small JSON object, so that the page shows it in the reader's language and the API in English beside its
/// code; a reason stored as plain text before codes existed is shown as it is.
/// </summary>
public sealed record SyncReason(string Field, Message Message)
{
    public const int MaxStoredLength = 500;

    public SyncReason(string field, string code, params object?[] args) : this(field, new Message(code, args)) { }

    public string In(CultureInfo culture) => $"{Field}: {Message.In(culture)}";

    public string English => In(TextCatalog.English);

    /// <summary>The stored form; arguments come from the central system, so each is cut to keep the whole within its column.</summary>
    public string Stored
    {
        get
        {
            var args = Message.Args.Select(a => a is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : a?.ToString()).ToArray();
            foreach (var cut in (int[])[160, 40, 0])
            {
                var json = JsonSerializer.Serialize(new StoredReason(Field, Message.Code, args.Select(a => a is { } s && s.Length > cut ? s[..cut] + "…" : a).ToArray()));
                if (json.Length <= MaxStoredLength) return json;
            }
            throw new InvalidOperationException($"The reason {Message.Code} on {Field} does not fit its column.");
        }
    }

    /// <summary>The reason <paramref name="stored"/> holds, or null when it is empty or plain text from before codes.</summary>
    public static SyncReason? Read(string? stored)
    {
        if (stored is not ['{', ..]) return null;
        try
        {
            return JsonSerializer.Deserialize<StoredReason>(stored) is { Field: { } field, Code: { } code } r
                ? new SyncReason(field, new Message(code, (r.Args ?? []).Cast<object?>().ToArray()))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a reader of <paramref name="culture"/> sees of a stored reason.</summary>
    public static string? Text(string? stored, CultureInfo culture) => Read(stored)?.In(culture) ?? stored;

    /// <summary>The reason's code and arguments, for API clients that translate it themselves.</summary>
    public ReasonCode Code =>
        new(Field, Message.Code, Message.Args.Select(a => a is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : a?.ToString()).ToArray());

    public static ReasonCode? CodeOf(string? stored) => Read(stored)?.Code;

    /// <summary>What the API writes of a stored reason, read once: its English and its code (none for plain text from before codes).</summary>
    public static (string? English, ReasonCode? Code) ForApi(string? stored) => Read(stored) is { } r ? (r.English, r.Code) : (stored, null);

    private sealed record StoredReason(string? Field, string? Code, string?[]? Args);
}

/// <summary>A reason as its field, code and arguments (the API writes it beside the English text).</summary>
public sealed record ReasonCode(string Field, string Code, IReadOnlyList<string?> Args)
{
    public string In(CultureInfo culture) => new SyncReason(Field, new Message(Code, Args.Cast<object?>().ToArray())).In(culture);
}

/// <summary>A file that is not a snapshot: the import fails with this reason, rather than waiting to be resumed.</summary>
public sealed class SnapshotFileRefused(SyncReason reason) : Exception(reason.English)
{
    public SyncReason Reason => reason;
}
