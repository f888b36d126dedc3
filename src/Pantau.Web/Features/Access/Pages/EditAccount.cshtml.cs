using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access.Pages;

/// <summary>Re-scoping an account: a new role or area applies at once, and signs the account out of its other sessions.</summary>
[Authorize(Policy = Policies.ManageAccounts)]
public sealed class EditAccountModel(PantauDb db, CurrentStaff current, UserManager<StaffUser> users, AccountChanges changes) : PageModel
{
    [BindProperty] public ScopeInput Scope { get; set; } = new();

    public StaffUser? Account { get; private set; }
    public ScopeChoices Choices { get; private set; } = ScopeChoices.None;
    public Validation Errors { get; } = new();

    private StaffUser Admin => current.User!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // An account the admin does not manage does not exist for them.
        Account = await db.Users.AsNoTracking().ManagedBy(Admin).FirstOrDefaultAsync(u => u.Id == id);
        if (Account is null) return Missing();
        Scope = ScopeInput.From(Account);
        Choices = await ScopeChoices.ForAsync(Admin, db);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Account = await db.Users.ManagedBy(Admin).FirstOrDefaultAsync(u => u.Id == id);
        if (Account is null) return Missing();
        Choices = await ScopeChoices.ForAsync(Admin, db);
        var assignment = Scope.ToAssignment(Errors);
        if (assignment is null) return Page();
        Errors.Add(await StaffScopeRules.CheckAsync(Admin, assignment, db));
        if (!Errors.IsValid) return Page();

        await StaffAccounts.RescopeAsync(Account, assignment, users, changes); // saves, audited, and signs the account out everywhere
        TempData["Flash"] = "accounts.rescoped";
        TempData["FlashArg"] = Account.Email;
        return RedirectToPage("/Access/Pages/Accounts");
    }

    private PageResult Missing()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
