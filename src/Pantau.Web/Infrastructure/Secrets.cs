namespace Pantau.Web.Infrastructure;

/// <summary>
/// The one rule for a secret setting: it must be set; outside Development it must also be long enough and not the
/// development default that ships in <c>appsettings.Development.json</c> (public, so no secret).
/// </summary>
public static class Secrets
{
    public const int MinimumLength = 32;

    /// <summary>Why <paramref name="value"/> cannot serve as <paramref name="setting"/>, or null when it can.</summary>
    public static string? ProblemWith(string setting, string? value, string developmentDefault, IHostEnvironment env)
    {
        if (string.IsNullOrWhiteSpace(value))
            return $"{setting} is not set. Set a random secret of at least {MinimumLength} characters (the same on every instance).";
        if (env.IsDevelopment()) return null;
        if (value == developmentDefault)
            return $"{setting} is the development default, which is published; set your own secret outside Development.";
        if (value.Length < MinimumLength)
            return $"{setting} is too short ({value.Length} characters); use at least {MinimumLength} random characters.";
        return null;
    }
}
