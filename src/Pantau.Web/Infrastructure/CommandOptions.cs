using System.CommandLine;
using System.Globalization;

namespace Pantau.Web.Infrastructure;

/// <summary>Typed options of the commands whose bad values are a parse error naming the option (never an exception).</summary>
public static class CommandOptions
{
    public static Option<int> Count(string name, string description, int fallback, int minimum = 0) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return fallback;
            if (int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum) return n;
            r.AddError($"{name}: a whole number of at least {minimum}, not '{r.Tokens[0].Value}'.");
            return fallback;
        },
    };

    public static Option<double> Share(string name, string description) => new(name)
    {
        Description = description + " Between 0 and 1.",
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return 0;
            if (double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1) return share;
            r.AddError($"{name}: a share between 0 and 1, not '{r.Tokens[0].Value}'.");
            return 0;
        },
    };
}
