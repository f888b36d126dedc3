using System.Text.RegularExpressions;

namespace Pantau.Web.Kernel;

public enum RegionLevel { Province = 1, Regency = 2, District = 3, Village = 4 }

/// <summary>A Kemendagri code: <c>31</c>, <c>31.74</c>, <c>31.74.02</c> or <c>31.74.02.1001</c>.</summary>
public static partial class RegionCode
{
    [GeneratedRegex(@"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")]
    private static partial Regex Pattern();

    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(code);

    public static RegionLevel LevelOf(string code) => (RegionLevel)code.Split('.').Length;

    /// <summary>The code of the ancestor at <paramref name="level"/> (or the code itself).</summary>
    public static string AncestorAt(string code, RegionLevel level) => level switch
    {
        RegionLevel.Province => code[..2],
        RegionLevel.Regency => code[..5],
        RegionLevel.District => code[..8],
        _ => code,
    };
}
