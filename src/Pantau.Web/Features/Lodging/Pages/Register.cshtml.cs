using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging.Pages;

/// <summary>The public registration form of hotels, guest houses and landlords (<see cref="LodgingRegistration"/>).</summary>
[AllowAnonymous]
[EnableRateLimiting(ReportLimits.Submit)]
public sealed class RegisterModel(PantauDb db, UserManager<StaffUser> users, JurisdictionMap offices, IMessageSender messages, PageTexts texts,
    TimeProvider time, PlaceFinder places, IOptions<PlacesOptions> placesOptions) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public LodgingKind? Kind { get; set; }
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public Validation Errors { get; } = new();

    /// <summary>The kelurahan/desa picked (the place picker shows its name when the form comes back), if it is one.</summary>
    public PlaceName? Picked => string.IsNullOrWhiteSpace(VillageCode) ? null : places.Directory.Village(VillageCode.Trim());

    public PlacesOptions Tiles => placesOptions.Value;
    public string? RegisteredWith { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await LodgingRegistration.RegisterAsync(
            new LodgingRegistrationRequest(Name, Kind, VillageCode, Address, ContactName, ContactPhone, Email, Password),
            db, users, offices, messages, time.GetUtcNow().UtcDateTime, ct);
        Errors.Add(result.Errors);
        foreach (var e in result.IdentityErrors)
            Errors.Add(AccountCreation.FieldOf(e), texts.Has($"identity.{e.Code}")
                ? texts[$"identity.{e.Code}", users.Options.Password.RequiredLength].Value : e.Description);
        if (result.Lodging is { } lodging)
            RegisteredWith = (await LodgingRegistration.DescribeAsync(db, [lodging], ct))[0].OfficeName;
        return Page();
    }
}
