using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// <c>Reports:*</c>: the key of the phone codes and the limits and budgets of the public service. Bound and validated
/// at start; outside Development the code key must be set and strong (no default secret).
/// </summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Known to anyone who reads the source: Development only.</summary>
    public const string DevelopmentCodeKey = "pantau-development-phone-code-key-not-for-production";

    public const int MinCodeKeyLength = 32;

    /// <summary>Secret key of the HMAC that phone codes are stored under (32+ characters, the same on every instance).</summary>
    public string? CodeKey { get; set; }

    public ReportLimitsOptions Limits { get; set; } = new();
    public SmsBudgetOptions Sms { get; set; } = new();
    public ChallengeOptions Challenge { get; set; } = new();

    /// <summary>The HMAC key of the codes (after validation: set, or the development key in Development).</summary>
    public byte[] CodeKeyBytes => Encoding.UTF8.GetBytes(CodeKey is { Length: > 0 } key ? key : DevelopmentCodeKey);

    /// <summary>The challenges' signing key, derived from the code key so that one secret serves both.</summary>
    public byte[] ChallengeKeyBytes => HMACSHA256.HashData(CodeKeyBytes, "altcha-challenge"u8);
}

public sealed class ReportLimitsOptions
{
    /// <summary>Generous: many phones share one address behind a carrier's NAT.</summary>
    public int PerAddressPerHour { get; set; } = 120;
    public int CodesPerAddressPerHour { get; set; } = 60;
    public int PerDevicePerHour { get; set; } = 10;
    public int PerPhonePerDay { get; set; } = ReportsPublicApi.MaxReportsPerReporterPerDay;

    /// <summary>
    /// Reports without a proved phone from one client address in an hour, whatever device id they carry: the per-device
    /// limit cannot be escaped by leaving the header out or changing it.
    /// </summary>
    public int UnverifiedPerAddressPerHour { get; set; } = 30;

    /// <summary>Reports a trusted client application (Open311 key) may send in an hour, for all its users together.</summary>
    public int PerClientPerHour { get; set; } = 600;
}

/// <summary>What sending codes may cost: SMS are paid for.</summary>
public sealed class SmsBudgetOptions
{
    /// <summary>Codes sent in an hour, all numbers together.</summary>
    public int PerHour { get; set; } = 1000;

    /// <summary>Codes sent in an hour to the numbers of one prefix (country code and the first digits of the number).</summary>
    public int PerPrefixPerHour { get; set; } = 200;

    /// <summary>Digits after the country code that make the prefix: +62 812 for 3.</summary>
    public int PrefixDigits { get; set; } = 3;
}

/// <summary>The proof-of-work (ALTCHA) asked of a client address that asks for many codes.</summary>
public sealed class ChallengeOptions
{
    /// <summary>Code requests from one client address in an hour before each further one needs a solved challenge.</summary>
    public int FreeCodesPerAddressPerHour { get; set; } = 5;

    /// <summary>The largest secret number: the work is half of it on average (SHA-256 hashes).</summary>
    public int MaxNumber { get; set; } = 100_000;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class ReportsOptionsValidator(IHostEnvironment env) : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions o)
    {
        var errors = new List<string>();
        if (o.CodeKey is null or "" && !env.IsDevelopment())
            errors.Add($"{ReportsOptions.Section}:CodeKey is required outside Development: a secret of {MinLength}+ characters, the same on every instance.");
        else if (o.CodeKey is { Length: > 0 } key && (key.Length < MinLength || key == ReportsOptions.DevelopmentCodeKey) && !env.IsDevelopment())
            errors.Add($"Reports:CodeKey is too weak: at least {MinLength} characters, not the development key.");
        void Positive(string setting, int value)
        {
            if (value < 0) errors.Add($"Reports:{setting} cannot be negative.");
        }
        Positive("Limits:PerAddressPerHour", o.Limits.PerAddressPerHour);
        Positive("Limits:CodesPerAddressPerHour", o.Limits.CodesPerAddressPerHour);
        Positive("Limits:PerDevicePerHour", o.Limits.PerDevicePerHour);
        Positive("Limits:PerPhonePerDay", o.Limits.PerPhonePerDay);
        Positive("Limits:UnverifiedPerAddressPerHour", o.Limits.UnverifiedPerAddressPerHour);
        Positive("Limits:PerClientPerHour", o.Limits.PerClientPerHour);
        Positive("Sms:PerHour", o.Sms.PerHour);
        Positive("Sms:PerPrefixPerHour", o.Sms.PerPrefixPerHour);
        Positive("Challenge:FreeCodesPerAddressPerHour", o.Challenge.FreeCodesPerAddressPerHour);
        if (o.Sms.PrefixDigits is < 1 or > 8) errors.Add($"{ReportsOptions.Section}:Sms:PrefixDigits is between 1 and 8.");
        if (o.Challenge.MaxNumber is < 1) errors.Add($"{ReportsOptions.Section}:Challenge:MaxNumber is at least 1.");
        if (o.Challenge.Lifetime <= TimeSpan.Zero || o.Challenge.Lifetime > TimeSpan.FromHours(1))
            errors.Add($"{ReportsOptions.Section}:Challenge:Lifetime is between 00:00:01 and 01:00:00.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private const int MinLength = ReportsOptions.MinCodeKeyLength;
}
