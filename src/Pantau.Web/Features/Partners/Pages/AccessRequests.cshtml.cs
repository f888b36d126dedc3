using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Partners.Pages;

/// <summary>
/// The office head's list of partners' access requests, to approve for some hours or deny with a reason. The script
/// (wwwroot/js/access-requests.js) uses <c>/api/access-requests</c>, which limits the list to the head's office.
/// </summary>
[Authorize(Policy = Policies.DecideAccess)]
public sealed class AccessRequestsModel : PageModel
{
    public static readonly int DefaultHours = (int)AccessRequest.DefaultOpening.TotalHours;
    public static readonly int LongestHours = (int)AccessRequest.LongestOpening.TotalHours;

    public void OnGet() { }
}
