using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.PermitExpiry.Pages;

/// <summary>Permits ending within 30 days and lapsed ones of residents in the officer's scope; the national admin can run the day's reminders.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class ExpiryModel(PantauDb db, Auditor audit, PermitExpiryJob job, IAuthorizationService authz, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Day { get; set; }

    public ExpiryList List { get; private set; } = new(default, 0, 0, 0, [], []);
    public bool MayRun { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A day outside the operational range (a typed URL) shows today rather than failing.
        if (Day is not { } asked || !InputRules.IsOperational(asked)) Day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        MayRun = (await authz.AuthorizeAsync(User, Policies.RunDailyJobs)).Succeeded;
        List = await PermitExpiryApi.ReadAsync(db, audit, Day.Value, ct);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RunDailyJobs)).Succeeded) return Forbid();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var run = await job.RunAsync(Day is { } d && d <= today.AddDays(1) && d >= today.AddYears(-1) ? d : today, ct);
        TempData["Flash"] = run.Ran ? "expiry.ran" : "expiry.alreadyRan";
        TempData["FlashArg"] = run.RemindersSent;
        return RedirectToPage(new { day = run.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
