using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access;

public sealed record AccountScopeRequest(StaffRole? Role, int? OfficeId, string? ProvinceCode, List<string>? DistrictCodes,
    string? VillageCode, int? Rw, int? Rt)
{
    public StaffScopeAssignment ToAssignment() => new(Role!.Value, OfficeId, Blank(ProvinceCode), DistrictCodes?.Select(d => d.Trim()).ToList(),
        Blank(VillageCode), Rw, Rt);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record CreateAccountRequest(string? Email, string? FullName, string? Password, StaffRole? Role, int? OfficeId,
    string? ProvinceCode, List<string>? DistrictCodes, string? VillageCode, int? Rw, int? Rt)
{
    public AccountScopeRequest Scope => new(Role, OfficeId, ProvinceCode, DistrictCodes, VillageCode, Rw, Rt);
}

public sealed record PasswordResetRequest(string? Password);

public sealed record AccountResponse(Guid Id, string Email, string FullName, StaffRole Role, int? OfficeId, string? ProvinceCode,
    IReadOnlyList<string> DistrictCodes, string? VillageCode, int? Rw, int? Rt, bool Disabled, bool TwoFactorEnabled, bool LockedOut)
{
    public static AccountResponse From(StaffUser u, DateTimeOffset now) => new(u.Id, u.Email ?? "", u.FullName, u.Role, u.OfficeId,
        u.ProvinceCode, u.Districts, u.VillageCode, u.Rw, u.Rt, u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd > now);
}

/// <summary>
/// National and office admins create, disable and re-scope accounts (<see cref="StaffScopeRules.Manages"/>); an account they do
/// not manage, their own among them, is 404. Every change is in the audit trail.
/// </summary>
public static class AccountsApi
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.ManageAccounts);
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
        g.MapPost("/", Create);
        g.MapPut("/{id:guid}/scope", Rescope);
        g.MapPost("/{id:guid}/password", ResetPassword);
        g.MapPost("/{id:guid}/disable", (Guid id, CurrentStaff c, PantauDb db, UserManager<StaffUser> um, AccountChanges ch, TimeProvider t) =>
            SetDisabled(id, true, c, db, um, ch, t));
        g.MapPost("/{id:guid}/enable", (Guid id, CurrentStaff c, PantauDb db, UserManager<StaffUser> um, AccountChanges ch, TimeProvider t) =>
            SetDisabled(id, false, c, db, um, ch, t));
    }

    private static async Task<Ok<List<AccountResponse>>> List(CurrentStaff current, PantauDb db, TimeProvider time, string? query, int? officeId)
    {
        var q = db.Users.AsNoTracking().ManagedBy(current.User!);
        if (officeId is { } o) q = q.Where(u => u.OfficeId == o);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim().ToUpperInvariant();
            q = q.Where(u => u.NormalizedEmail!.Contains(term) || u.FullName.ToUpper().Contains(term));
        }
        var users = await q.OrderBy(u => u.Email).Take(500).ToListAsync();
        return TypedResults.Ok(users.Select(u => AccountResponse.From(u, time.GetUtcNow())).ToList());
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound>> Get(Guid id, CurrentStaff current, PantauDb db, TimeProvider time) =>
        await db.Users.AsNoTracking().ManagedBy(current.User!).FirstOrDefaultAsync(u => u.Id == id) is { } u
            ? TypedResults.Ok(AccountResponse.From(u, time.GetUtcNow()))
            : TypedResults.NotFound();

    private static async Task<Results<Created<AccountResponse>, ValidationProblem>> Create(
        CreateAccountRequest req, CurrentStaff current, PantauDb db, UserManager<StaffUser> users, AccountChanges changes, TimeProvider time)
    {
        if (req.Role is null) return Validation.Single("role", AccessCodes.RoleRequired);
        var created = await StaffAccounts.CreateAsync(current.User!, req.Email, req.FullName, req.Password, req.Scope.ToAssignment(), db, users,
            changes, time.GetUtcNow().UtcDateTime);
        if (created.Account is not { } user)
        {
            foreach (var e in created.IdentityErrors) created.Errors.Add(AccountCreation.FieldOf(e), e.Description);
            return created.Errors.Problem();
        }
        return TypedResults.Created($"/api/accounts/{user.Id}", AccountResponse.From(user, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> Rescope(
        Guid id, AccountScopeRequest req, CurrentStaff current, PantauDb db, UserManager<StaffUser> users, AccountChanges changes, TimeProvider time)
    {
        // The caller's own account is not among those it manages: no one changes their own role or scope.
        if (await db.Users.ManagedBy(current.User!).FirstOrDefaultAsync(u => u.Id == id) is not { } user) return TypedResults.NotFound();
        if (req.Role is null) return Validation.Single("role", AccessCodes.RoleRequired);
        var assignment = req.ToAssignment();
        var v = await StaffScopeRules.CheckAsync(current.User!, assignment, db);
        if (!v.IsValid) return v.Problem();
        await StaffAccounts.RescopeAsync(user, assignment, users, changes); // also ends the account's sessions
        return TypedResults.Ok(AccountResponse.From(user, time.GetUtcNow()));
    }

    /// <summary>A new password for someone who lost theirs: ends the account's sessions; the owner signs in with it.</summary>
    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> ResetPassword(
        Guid id, PasswordResetRequest req, CurrentStaff current, PantauDb db, UserManager<StaffUser> users, AccountChanges changes, TimeProvider time)
    {
        if (await db.Users.ManagedBy(current.User!).FirstOrDefaultAsync(u => u.Id == id) is not { } user) return TypedResults.NotFound();
        if (string.IsNullOrEmpty(req.Password)) return Validation.Single("password", AccessCodes.NewPasswordRequired);
        var result = await changes.SaveAsync(user, AccountActions.PasswordReset, "", async () =>
            await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), req.Password), user.OfficeId);
        if (!result.Succeeded)
        {
            var v = new Validation();
            foreach (var e in result.Errors) v.Add("password", e.Description);
            return v.Problem();
        }
        return TypedResults.Ok(AccountResponse.From(user, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> SetDisabled(
        Guid id, bool disabled, CurrentStaff current, PantauDb db, UserManager<StaffUser> users, AccountChanges changes, TimeProvider time)
    {
        if (await db.Users.ManagedBy(current.User!).FirstOrDefaultAsync(u => u.Id == id) is not { } user) return TypedResults.NotFound();
        if (!await StaffAccounts.SetDisabledAsync(current.User!, user, disabled, users, changes))
            return Validation.Single("id", AccessCodes.CannotDisableOwn);
        return TypedResults.Ok(AccountResponse.From(user, time.GetUtcNow()));
    }
}
