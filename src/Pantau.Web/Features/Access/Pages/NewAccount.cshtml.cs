using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access.Pages;

[Authorize(Policy = Policies.ManageAccounts)]
public sealed class NewAccountModel(PantauDb db, CurrentStaff current, UserManager<StaffUser> users, Texts texts, TimeProvider time) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public ScopeInput Scope { get; set; } = new();

    public ScopeChoices Choices { get; private set; } = ScopeChoices.None;
    public FieldErrors Errors { get; } = new();

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
        var email = Email?.Trim();
        Errors.Require("email", email is { Length: > 3 and <= 256 } && email.Contains('@'), "A valid email address is required.");
        Errors.Require("fullName", FullName?.Trim() is { Length: > 0 and <= 200 }, "A name of up to 200 characters is required.");
        Errors.Require("password", !string.IsNullOrEmpty(Password), "An initial password is required.");
        var assignment = Scope.ToAssignment(Errors);
        if (assignment is null) return Page();
        Errors.Add(await StaffScopeRules.CheckAsync(Admin, assignment, db));
        if (!Errors.IsEmpty) return Page();
        if (await users.FindByEmailAsync(email!) is not null)
        {
            Errors.Add("email", "An account with this email exists.");
            return Page();
        }

        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = FullName!.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        user.AssignScope(assignment);
        var result = await users.CreateAsync(user, Password!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                Errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", IdentityMessage(e));
            return Page();
        }
        TempData["Flash"] = "accounts.created";
        TempData["FlashArg"] = email;
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
