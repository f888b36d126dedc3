using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Partners.Pages;

/// <summary>
/// The one person an approved access request opens to a partner. The script (wwwroot/js/partner-person.js) reads
/// <c>GET /api/partner/access-requests/{id}/person</c>, which checks the approval and its time and audits the read.
/// </summary>
[Authorize(Policy = Policies.PartnerView)]
public sealed class PartnerPersonModel : PageModel
{
    public Guid Id { get; private set; }

    public void OnGet(Guid id) => Id = id;
}
