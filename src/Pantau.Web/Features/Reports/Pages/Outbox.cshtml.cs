using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Reports.Pages;

/// <summary>
/// Development only (404 elsewhere): the messages the development sender kept instead of sending, newest first, so
/// that a tester can read a phone's code. What <c>GET /api/dev/outbox</c> answers, as a page.
/// </summary>
[AllowAnonymous]
public sealed class OutboxModel(PantauDb db, IWebHostEnvironment environment) : PageModel
{
    public const int Shown = 200;

    public string? Recipient { get; private set; }
    public IReadOnlyList<OutboxEntry> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? recipient, CancellationToken ct)
    {
        if (!environment.IsDevelopment()) return NotFound();
        Recipient = string.IsNullOrWhiteSpace(recipient) ? null : recipient.Trim();
        var q = db.OutboxMessages.AsNoTracking();
        if (PhoneNumber.Normalize(Recipient) is { } phone) q = q.Where(m => m.Recipient == phone);
        var list = await q.OrderByDescending(m => m.Id).Take(Shown).ToListAsync(ct);
        Messages = list.Select(m => new OutboxEntry(m.Id, m.Recipient, m.Text, m.At)).ToList();
        return Page();
    }
}
