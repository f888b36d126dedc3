using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

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
        StaffScopeAssignment assignment, PantauDb db, UserManager<StaffUser> users, AccountChanges changes, DateTime now)
    {
        var v = new Validation();
        email = email?.Trim();
        v.Require("email", email is { Length: > 3 and <= 256 } && email.Contains('@'), SharedCodes.ValidEmailAddressRequired);
        v.Require("fullName", fullName?.Trim() is { Length: > 0 and <= 200 }, SharedCodes.NameUp200Characters);
        v.Require("password", !string.IsNullOrEmpty(password), AccessCodes.InitialPasswordRequired);
        v.Add(await StaffScopeRules.CheckAsync(admin, assignment, db));
        if (v.IsValid && await users.FindByEmailAsync(email!) is not null) v.Add("email", AccessCodes.AccountEmailExists);
        if (!v.IsValid) return new(null, v, []);

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName!.Trim(), CreatedAt = now };
        user.AssignScope(assignment);
        var result = await changes.SaveAsync(user, AccountActions.Created, $"role {assignment.Role}", () => users.CreateAsync(user, password!),
            user.OfficeId);
        return result.Succeeded ? new(user, v, []) : new(null, v, result.Errors.ToList());
    }

    /// <summary>Gives <paramref name="account"/> a new role and scope (checked by the caller) and ends its sessions.</summary>
    public static async Task RescopeAsync(StaffUser account, StaffScopeAssignment assignment, UserManager<StaffUser> users, AccountChanges changes)
    {
        var before = account.CurrentAssignment;
        account.AssignScope(assignment);
        await changes.SaveAsync(account, AccountActions.Rescoped, $"role {before.Role} -> {assignment.Role}",
            () => users.UpdateSecurityStampAsync(account), before.OfficeId, assignment.OfficeId);
    }

    /// <summary>Disables or enables <paramref name="account"/> and ends its sessions; false for the admin's own account.</summary>
    public static async Task<bool> SetDisabledAsync(StaffUser admin, StaffUser account, bool disabled, UserManager<StaffUser> users,
        AccountChanges changes)
    {
        if (account.Id == admin.Id) return false;
        if (disabled) account.Disable(); else account.Enable();
        // A new security stamp ends every token and cookie issued before, also once the account is enabled again.
        await changes.SaveAsync(account, disabled ? AccountActions.Disabled : AccountActions.Enabled, "",
            () => users.UpdateSecurityStampAsync(account), account.OfficeId);
        return true;
    }
}

/// <summary>The audit trail's names for changes to accounts.</summary>
public static class AccountActions
{
    public const string RecordType = "account";
    public const string Created = "account-create";
    public const string Rescoped = "account-rescope";
    public const string Disabled = "account-disable";
    public const string Enabled = "account-enable";
    public const string PasswordChanged = "password-change";
    public const string PasswordReset = "password-reset";
    public const string TwoFactorOn = "two-factor-on";
    public const string TwoFactorOff = "two-factor-off";
}

/// <summary>
/// Saves a change Identity makes to an account together with its audit entry, in one transaction: both or neither.
/// Identity's store saves on its own after each change; while the change runs it only tracks it, and
/// <see cref="Auditor.SaveAsync(PantauDb, AuditRecord, CancellationToken)"/> then commits it with the entry.
/// </summary>
public sealed class AccountChanges(PantauDb db, IUserStore<StaffUser> store, Auditor auditor)
{
    public async Task<IdentityResult> SaveAsync(StaffUser account, string action, string detail, Func<Task<IdentityResult>> change,
        params int?[] offices)
    {
        var identityStore = store as UserOnlyStore<StaffUser, PantauDb, Guid, IdentityUserClaim<Guid>, IdentityUserLogin<Guid>,
            IdentityUserToken<Guid>, IdentityUserPasskey<Guid>> ?? throw new InvalidOperationException("Accounts are kept by EF's user store.");
        IdentityResult result;
        identityStore.AutoSaveChanges = false;
        try
        {
            result = await change();
        }
        finally
        {
            identityStore.AutoSaveChanges = true;
        }
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        var ids = offices.OfType<int>().Distinct().ToList();
        // The entry names the offices of the account (before and after a move), so each office head sees their staff's changes.
        var regencies = await db.OfficeJurisdictions.AsNoTracking().Where(j => ids.Contains(j.OfficeId)).Select(j => j.RegencyCode).ToListAsync();
        await auditor.SaveAsync(db, new AuditRecord(action, AccountActions.RecordType, [account.Id], regencies,
            string.IsNullOrEmpty(detail) ? account.Email ?? "" : $"{account.Email}: {detail}"));
        return result;
    }
}
