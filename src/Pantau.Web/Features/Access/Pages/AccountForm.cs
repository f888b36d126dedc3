using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access.Pages;

/// <summary>
/// The role and scope fields of the account forms, as typed. Only the shape of the input is checked here; what an
/// admin may give is <see cref="StaffScopeRules"/>' decision.
/// </summary>
public sealed class ScopeInput
{
    public string? Role { get; set; }
    public string? OfficeId { get; set; }
    public string? ProvinceCode { get; set; }

    /// <summary>Kecamatan codes separated by commas or spaces.</summary>
    public string? DistrictCodes { get; set; }
    public string? VillageCode { get; set; }
    public string? Rw { get; set; }
    public string? Rt { get; set; }

    public static ScopeInput From(StaffUser u) => new()
    {
        Role = u.Role.ToString(),
        OfficeId = u.OfficeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ProvinceCode = u.ProvinceCode,
        DistrictCodes = string.Join(", ", u.Districts),
        VillageCode = u.VillageCode,
        Rw = u.Rw?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Rt = u.Rt?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The assignment, or null with messages in <paramref name="errors"/> when a field cannot be read at all.</summary>
    public StaffScopeAssignment? ToAssignment(Validation errors)
    {
        StaffRole? role = InputRules.TryParseEnum<StaffRole>(Role, out var r) ? r : null;
        var readable = errors.Require("role", role is not null, AccessCodes.RoleRequired);
        var officeId = Number(OfficeId, "officeId", SharedCodes.ThereNoSuchOffice, errors, ref readable);
        var rw = Number(Rw, "rw", SharedCodes.RwNumber1999, errors, ref readable);
        var rt = Number(Rt, "rt", SharedCodes.RtNumber1999, errors, ref readable);
        if (!readable || role is not { } chosen) return null;
        var districts = (DistrictCodes ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        return new StaffScopeAssignment(chosen, officeId, Blank(ProvinceCode), districts, Blank(VillageCode), rw, rt);
    }

    private static int? Number(string? text, string field, string message, Validation errors, ref bool readable)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, message);
        readable = false;
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record OfficeChoice(int Id, string Name);

/// <summary>What the role and office lists of an account form offer this admin.</summary>
public sealed record ScopeChoices(IReadOnlyList<StaffRole> Roles, IReadOnlyList<OfficeChoice> Offices)
{
    public static readonly ScopeChoices None = new([], []);

    public static async Task<ScopeChoices> ForAsync(StaffUser admin, PantauDb db)
    {
        // The roles on offer are the ones the rules do not refuse this admin, asked of the rules themselves.
        var roles = new List<StaffRole>();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            var check = await StaffScopeRules.CheckAsync(admin, new StaffScopeAssignment(role, null, null, null, null, null, null), db);
            if (!check.Errors.ContainsKey("role")) roles.Add(role);
        }
        var offices = db.Offices.AsNoTracking();
        if (admin.Role != StaffRole.NationalAdmin) offices = offices.Where(o => o.Id == admin.OfficeId);
        return new ScopeChoices(roles, await offices.OrderBy(o => o.Name).Select(o => new OfficeChoice(o.Id, o.Name)).ToListAsync());
    }
}

/// <summary>The model of <c>_ScopeFields.cshtml</c>.</summary>
public sealed record ScopeFieldsView(ScopeInput Input, ScopeChoices Choices, Validation Errors);
