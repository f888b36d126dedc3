using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Home;

/// <summary>
/// The office that runs this deployment, as the public front door (<c>/</c>) shows it: <c>Office:Name</c>,
/// <c>Office:Address</c>, <c>Office:OpeningHours</c> (and <c>Office:OpeningHoursEnglish</c>), <c>Office:Phone</c>,
/// <c>Office:Email</c>. Optional: without a name the page shows no identity (a deployment that has not said who it is
/// still serves its public pages). A value given must be well formed, and the other values need the name: a mistake
/// in them stops the start instead of showing the public a half identity.
/// </summary>
public sealed partial class OfficeIdentity : IValidatableObject
{
    public const string Section = "Office";

    [MaxLength(200)] public string? Name { get; set; }
    [MaxLength(500)] public string? Address { get; set; }
    [MaxLength(200)] public string? OpeningHours { get; set; }
    [MaxLength(200)] public string? OpeningHoursEnglish { get; set; }
    [MaxLength(40)] public string? Phone { get; set; }
    [MaxLength(200)] public string? Email { get; set; }

    public bool IsGiven => !string.IsNullOrWhiteSpace(Name);

    /// <summary>The hours in the page's language (the Indonesian text when no English one is given).</summary>
    public string? HoursIn(bool english) => english && !string.IsNullOrWhiteSpace(OpeningHoursEnglish) ? OpeningHoursEnglish : OpeningHours;

    /// <summary>The number for a <c>tel:</c> link: its digits and a leading +.</summary>
    public string? PhoneLink => Phone is null ? null : "tel:" + NotDialled().Replace(Phone, "");

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var others = new[] { Address, OpeningHours, OpeningHoursEnglish, Phone, Email };
        if (!IsGiven && others.Any(v => !string.IsNullOrWhiteSpace(v)))
            yield return new("Office:Name is needed when the office's address, hours, phone or e-mail are given.", [nameof(Name)]);
        if (!string.IsNullOrWhiteSpace(Phone) && !PhoneWritten().IsMatch(Phone))
            yield return new("Office:Phone is a telephone number: digits, spaces, +, - and parentheses.", [nameof(Phone)]);
        if (!string.IsNullOrWhiteSpace(Email) && !new EmailAddressAttribute().IsValid(Email))
            yield return new("Office:Email is an e-mail address.", [nameof(Email)]);
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]{5,40}$")]
    private static partial Regex PhoneWritten();

    [GeneratedRegex(@"[^0-9+]")]
    private static partial Regex NotDialled();
}

/// <summary>The public front door (<c>/</c>) and the pages a browser gets for an error (404, 403, 500).</summary>
public sealed class HomeFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.AddOptions<OfficeIdentity>().BindConfiguration(OfficeIdentity.Section).ValidateDataAnnotations().ValidateOnStart();
}
