using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// A message between the officers and a report's reporter, kept with the report. An officer's reaches the reporter's
/// phone through the sender; the reporter answers from the status page. Officers' names stay inside immigration.
/// </summary>
public sealed class ReportMessage
{
    public const int MaxText = 1000;

    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public DateTime At { get; init; }
    public bool FromReporter { get; init; }
    public Guid? AuthorId { get; init; }
    public string? AuthorName { get; init; }
    public required string Text { get; init; }
}

public sealed record MessageText(string? Text);

public static class MessageRules
{
    /// <summary>Why a message text is refused, or null.</summary>
    public static Message? Check(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new Message(ReportsCodes.WriteMessage)
        : text.Trim().Length > ReportMessage.MaxText ? new Message(SharedCodes.AtMostCharacters, ReportMessage.MaxText)
        : text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? new Message(SharedCodes.ControlCharactersNotAllowed)
        : null;
}
