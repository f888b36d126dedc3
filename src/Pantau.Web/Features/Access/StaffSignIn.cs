using Pantau.Web.Infrastructure;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Access;

/// <summary>
/// Limits of the staff sign-in (<c>Access:Login:*</c>): attempts per client address, and the lockout of one account
/// from one address.
/// </summary>
public sealed class LoginLimits
{
    /// <summary>Sign-in attempts (right or wrong) one client address may make per <see cref="Window"/>; 429 beyond.</summary>
    public int PerAddress { get; set; } = 30;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong passwords or codes for one account from one address before that address is locked out of it.</summary>
    public int FailuresBeforeLockout { get; set; } = 5;
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsValid() => PerAddress >= 1 && Window > TimeSpan.Zero && FailuresBeforeLockout >= 1 && Lockout > TimeSpan.Zero;
}

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInOutcome
{
    SignedIn,
    /// <summary>The password was right; the account needs its authenticator code too.</summary>
    NeedsCode,
    /// <summary>Email or password wrong, the account unknown or disabled: one answer for all of them.</summary>
    Wrong,
    CodeWrong,
    /// <summary>This address made too many wrong attempts at this account: wait <see cref="SignInAttempt.RetryAfter"/>.</summary>
    LockedOut,
    /// <summary>Too many attempts from this address at all: 429.</summary>
    Throttled,
    /// <summary>The password was right, but the account waits for a decision (<see cref="SignInAttempt.Hold"/> says whose).</summary>
    Held,
}

public sealed record SignInAttempt(SignInOutcome Outcome, StaffUser? Account = null, TimeSpan RetryAfter = default, bool WithCode = false,
    Message? Hold = null);

/// <summary>
/// Why a disabled account is not yet open, told only to whoever gave its right password (so it tells a stranger
/// nothing): a feature that opens accounts after a decision (a lodging's verification) says whose decision it waits for.
/// </summary>
public interface IAccountHold
{
    Task<Message?> WhyAsync(StaffUser account, CancellationToken ct);
}

/// <summary>
/// Checks a staff sign-in the same way for the API (bearer tokens) and the login page (cookie), so that neither tells
/// an unknown email from a wrong password: an unknown or disabled account runs the password hasher too (against a
/// dummy hash), gets the same answer, and counts towards the same lockout. Failures lock one account out of one client
/// address only, so a stranger guessing cannot keep the officer out from another address; every address is also
/// limited in how often it may try at all. Counters are in memory, per instance (see ADR 006).
/// </summary>
public sealed class StaffSignIn
{
    /// <summary>The claim that says how the holder signed in: <c>pwd</c>, or <c>mfa</c> once the code was given too.</summary>
    public const string MethodClaim = "amr";

    private readonly UserManager<StaffUser> _users;
    private readonly LoginGuard _guard;
    private readonly IEnumerable<IAccountHold> _holds;

    public StaffSignIn(UserManager<StaffUser> users, LoginGuard guard, IEnumerable<IAccountHold> holds)
    {
        _users = users;
        _guard = guard;
        _holds = holds;
    }

    /// <summary>Checks email and password (and the code when the account has two-factor sign-in on).</summary>
    public async Task<SignInAttempt> CheckAsync(string email, string password, string? code, IPAddress? client)
    {
        if (_guard.Throttle(client) is { } wait) return new(SignInOutcome.Throttled, RetryAfter: wait);
        var key = _users.NormalizeEmail(email.Trim()) ?? "";
        var user = await _users.FindByEmailAsync(email.Trim());
        if (_guard.LockedFor(key, client) is { } locked)
        {
            _guard.Dummy(_users.PasswordHasher, password); // the same work as any other attempt
            return new(SignInOutcome.LockedOut, RetryAfter: locked);
        }
        bool passwordRight;
        if (user is null) passwordRight = _guard.Dummy(_users.PasswordHasher, password);
        else passwordRight = await _users.CheckPasswordAsync(user, password);
        if (!passwordRight || user is null) return _guard.Failed(key, client, SignInOutcome.Wrong);
        if (user.IsDisabled)
        {
            foreach (var hold in _holds)
                if (await hold.WhyAsync(user, CancellationToken.None) is { } why) return new(SignInOutcome.Held, Hold: why);
            return _guard.Failed(key, client, SignInOutcome.Wrong);
        }

        if (!user.TwoFactorEnabled) return Done(key, client, user, withCode: false);
        if (string.IsNullOrWhiteSpace(code)) return new(SignInOutcome.NeedsCode, user);
        return await CheckCodeAsync(user, code, client);
    }

    /// <summary>The second step: the password was right (the caller holds the account), now the code.</summary>
    public async Task<SignInAttempt> CheckCodeAsync(StaffUser user, string code, IPAddress? client)
    {
        if (_guard.Throttle(client) is { } wait) return new(SignInOutcome.Throttled, RetryAfter: wait);
        var key = user.NormalizedEmail ?? "";
        if (_guard.LockedFor(key, client) is { } locked) return new(SignInOutcome.LockedOut, RetryAfter: locked);
        if (user.IsDisabled) return _guard.Failed(key, client, SignInOutcome.Wrong);
        return await CodeIsRightAsync(_users, user, code)
            ? Done(key, client, user, withCode: true)
            : _guard.Failed(key, client, SignInOutcome.CodeWrong);
    }

    /// <summary>
    /// A signed-in account proves it is still its owner before a sensitive change (a new password, two-factor off):
    /// its current password or a current code. Wrong answers count towards the same lockout as wrong sign-ins, so a
    /// stolen token cannot be used to guess the password.
    /// </summary>
    public async Task<SignInAttempt> ConfirmAsync(StaffUser user, string? password, string? code, IPAddress? client)
    {
        if (_guard.Throttle(client) is { } wait) return new(SignInOutcome.Throttled, RetryAfter: wait);
        var key = user.NormalizedEmail ?? "";
        if (_guard.LockedFor(key, client) is { } locked) return new(SignInOutcome.LockedOut, RetryAfter: locked);
        var right = !string.IsNullOrEmpty(password)
            ? await _users.CheckPasswordAsync(user, password)
            : await CodeIsRightAsync(_users, user, code);
        return right ? Done(key, client, user, withCode: string.IsNullOrEmpty(password)) : _guard.Failed(key, client, SignInOutcome.Wrong);
    }

    /// <summary>An authenticator code, or one of the account's recovery codes (used up by this).</summary>
    public static async Task<bool> CodeIsRightAsync(UserManager<StaffUser> users, StaffUser user, string? code)
    {
        var c = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (c.Length == 0 || !user.TwoFactorEnabled) return false;
        if (c.Length == 6 && c.All(char.IsAsciiDigit))
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, c);
        return (await users.RedeemTwoFactorRecoveryCodeAsync(user, c)).Succeeded;
    }

    private SignInAttempt Done(string key, IPAddress? client, StaffUser user, bool withCode)
    {
        _guard.Succeeded(key, client);
        return new(SignInOutcome.SignedIn, user, WithCode: withCode);
    }

    /// <summary>The principal a token or cookie carries: the account, its security stamp, and how it signed in.</summary>
    public static ClaimsPrincipal WithMethod(ClaimsPrincipal principal, bool withCode)
    {
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(MethodClaim, withCode ? "mfa" : "pwd"));
        return principal;
    }
}

/// <summary>The in-memory counters behind <see cref="StaffSignIn"/>: attempts per address, failures per account and address.</summary>
public sealed class LoginGuard(IOptions<LoginLimits> options, TimeProvider time)
{
    private readonly LoginLimits _limits = options.Value;
    private readonly ConcurrentDictionary<(string Account, string Address), Failures> _failures = new();
    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAddress,
            Window = options.Value.Window,
        }));

    // A hash of a random password, made with the app's own hasher so checking against it costs what a real check costs.
    private string? _dummyHash;

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Since;
        public DateTimeOffset? LockedUntil;
    }

    private static string AddressOf(IPAddress? client) => client?.ToString() ?? "";

    /// <summary>Null when the address may try now; otherwise how long until it may.</summary>
    public TimeSpan? Throttle(IPAddress? client)
    {
        using var lease = _perAddress.AttemptAcquire(AddressOf(client));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : _limits.Window;
    }

    /// <summary>Runs the hasher against the dummy hash: false always, at a real check's cost.</summary>
    public bool Dummy(IPasswordHasher<StaffUser> passwordHasher, string password)
    {
        _dummyHash ??= passwordHasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        passwordHasher.VerifyHashedPassword(new StaffUser(), _dummyHash, password);
        return false;
    }

    public TimeSpan? LockedFor(string account, IPAddress? client)
    {
        if (!_failures.TryGetValue((account, AddressOf(client)), out var f)) return null;
        lock (f)
        {
            var now = time.GetUtcNow();
            return f.LockedUntil is { } until && until > now ? until - now : null;
        }
    }

    public SignInAttempt Failed(string account, IPAddress? client, SignInOutcome outcome)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var f = _failures.GetOrAdd((account, AddressOf(client)), _ => new Failures { Since = now });
        lock (f)
        {
            // Failures count within one lockout period; an older run starts again.
            if (now - f.Since > _limits.Lockout || f.LockedUntil is { } ended && ended <= now)
            {
                f.Count = 0;
                f.Since = now;
                f.LockedUntil = null;
            }
            if (++f.Count >= _limits.FailuresBeforeLockout)
            {
                f.LockedUntil = now + _limits.Lockout;
                return new(SignInOutcome.LockedOut, RetryAfter: _limits.Lockout);
            }
        }
        return new(outcome);
    }

    public void Succeeded(string account, IPAddress? client) => _failures.TryRemove((account, AddressOf(client)), out _);

    private DateTimeOffset _pruned;

    // Forgets finished runs now and then, so that a stream of made-up emails does not grow the table without end.
    private void Prune(DateTimeOffset now)
    {
        if (now - _pruned < _limits.Lockout) return;
        _pruned = now;
        foreach (var (k, f) in _failures)
            lock (f)
                if (now - f.Since > _limits.Lockout && (f.LockedUntil is null || f.LockedUntil <= now)) _failures.TryRemove(k, out _);
    }
}
