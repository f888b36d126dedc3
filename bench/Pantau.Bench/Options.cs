namespace Pantau.Bench;

/// <summary><c>--name value</c> pairs.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected --name, got {args[i]}");
            values[args[i][2..]] = args[i + 1];
        }
        return new Options(values);
    }

    public string this[string name] =>
        values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
}
