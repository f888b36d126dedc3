using System.Text.RegularExpressions;
using Pantau.Web.Infrastructure;
using Xunit;

namespace Pantau.Tests.Texts;

/// <summary>Every feature's texts exist in both languages with the same placeholders, and every code has its texts.</summary>
public sealed partial class ResourceTests
{
    [Fact]
    public void Every_key_is_in_both_languages_with_the_same_placeholders()
    {
        Assert.NotEmpty(TextCatalog.Features);
        var problems = new List<string>();
        foreach (var feature in TextCatalog.Features)
        {
            var id = TextCatalog.Table(feature, TextCatalog.Indonesian);
            var en = TextCatalog.Table(feature, TextCatalog.English);
            Assert.NotEmpty(id);
            foreach (var key in id.Keys.Except(en.Keys)) problems.Add($"{feature.Name}: {key} has no English");
            foreach (var key in en.Keys.Except(id.Keys)) problems.Add($"{feature.Name}: {key} has no Indonesian");
            foreach (var key in id.Keys.Intersect(en.Keys))
            {
                if (string.IsNullOrWhiteSpace(id[key]) || string.IsNullOrWhiteSpace(en[key])) problems.Add($"{feature.Name}: {key} is empty");
                if (!Placeholders(id[key]).SetEquals(Placeholders(en[key]))) problems.Add($"{feature.Name}: {key} has other placeholders in each language");
                if (key.Contains(' ')) problems.Add($"{feature.Name}: {key} is a sentence, not a key");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_code_a_rule_answers_has_both_languages()
    {
        Assert.NotEmpty(TextCatalog.Codes);
        var missing = TextCatalog.Codes.Where(c => TextCatalog.Find(c, TextCatalog.Indonesian) is null
            || TextCatalog.Table(TextCatalog.Owners[c], TextCatalog.English).ContainsKey(c) is false).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void A_message_is_formatted_in_each_language_and_translates_its_arguments()
    {
        var m = new Message("reports.decidedAlready", new Message("reportStatus.Accepted"));
        Assert.StartsWith("This report has been decided already: Accepted", m.English);
        Assert.StartsWith("Laporan ini sudah diputuskan: ", m.In(TextCatalog.Indonesian));
        Assert.Equal("At most 300 characters.", new Message("shared.atMostCharacters", 300).English);
    }

    [Fact]
    public void A_count_of_one_takes_the_singular_where_the_language_has_one()
    {
        Assert.Equal("1 reporter", TextCatalog.Format("console.reporters", TextCatalog.English, 1));
        Assert.Equal("2 reporters", TextCatalog.Format("console.reporters", TextCatalog.English, 2));
        Assert.Equal("1 pelapor", TextCatalog.Format("console.reporters", TextCatalog.Indonesian, 1));
        // The first whole number decides, wherever it stands; a name before it does not.
        Assert.Equal("Budi's route today: 1 point", TextCatalog.Format("supervisor.teamRouteOf", TextCatalog.English, "Budi", 1));
        Assert.Equal("Budi's route today: 3 points", TextCatalog.Format("supervisor.teamRouteOf", TextCatalog.English, "Budi", 3));
        // Every singular form belongs to a text that exists.
        Assert.All(TextCatalog.Owners.Keys.Where(k => k.EndsWith(".one", StringComparison.Ordinal)),
            k => Assert.True(TextCatalog.Owners.ContainsKey(k[..^4]), $"{k} has no plural form"));
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
