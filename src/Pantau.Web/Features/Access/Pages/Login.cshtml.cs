using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Access.Pages;

/// <summary>
/// The browser's sign-in: a cookie session. Same rules as <c>POST /api/auth/login</c>: a disabled account is
/// refused with the same message as a wrong password, failures count towards the lockout, and an account with
/// two-factor sign-in also needs the authenticator code (asked for on a second step, or given with the password).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, CurrentStaff current, TimeProvider time) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? TwoFactorCode { get; set; }

    /// <summary>Set once the password was right and the account asks for a code; the user is then in the two-factor cookie.</summary>
    [BindProperty] public bool TwoFactorStep { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public FieldErrors Errors { get; } = new();

    /// <summary>A message about the whole attempt (wrong password, lockout), as a <see cref="Infrastructure.Texts"/> key.</summary>
    public string? Failure { get; private set; }
    public object? FailureArg { get; private set; }

    /// <summary>Signed in, but sent here because the account may not open <see cref="ReturnUrl"/>.</summary>
    public bool Denied { get; private set; }

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

        if (TwoFactorStep && string.IsNullOrEmpty(Password))
        {
            // Second step: the password was checked on the first one; the two-factor cookie says whose it was.
            var pending = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (pending is null || pending.IsDisabled)
            {
                TwoFactorStep = false;
                return Fail(pending is null ? "login.twoFactorExpired" : "login.wrong");
            }
            if (!Errors.Require("twoFactorCode", code.Length > 0, "login.codeRequired")) return Page();
            return await FinishAsync(await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false), pending);
        }

        Errors.Require("email", !string.IsNullOrWhiteSpace(Email), "login.emailRequired");
        Errors.Require("password", !string.IsNullOrEmpty(Password), "login.passwordRequired");
        if (!Errors.IsEmpty) return Page();

        var user = await signIn.UserManager.FindByEmailAsync(Email!.Trim());
        if (user is null || user.IsDisabled) return Fail("login.wrong");

        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            // The password was right; the two-factor cookie now holds the account until the code is given.
            TwoFactorStep = true;
            Password = null;
            if (code.Length == 0) return Page();
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        return await FinishAsync(result, user);
    }

    private async Task<IActionResult> FinishAsync(Microsoft.AspNetCore.Identity.SignInResult result, StaffUser user)
    {
        if (result.Succeeded)
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        if (result.IsLockedOut)
        {
            var end = await signIn.UserManager.GetLockoutEndDateAsync(user);
            var minutes = end is { } e ? Math.Max(1, (int)Math.Ceiling((e - time.GetUtcNow()).TotalMinutes)) : 15;
            TwoFactorStep = false;
            return Fail("login.lockedOut", minutes);
        }
        if (TwoFactorStep)
        {
            TwoFactorCode = null;
            Errors.Add("twoFactorCode", "login.codeWrong");
            return Page();
        }
        return Fail("login.wrong");
    }

    private PageResult Fail(string key, object? arg = null)
    {
        Password = null;
        Failure = key;
        FailureArg = arg;
        return Page();
    }
}
