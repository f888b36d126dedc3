using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access;

public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record MeResponse(Guid Id, string Email, string FullName, StaffRole Role, int? OfficeId, string? ProvinceCode,
    IReadOnlyList<string> DistrictCodes, string? VillageCode, int? Rw, int? Rt, bool TwoFactorEnabled);
public sealed record TwoFactorSetupResponse(string SharedKey, string AuthenticatorUri, bool Enabled, int RecoveryCodesLeft);
public sealed record TwoFactorRequest(bool Enable, string? Code);
public sealed record TwoFactorResult(bool Enabled, string[]? RecoveryCodes);

/// <summary>
/// Staff sign-in. The login answer has the shape of ASP.NET Core Identity's API endpoints
/// (<c>{tokenType, accessToken, expiresIn, refreshToken}</c>), written by the bearer token handler itself;
/// self-registration is deliberately absent: admins create accounts.
/// </summary>
public static class AuthApi
{
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous();
        auth.MapPost("/refresh", Refresh).AllowAnonymous();
        auth.MapGet("/me", Me).RequireAuthorization();
        auth.MapGet("/2fa", TwoFactorSetup).RequireAuthorization();
        auth.MapPost("/2fa", SetTwoFactor).RequireAuthorization();
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest req, SignInManager<StaffUser> signIn)
    {
        var v = new Validation();
        v.Require("email", !string.IsNullOrWhiteSpace(req.Email), "Email is required.");
        v.Require("password", !string.IsNullOrEmpty(req.Password), "Password is required.");
        if (!v.IsValid) return v.Problem();

        var user = await signIn.UserManager.FindByEmailAsync(req.Email!.Trim());
        if (user is null || user.IsDisabled) return Unauthorized("Email or password is wrong.");

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, req.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(req.TwoFactorCode))
                return TypedResults.Problem(title: "A two-factor code is required.", statusCode: 401,
                    extensions: new Dictionary<string, object?> { ["requiresTwoFactor"] = true });
            result = await signIn.TwoFactorAuthenticatorSignInAsync(req.TwoFactorCode.Replace(" ", ""), false, false);
        }
        if (result.IsLockedOut) return Unauthorized("The account is locked for a while after repeated failures.");
        if (!result.Succeeded) return Unauthorized(result.RequiresTwoFactor ? "The two-factor code is wrong." : "Email or password is wrong.");
        return TypedResults.Empty; // the bearer handler has written the token
    }

    private static async Task<Results<Ok<AccessTokenResponse>, UnauthorizedHttpResult, SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest req, SignInManager<StaffUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(req.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } user)
            return TypedResults.Challenge();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static Results<Ok<MeResponse>, UnauthorizedHttpResult> Me(CurrentStaff current)
    {
        if (current.User is not { } u) return TypedResults.Unauthorized();
        return TypedResults.Ok(new MeResponse(u.Id, u.Email ?? "", u.FullName, u.Role, u.OfficeId, u.ProvinceCode,
            u.Districts, u.VillageCode, u.Rw, u.Rt, u.TwoFactorEnabled));
    }

    private static async Task<Results<Ok<TwoFactorSetupResponse>, UnauthorizedHttpResult>> TwoFactorSetup(
        ClaimsPrincipal principal, UserManager<StaffUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/Pantau:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Pantau&digits=6";
        return TypedResults.Ok(new TwoFactorSetupResponse(key!, uri, user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user)));
    }

    private static async Task<Results<Ok<TwoFactorResult>, ValidationProblem, UnauthorizedHttpResult>> SetTwoFactor(
        TwoFactorRequest req, ClaimsPrincipal principal, UserManager<StaffUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.Unauthorized();
        if (!req.Enable)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            return TypedResults.Ok(new TwoFactorResult(false, null));
        }
        var code = (req.Code ?? "").Replace(" ", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return Validation.Single("code", "The code from the authenticator app is wrong.");
        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return TypedResults.Ok(new TwoFactorResult(true, recovery?.ToArray()));
    }

    private static ProblemHttpResult Unauthorized(string title) => TypedResults.Problem(title: title, statusCode: 401);
}
