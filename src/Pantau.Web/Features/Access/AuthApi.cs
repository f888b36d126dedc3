using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access;

public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record MeResponse(Guid Id, string Email, string FullName, StaffRole Role, int? OfficeId, string? ProvinceCode,
    IReadOnlyList<string> DistrictCodes, string? VillageCode, int? Rw, int? Rt, bool TwoFactorEnabled);
public sealed record TwoFactorStatusResponse(bool Enabled, int RecoveryCodesLeft);
public sealed record TwoFactorSetupResponse(string SharedKey, string AuthenticatorUri);
public sealed record TwoFactorRequest(bool Enable, string? Code, string? Password);
public sealed record TwoFactorResult(bool Enabled, string[]? RecoveryCodes);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? TwoFactorCode, string? NewPassword);

/// <summary>
/// Staff sign-in. The login answer has the shape of ASP.NET Core Identity's API endpoints
/// (<c>{tokenType, accessToken, expiresIn, refreshToken}</c>), written by the bearer token handler itself;
/// self-registration is deliberately absent: admins create accounts. Refresh tokens are single use
/// (<see cref="RefreshTokens"/>); the authenticator's key is shown once, when it is made; turning two-factor off and
/// changing the password need the current password or a current code.
/// </summary>
public static class AuthApi
{
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous();
        auth.MapPost("/refresh", Refresh).AllowAnonymous();
        auth.MapGet("/me", Me).RequireAuthorization();
        auth.MapGet("/2fa", TwoFactorStatus).RequireAuthorization();
        auth.MapPost("/2fa/setup", TwoFactorSetup).RequireAuthorization();
        auth.MapPost("/2fa", SetTwoFactor).RequireAuthorization();
        auth.MapPost("/password", ChangePassword).RequireAuthorization();
    }

    private static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest req, HttpContext http, StaffSignIn staff, SignInManager<StaffUser> signIn, PantauDb db,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var v = new Validation();
        v.Require("email", !string.IsNullOrWhiteSpace(req.Email), AccessCodes.EmailRequired);
        v.Require("password", !string.IsNullOrEmpty(req.Password), AccessCodes.PasswordRequired);
        if (!v.IsValid) return v.Problem();

        var attempt = await staff.CheckAsync(req.Email!, req.Password!, req.TwoFactorCode, http.Connection.RemoteIpAddress);
        if (attempt is not { Outcome: SignInOutcome.SignedIn, Account: { } user }) return Refusal(http, attempt);

        var principal = StaffSignIn.WithMethod(await signIn.CreateUserPrincipalAsync(user), attempt.WithCode);
        var lifetime = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;
        await RefreshTokens.IssueAsync(db, principal, user.Id, family: null, time.GetUtcNow().UtcDateTime, lifetime);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme); // the handler writes the tokens
    }

    /// <summary>One answer per kind of failure, the same whether the email is known or not.</summary>
    private static ProblemHttpResult Refusal(HttpContext http, SignInAttempt attempt)
    {
        if (attempt.Outcome is SignInOutcome.Throttled or SignInOutcome.LockedOut)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(attempt.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return attempt.Outcome switch
        {
            SignInOutcome.Throttled => Problems.Refusal(429, AccessCodes.TooManyAttempts),
            SignInOutcome.LockedOut => Unauthorized(AccessCodes.LockedOut),
            SignInOutcome.NeedsCode => TypedResults.Problem(title: AccessCodes.TwoFactorRequired, statusCode: 401,
                extensions: new Dictionary<string, object?> { ["requiresTwoFactor"] = true }),
            SignInOutcome.CodeWrong => Unauthorized(AccessCodes.TwoFactorWrong),
            SignInOutcome.Held when attempt.Hold is { } why => Problems.Refusal(403, why),
            _ => Unauthorized(AccessCodes.EmailOrPasswordWrong),
        };
    }

    private static async Task<Results<UnauthorizedHttpResult, SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest req, SignInManager<StaffUser> signIn, PantauDb db, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(req.RefreshToken);
        var now = time.GetUtcNow();
        // A ticket from before a change of the account's security stamp (disabled, password, role, two-factor off) is refused.
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } user)
            return TypedResults.Challenge();
        if (await RefreshTokens.UseAsync(db, ticket.Principal, user, signIn.UserManager, now.UtcDateTime) is not { } family)
            return TypedResults.Challenge();
        // The new tokens say how the login was made, as the first ones did: a refresh is no way around two-factor.
        var withCode = ticket.Principal.HasClaim(StaffSignIn.MethodClaim, "mfa");
        if (user.TwoFactorEnabled && !withCode) return TypedResults.Challenge();
        var principal = StaffSignIn.WithMethod(await signIn.CreateUserPrincipalAsync(user), withCode);
        await RefreshTokens.IssueAsync(db, principal, user.Id, family, now.UtcDateTime, options.RefreshTokenExpiration);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static Results<Ok<MeResponse>, UnauthorizedHttpResult> Me(CurrentStaff current)
    {
        if (current.User is not { } u) return TypedResults.Unauthorized();
        return TypedResults.Ok(new MeResponse(u.Id, u.Email ?? "", u.FullName, u.Role, u.OfficeId, u.ProvinceCode,
            u.Districts, u.VillageCode, u.Rw, u.Rt, u.TwoFactorEnabled));
    }

    /// <summary>Whether two-factor sign-in is on; never the key.</summary>
    private static async Task<Results<Ok<TwoFactorStatusResponse>, UnauthorizedHttpResult>> TwoFactorStatus(
        ClaimsPrincipal principal, UserManager<StaffUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
        return TypedResults.Ok(new TwoFactorStatusResponse(user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user)));
    }

    /// <summary>
    /// A new authenticator key, shown this once; it takes effect when a code from it turns two-factor on. While
    /// two-factor is on there is no new key: turn it off first (which needs the password or a code).
    /// </summary>
    private static async Task<Results<Ok<TwoFactorSetupResponse>, ValidationProblem, UnauthorizedHttpResult>> TwoFactorSetup(
        ClaimsPrincipal principal, UserManager<StaffUser> users, IUserStore<StaffUser> store)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
        if (user.TwoFactorEnabled) return Validation.Single("enable", AccessCodes.TwoFactorAlreadyOn);
        // Not ResetAuthenticatorKeyAsync: it also renews the security stamp, which would end the very session that is
        // enrolling; a key not yet in use protects nothing that needs the other sessions ended.
        await ((IUserAuthenticatorKeyStore<StaffUser>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), default);
        await users.UpdateAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/Pantau:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Pantau&digits=6";
        return TypedResults.Ok(new TwoFactorSetupResponse(key, uri));
    }

    private static async Task<Results<Ok<TwoFactorResult>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> SetTwoFactor(
        TwoFactorRequest req, HttpContext http, ClaimsPrincipal principal, UserManager<StaffUser> users, StaffSignIn staff, AccountChanges changes)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
        if (!req.Enable)
        {
            if (!user.TwoFactorEnabled) return TypedResults.Ok(new TwoFactorResult(false, null));
            if (string.IsNullOrEmpty(req.Password) && string.IsNullOrWhiteSpace(req.Code))
                return Validation.Single("password", AccessCodes.CurrentPasswordOrCodeRequired);
            var confirmed = await staff.ConfirmAsync(user, req.Password, req.Code, http.Connection.RemoteIpAddress);
            if (confirmed.Outcome != SignInOutcome.SignedIn) return NotConfirmed(http, confirmed, req.Password);
            // Off, with a new stamp: every token and cookie from before ends, this one too.
            await changes.SaveAsync(user, AccountActions.TwoFactorOff, "", () => users.SetTwoFactorEnabledAsync(user, false), user.OfficeId);
            await users.ResetAuthenticatorKeyAsync(user); // the old key is of no use any more
            return TypedResults.Ok(new TwoFactorResult(false, null));
        }
        var code = (req.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return Validation.Single("code", AccessCodes.AuthenticatorCodeWrong);
        // On, with a new stamp: the sessions that signed in with the password alone end; sign in again with a code.
        await changes.SaveAsync(user, AccountActions.TwoFactorOn, "", () => users.SetTwoFactorEnabledAsync(user, true), user.OfficeId);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return TypedResults.Ok(new TwoFactorResult(true, recovery?.ToArray()));
    }

    /// <summary>A new password, given the current one (or a current code): ends every other session of the account.</summary>
    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest req, HttpContext http, ClaimsPrincipal principal, UserManager<StaffUser> users, StaffSignIn staff, AccountChanges changes)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
        var v = new Validation();
        v.Require("newPassword", !string.IsNullOrEmpty(req.NewPassword), AccessCodes.NewPasswordRequired);
        v.Require("currentPassword", !string.IsNullOrEmpty(req.CurrentPassword) || !string.IsNullOrWhiteSpace(req.TwoFactorCode),
            AccessCodes.CurrentPasswordOrCodeRequired);
        if (!v.IsValid) return v.Problem();
        var confirmed = await staff.ConfirmAsync(user, req.CurrentPassword, req.TwoFactorCode, http.Connection.RemoteIpAddress);
        if (confirmed.Outcome != SignInOutcome.SignedIn) return NotConfirmed(http, confirmed, req.CurrentPassword, "currentPassword");
        var result = await changes.SaveAsync(user, AccountActions.PasswordChanged, "", async () =>
            await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), req.NewPassword!), user.OfficeId);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) v.Add("newPassword", e.Description);
            return v.Problem();
        }
        return TypedResults.NoContent();
    }

    private static Results<Ok<TwoFactorResult>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult> NotConfirmed(
        HttpContext http, SignInAttempt attempt, string? password) =>
        attempt.Outcome is SignInOutcome.Throttled or SignInOutcome.LockedOut ? Refusal(http, attempt)
        : Validation.Single(string.IsNullOrEmpty(password) ? "code" : "password", AccessCodes.PasswordOrCodeWrong);

    private static Results<NoContent, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult> NotConfirmed(
        HttpContext http, SignInAttempt attempt, string? password, string passwordField) =>
        attempt.Outcome is SignInOutcome.Throttled or SignInOutcome.LockedOut ? Refusal(http, attempt)
        : Validation.Single(string.IsNullOrEmpty(password) ? "twoFactorCode" : passwordField, AccessCodes.PasswordOrCodeWrong);

    private static ProblemHttpResult Unauthorized(string title) => TypedResults.Problem(title: title, statusCode: 401);
}
