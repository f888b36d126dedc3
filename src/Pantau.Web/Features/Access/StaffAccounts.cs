using Microsoft.AspNetCore.Identity;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access;

/// <summary>An account creation's outcome: the account, or the field errors and Identity's own refusals.</summary>
public sealed record AccountCreation(StaffUser? Account, Validation Errors, IReadOnlyList<IdentityError> IdentityErrors)
{
    /// <summary>The form field an Identity refusal is about.</summary>
    public static string FieldOf(IdentityError e) => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email";
}

/// <summary>What an admin does to accounts, the same from the API and the pages.</summary>
public static class StaffAccounts
{
    public static async Task<AccountCreation> CreateAsync(StaffUser admin, string? email, string? fullName, string? password,
        StaffScopeAssignment assignment, PantauDb db, UserManager<StaffUser> users, DateTime now)
    {
        var v = new Validation();
        email = email?.Trim();
        v.Require("email", email is { Length: > 3 and <= 256 } && email.Contains('@'), "A valid email address is required.");
        v.Require("fullName", fullName?.Trim() is { Length: > 0 and <= 200 }, "A name of up to 200 characters is required.");
        v.Require("password", !string.IsNullOrEmpty(password), "An initial password is required.");
        v.Add(await StaffScopeRules.CheckAsync(admin, assignment, db));
        if (v.IsValid && await users.FindByEmailAsync(email!) is not null) v.Add("email", "An account with this email exists.");
        if (!v.IsValid) return new(null, v, []);

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName!.Trim(), CreatedAt = now };
        user.AssignScope(assignment);
        var result = await users.CreateAsync(user, password!);
        return result.Succeeded ? new(user, v, []) : new(null, v, result.Errors.ToList());
    }

    /// <summary>Disables or enables <paramref name="account"/> and ends its sessions; false for the admin's own account.</summary>
    public static async Task<bool> SetDisabledAsync(StaffUser admin, StaffUser account, bool disabled, UserManager<StaffUser> users)
    {
        if (account.Id == admin.Id) return false;
        if (disabled) account.Disable(); else account.Enable();
        await users.UpdateSecurityStampAsync(account); // saves, and ends the account's sessions
        return true;
    }
}
