using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Access.Pages;

/// <summary>
/// The browser's sign-in: a cookie session. Same rules as <c>POST /api/auth/login</c> (<see cref="StaffSignIn"/>): an
/// unknown or disabled account is refused with the same message as a wrong password, failures lock the account out of
/// this address only, and an account with two-factor sign-in also needs the authenticator code (asked for on a
/// second step, or given with the password).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, StaffSignIn staff, CurrentStaff current) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? TwoFactorCode { get; set; }

    /// <summary>Set once the password was right and the account asks for a code; the user is then in the two-factor cookie.</summary>
    [BindProperty] public bool TwoFactorStep { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public Validation Errors { get; } = new();

    /// <summary>A message about the whole attempt (wrong password, lockout), as a text key.</summary>
    public string? Failure { get; private set; }
    public object? FailureArg { get; private set; }

    /// <summary>The right password for an account that waits for a decision: whose (<see cref="IAccountHold"/>).</summary>
    public Message? HoldMessage { get; private set; }

    /// <summary>Signed in, but sent here because the account may not open <see cref="ReturnUrl"/>.</summary>
    public bool Denied { get; private set; }

    /// <summary>A regional division sent away from an office's console: its read of every office's is the overview.</summary>
    public bool OverviewInstead => Denied && current.User?.Role == StaffRole.RegionalDivision
        && ReturnUrl is { } back && back.StartsWith("/console", StringComparison.OrdinalIgnoreCase);

    public IActionResult OnGet()
    {
        if (current.User is not null)
        {
            if (string.IsNullOrEmpty(ReturnUrl)) return Redirect("/");
            Denied = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var code = (TwoFactorCode ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var client = HttpContext.Connection.RemoteIpAddress;

        if (TwoFactorStep && string.IsNullOrEmpty(Password))
        {
            // Second step: the password was checked on the first one; the two-factor cookie says whose it was.
            var pending = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (pending is null)
            {
                TwoFactorStep = false;
                return Fail("login.twoFactorExpired");
            }
            if (!Errors.Require("twoFactorCode", code.Length > 0, "login.codeRequired")) return Page();
            return await FinishAsync(await staff.CheckCodeAsync(pending, code, client));
        }

        Errors.Require("email", !string.IsNullOrWhiteSpace(Email), "login.emailRequired");
        Errors.Require("password", !string.IsNullOrEmpty(Password), "login.passwordRequired");
        if (!Errors.IsValid) return Page();
        return await FinishAsync(await staff.CheckAsync(Email!, Password!, code, client));
    }

    private async Task<IActionResult> FinishAsync(SignInAttempt attempt)
    {
        if (attempt is { Outcome: SignInOutcome.SignedIn, Account: { } user })
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(StaffSignIn.MethodClaim, attempt.WithCode ? "mfa" : "pwd")]);
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (attempt.Outcome is SignInOutcome.NeedsCode or SignInOutcome.CodeWrong)
        {
            // The password was right; the two-factor cookie now holds the account until the code is given.
            if (attempt.Account is { } pending)
                await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(
                    new ClaimsIdentity([new Claim(ClaimTypes.Name, pending.Id.ToString())], IdentityConstants.TwoFactorUserIdScheme)));
            TwoFactorStep = true;
            Password = null;
            TwoFactorCode = null;
            if (attempt.Outcome == SignInOutcome.CodeWrong) Errors.Add("twoFactorCode", "login.codeWrong");
            return Page();
        }
        TwoFactorStep = false;
        if (attempt is { Outcome: SignInOutcome.Held, Hold: { } hold })
        {
            Password = null;
            HoldMessage = hold;
            return Page();
        }
        if (attempt.Outcome is not (SignInOutcome.LockedOut or SignInOutcome.Throttled)) return Fail("login.wrong");
        if (attempt.Outcome == SignInOutcome.Throttled) Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(attempt.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Fail(attempt.Outcome == SignInOutcome.Throttled ? "login.throttled" : "login.lockedOut",
            Math.Max(1, (int)Math.Ceiling(attempt.RetryAfter.TotalMinutes)));
    }

    private PageResult Fail(string key, object? arg = null)
    {
        Password = null;
        Failure = key;
        FailureArg = arg;
        return Page();
    }
}
