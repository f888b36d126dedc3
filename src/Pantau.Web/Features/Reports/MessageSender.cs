using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>Sends a text message to a phone. Plug in an SMS or WhatsApp gateway here.</summary>
public interface IMessageSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// A sender that keeps its messages in Pantau's database: a message that belongs to a save can be added to it, so that
/// it is committed with it (or not at all) in the same transaction.
/// </summary>
public interface IDatabaseMessageSender : IMessageSender
{
    void AddTo(PantauDb db, string phone, string text);
}

/// <summary>A message as sent, for the development outbox.</summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string Recipient { get; init; }
    public required string Text { get; init; }
    public DateTime At { get; init; }
}

/// <summary>
/// The development sender: keeps every message in the database instead of sending it. Messages sent together (a
/// burst of reports, each telling its reporter) are saved in one transaction.
/// </summary>
public sealed class OutboxSender : IDatabaseMessageSender, IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly GroupCommit<(string Phone, string Text, DateTime At)> _writes;

    public OutboxSender(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxSender> log)
    {
        _time = time;
        _writes = new(async (messages, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
            db.OutboxMessages.AddRange(messages.Select(m => new OutboxMessage { Recipient = m.Phone, Text = m.Text, At = m.At }));
            await db.SaveChangesAsync(ct);
        }, maxGroup: 500, log);
    }

    public Task SendAsync(string phone, string text, CancellationToken ct) =>
        _writes.WriteAsync((phone, text, _time.GetUtcNow().UtcDateTime), ct);

    public void AddTo(PantauDb db, string phone, string text) =>
        db.OutboxMessages.Add(new OutboxMessage { Recipient = phone, Text = text, At = _time.GetUtcNow().UtcDateTime });

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}

public sealed record OutboxEntry(long Id, string Recipient, string Text, DateTime At);

public static class DevOutboxApi
{
    /// <summary>Only in Development: what the sender would have sent.</summary>
    public static void MapDevOutbox(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dev/outbox", async Task<Ok<List<OutboxEntry>>> (PantauDb db, string? recipient) =>
        {
            var q = db.OutboxMessages.AsNoTracking();
            if (PhoneNumber.Normalize(recipient) is { } phone) q = q.Where(m => m.Recipient == phone);
            var list = await q.OrderByDescending(m => m.Id).Take(200).ToListAsync();
            return TypedResults.Ok(list.Select(m => new OutboxEntry(m.Id, m.Recipient, m.Text, m.At)).ToList());
        }).WithTags("Development").AllowAnonymous();
}
