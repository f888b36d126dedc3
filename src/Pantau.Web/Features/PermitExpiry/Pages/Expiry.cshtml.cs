using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.PermitExpiry.Pages;

/// <summary>
/// Permits ending within 30 days, or ended, of residents in the officer's scope: one page of 25 at a time, filtered and
/// sorted by the URL's query (the API's names), with the filtered list as CSV or XLSX; the national admin can run the
/// day's reminders. A value the page does not understand is ignored and said so above the list.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class ExpiryModel(PantauDb db, Auditor audit, PermitExpiryJob job, RegionNames regions, IAuthorizationService authz, TimeProvider time)
    : PageModel
{
    public ExpiryFilter Filter { get; private set; } = null!;
    public ExpiryPage List { get; private set; } = null!;
    public IReadOnlyList<string> Ignored { get; private set; } = [];
    public IReadOnlyList<string> Districts { get; private set; } = [];
    public IReadOnlyList<string> Nationalities { get; private set; } = [];
    public IReadOnlyDictionary<string, string> RegionNames { get; private set; } = new Dictionary<string, string>();
    public bool MayRun { get; private set; }
    public int Pages => Math.Max(1, (List.Total + List.PageSize - 1) / List.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        string? Q(string name) => Request.Query[name].FirstOrDefault();
        var (filter, problems) = ExpiryFilter.Parse(new ExpiryFilter.Asked(Q("day"), Q("status"), Q("district"), Q("nationality"), Q("permitType"),
            Q("reminded"), Q("sort"), Q("page"), null), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        Filter = filter;
        Ignored = problems.Messages.Keys.Order(StringComparer.Ordinal).ToList();
        MayRun = (await authz.AuthorizeAsync(User, Policies.RunDailyJobs)).Succeeded;
        List = await PermitExpiryApi.ReadAsync(db, audit, filter, ct);
        (Districts, Nationalities) = await ExpiringPermits.ChoicesAsync(db, filter.Day, ct);
        RegionNames = await regions.NamesOfAsync(db, Districts.Concat(List.Items.Select(p => p.VillageCode)), ct);
    }

    /// <summary>This list's URL with some choices changed (paging, a tab, an order).</summary>
    public string Link(string path = "/permit-expiry", int? page = null, string? status = null, string? sort = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, Filter.Query(page, status, sort));

    public async Task<IActionResult> OnPostRunAsync(string? day, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RunDailyJobs)).Succeeded) return Forbid();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var asked = DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : today;
        var run = await job.RunAsync(asked <= today.AddDays(1) && asked >= today.AddYears(-1) ? asked : today, ct);
        TempData["Flash"] = run.Ran ? "expiry.ran" : "expiry.alreadyRan";
        TempData["FlashArg"] = run.RemindersSent;
        return RedirectToPage(new { day = run.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
