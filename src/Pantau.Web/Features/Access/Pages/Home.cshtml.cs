using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pantau.Web.Features.Access.Pages;

/// <summary>The root sends each role to its first page; roles without pages yet see a short note.</summary>
[AllowAnonymous]
public sealed class HomeModel(CurrentStaff current, IAuthorizationService authz) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (current.User is null) return RedirectToPage("/Access/Pages/Login");
        if ((await authz.AuthorizeAsync(User, Policies.ManageAccounts)).Succeeded) return RedirectToPage("/Access/Pages/Accounts");
        if ((await authz.AuthorizeAsync(User, Policies.RegistryRead)).Succeeded) return RedirectToPage("/Registry/Pages/Search");
        if ((await authz.AuthorizeAsync(User, Policies.PartnerView)).Succeeded) return RedirectToPage("/Partners/Pages/Partner");
        if (current.Role == StaffRole.NeighbourhoodHead) return RedirectToPage("/Statistics/Pages/Rt");
        if (current.Role == StaffRole.Lodging) return RedirectToPage("/Lodging/Pages/Guests");
        return Page();
    }
}
