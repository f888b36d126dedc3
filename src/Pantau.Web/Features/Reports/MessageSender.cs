using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports;

/// <summary>Sends a text message to a phone. Plug in an SMS or WhatsApp gateway here.</summary>
public interface IMessageSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>A message as sent, for the development outbox.</summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string Recipient { get; init; }
    public required string Text { get; init; }
    public DateTime At { get; init; }
}

/// <summary>The development sender: keeps every message in the database instead of sending it.</summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, TimeProvider time) : IMessageSender
{
    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
        db.OutboxMessages.Add(new OutboxMessage { Recipient = phone, Text = text, At = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
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
            return TypedResults.Ok(list.Select(m => new OutboxEntry(m.Id, m.Recipient, m.Text, DateTime.SpecifyKind(m.At, DateTimeKind.Utc))).ToList());
        }).WithTags("Development").AllowAnonymous();
}
