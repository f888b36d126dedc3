using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;

namespace Pantau.Web.Features.Registry.Pages;

/// <summary>One person, read and audited as <c>GET /api/foreigners/{id}</c> does; out of scope is the same 404 as unknown.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class ForeignerModel(PantauDb db, Auditor audit, TimeProvider time) : PageModel
{
    public ForeignerResponse? Person { get; private set; }

    /// <summary>Back to the search the officer came from, or to an empty one.</summary>
    public string BackUrl =>
        Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var from) && from.Host == Request.Host.Host
            && from.AbsolutePath == "/registry"
            ? from.PathAndQuery
            : "/registry";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Person = await RegistryQueries.ReadAsync(db, audit, id, null, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        if (Person is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
