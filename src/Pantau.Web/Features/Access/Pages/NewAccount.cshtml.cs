using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access.Pages;

[Authorize(Policy = Policies.ManageAccounts)]
public sealed class NewAccountModel(PantauDb db, CurrentStaff current, UserManager<StaffUser> users, AccountChanges changes, PageTexts texts,
    TimeProvider time) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public ScopeInput Scope { get; set; } = new();

    public ScopeChoices Choices { get; private set; } = ScopeChoices.None;
    public Validation Errors { get; } = new();

    private StaffUser Admin => current.User!;

    public async Task OnGetAsync()
    {
        Choices = await ScopeChoices.ForAsync(Admin, db);
        var role = Choices.Roles.Contains(StaffRole.Officer) ? StaffRole.Officer : Choices.Roles.FirstOrDefault();
        Scope = new ScopeInput
        {
            Role = role.ToString(),
            OfficeId = Admin.OfficeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Choices = await ScopeChoices.ForAsync(Admin, db);
        var assignment = Scope.ToAssignment(Errors);
        if (assignment is null) return Page();
        var created = await StaffAccounts.CreateAsync(Admin, Email, FullName, Password, assignment, db, users, changes, time.GetUtcNow().UtcDateTime);
        if (created.Account is null)
        {
            Errors.Add(created.Errors);
            foreach (var e in created.IdentityErrors) Errors.Add(AccountCreation.FieldOf(e), IdentityMessage(e));
            return Page();
        }
        TempData["Flash"] = "accounts.created";
        TempData["FlashArg"] = created.Account.Email;
        return RedirectToPage("/Access/Pages/Accounts");
    }

    private string IdentityMessage(IdentityError e)
    {
        var p = users.Options.Password;
        var key = $"identity.{e.Code}";
        if (!texts.Has(key)) return e.Description;
        return e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => texts[key, p.RequiredLength].Value,
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => texts[key, p.RequiredUniqueChars].Value,
            _ => texts[key].Value,
        };
    }
}
