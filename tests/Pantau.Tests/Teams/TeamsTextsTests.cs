using System.Text.RegularExpressions;
using Pantau.Web.Features.Teams;
using Pantau.Web.Infrastructure;

namespace Pantau.Tests.Teams;

/// <summary>The /teams pages show the teams' and roster's rule messages translated by their English text.</summary>
public sealed partial class TeamsTextsTests
{
    [Fact]
    public void Every_message_of_the_team_and_roster_rules_is_translated()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pantau.slnx"))) dir = dir.Parent;
        var teams = Path.Combine(dir!.FullName, "src", "Pantau.Web", "Features", "Teams");
        var messages = Directory.EnumerateFiles(teams, "*.cs").SelectMany(File.ReadAllLines)
            .Where(l => l.Contains("Require(", StringComparison.Ordinal) || l.Contains("Add(", StringComparison.Ordinal) || l.Contains("Single(", StringComparison.Ordinal))
            .SelectMany(l => StringLiteral().Matches(l).Select(m => m.Groups[1].Value))
            .Where(t => t.Length > 0 && char.IsUpper(t[0]) && t.Contains(' ') && t.EndsWith('.') && !t.Contains('{'))
            .ToHashSet();
        Assert.Contains("A shift is at most 24 hours long.", messages); // the scan itself works
        Assert.Contains("Another team of the office has this name.", messages);
        var missing = messages.Where(m => !Texts.All.ContainsKey(m)).Order().ToList();
        Assert.True(missing.Count == 0, "Not in Texts.cs: " + string.Join(" | ", missing));
        Assert.All(Enum.GetNames<TeamAgency>(), a => Assert.True(Texts.All.ContainsKey($"agency.{a}"), a));
    }

    [GeneratedRegex("""
        "((?:[^"\\\n]|\\.)*)"
        """)]
    private static partial Regex StringLiteral();
}
