using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.FieldActivity;

namespace Pantau.Web.Features.FieldChecks.Pages;

/// <summary>
/// The field check on a phone, and the patrol pings. The page is a form; its script (wwwroot/js/field.js) asks
/// <c>POST /api/field-checks</c> and <c>POST /api/field/positions</c>, so the check's rules and audit live in one place.
/// </summary>
[Authorize(Policy = Policies.FieldCheck)]
public sealed class FieldModel(CurrentStaff current) : PageModel
{
    /// <summary>The buttons an officer presses during a patrol, in the order of a patrol.</summary>
    public static readonly FieldActivityKind[] PatrolActivities =
        [FieldActivityKind.PatrolStarted, FieldActivityKind.Arrived, FieldActivityKind.CheckDone, FieldActivityKind.PatrolEnded];

    /// <summary>Common nationalities among foreign residents, offered as suggestions.</summary>

    /// <summary>Only an office's staff send patrol pings (the national admin has no office to be watched by).</summary>
    public bool CanPing => current.OfficeId is not null;

    /// <summary>Keys the phone's queue of unsent pings, so that one officer's pings never leave as another's.</summary>
    public Guid? OfficerId => current.UserId;

    public void OnGet() { }
}
