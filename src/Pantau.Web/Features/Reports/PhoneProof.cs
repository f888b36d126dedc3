using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// Proving a reporter's phone: a code texted within the SMS budgets, and the code checked (each guess counted, used
/// once), which verifies the report waiting on that proof. The public API's <c>/api/reporters/otp</c> and
/// <c>/verify</c>, an Open311 POST that gives a <c>phone</c>, and the report's own page all go through here.
/// </summary>
public sealed class PhoneProof(IMessageSender sender, PhoneCodes codes, ReportTracker tracker, IOptions<ReportsOptions> options, PantauMetrics metrics)
{
    /// <summary>
    /// Texts a new code to <paramref name="phone"/> (normalised): at most three an hour per number, within the hour's SMS
    /// for the number's prefix and for all numbers. <paramref name="text"/> makes the message from the code. Null when
    /// sent; a refusal's code (429) otherwise. A blocked number gets the same answer as any other and no SMS.
    /// </summary>
    public async Task<string?> SendCodeAsync(PantauDb db, string phone, DateTime now, Func<string, string> text, CancellationToken ct)
    {
        var settings = options.Value;
        if (await db.ReporterCodes.CountAsync(c => c.Phone == phone && c.SentAt > now.AddHours(-1), ct) >= ReporterCode.MaxCodesPerHour)
            return ReportsCodes.TooManyCodesWere;
        var prefix = "sms-to:" + PhoneNumber.Prefix(phone, settings.Sms.PrefixDigits);
        if (!await HourlyCount.TryTakeAsync(db, prefix, now, settings.Sms.PerPrefixPerHour, ct))
            return ReportsCodes.TooManyCodesBeing;
        if (!await HourlyCount.TryTakeAsync(db, "sms", now, settings.Sms.PerHour, ct))
        {
            await HourlyCount.GiveBackAsync(db, prefix, now, ct); // not sent: the prefix's budget keeps it
            return ReportsCodes.TooManyCodesBeing;
        }
        if (now.Minute == 0) await HourlyCount.ForgetOldAsync(db, now, ct);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        db.ReporterCodes.Add(new ReporterCode { Phone = phone, CodeHash = codes.Hash(phone, code), SentAt = now, ExpiresAt = now + ReporterCode.Lifetime });
        await db.SaveChangesAsync(ct);
        metrics.SmsSent.Add(1); // taken from the hour's budget, whether or not a blocked number is then sent it
        if (!await db.Reporters.AnyAsync(r => r.Phone == phone && r.BlockedAt != null, ct))
            await sender.SendAsync(phone, text(code), ct);
        return null;
    }

    /// <summary>What checking a code came to: the reporter's session and the reports it verified, or a refusal.</summary>
    public sealed record Outcome(Verified? Verified, int Status = 200, string? Field = null, string? Refusal = null);

    /// <summary>
    /// Checks a code. Each guess first takes one of the code's five attempts with a conditional UPDATE (one statement,
    /// atomic on both databases): a burst of parallel guesses gets five evaluated and the rest refused, and a code whose
    /// attempts are spent is dead, even for the right digits. The report waiting on <paramref name="token"/> is verified.
    /// </summary>
    public async Task<Outcome> VerifyAsync(PantauDb db, string phone, string? given, string? token, DateTime now, CancellationToken ct)
    {
        var code = await db.ReporterCodes.AsNoTracking().Where(c => c.Phone == phone && c.UsedAt == null).OrderByDescending(c => c.SentAt).FirstOrDefaultAsync(ct);
        if (code is null || code.ExpiresAt <= now) return new(null, 400, "code", ReportsCodes.CodeHasExpiredAsk);
        if (await db.ReporterCodes.Where(c => c.Id == code.Id && c.UsedAt == null && c.Attempts < ReporterCode.MaxAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct) == 0)
            return new(null, 429, null, ReportsCodes.TooManyWrongCodes);
        if (!codes.Matches(phone, (given ?? "").Trim(), code.CodeHash))
            return new(null, 400, "code", ReportsCodes.CodeWrong);
        // Used once: of two right guesses at once, one proves the phone.
        if (await db.ReporterCodes.Where(c => c.Id == code.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 0)
            return new(null, 400, "code", ReportsCodes.CodeHasExpiredAsk);
        var reporter = await db.Reporters.FirstOrDefaultAsync(r => r.Phone == phone, ct);
        if (reporter is null) db.Reporters.Add(reporter = new Reporter { Phone = phone, CreatedAt = now });
        if (reporter.IsBlocked) // the phone is proved: its owner may know
        {
            await db.SaveChangesAsync(ct);
            return new(null, ReportIntake.Blocked.Status, null, ReportIntake.Blocked.Title);
        }
        var session = ReporterSession.NewToken();
        var stored = new ReporterSession { TokenHash = ReporterSession.Hash(session), ReporterId = reporter.Id, ExpiresAt = now + ReporterSession.Lifetime };
        db.ReporterSessions.Add(stored);

        var verified = new List<Report>();
        await using (var gate = await tracker.HoldIncidentsAsync(db, ct))
        {
            if (!string.IsNullOrWhiteSpace(token)
                && await db.Reports.AcrossOffices("a reporter's verification token names its report, whichever office holds it").Include(r => r.History)
                    .FirstOrDefaultAsync(r => r.VerificationToken == token && r.Status == ReportStatus.Received, ct) is { } pending)
            {
                pending.BindReporter(reporter.Id);
                await tracker.VerifyAsync(db, pending, now, ct);
                pending.IssueKey(now); // for the link in the text message that says it is verified
                verified.Add(pending);
            }
            await db.SaveChangesAsync(ct);
            await gate.CommitAsync(ct);
        }
        foreach (var r in verified) await tracker.NotifyAsync(r, phone, ct);
        return new(new Verified(session, stored.ExpiresAt, verified.Select(r => r.Ticket).ToList()));
    }
}
