using System.Text.RegularExpressions;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.Partners;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>Every string a page shows exists in Indonesian and English (<see cref="Texts"/>).</summary>
public sealed partial class TextsTests
{
    [Fact]
    public void Every_text_has_Indonesian_and_English()
    {
        Assert.All(Texts.All, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Value.Id), $"{t.Key} has no Indonesian");
            Assert.False(string.IsNullOrWhiteSpace(t.Value.En), $"{t.Key} has no English");
        });
    }

    [Fact]
    public void Every_key_a_page_uses_is_in_the_table()
    {
        var features = Path.Combine(RepositoryRoot(), "src", "Pantau.Web", "Features");
        var used = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories))
            foreach (Match m in ViewKey().Matches(File.ReadAllText(file))) used.Add(m.Groups[1].Value);
        foreach (var file in Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}Pages{Path.DirectorySeparatorChar}")))
            foreach (Match m in CodeKey().Matches(File.ReadAllText(file))) used.Add(m.Groups[1].Value);

        Assert.Contains("login.wrong", used); // the scan itself works
        AssertAllIn(used);
    }

    /// <summary>The pages' scripts show texts from the table too (wwwroot/js/pantau.js's <c>t("key")</c>).</summary>
    [Fact]
    public void Every_key_a_script_uses_is_in_the_table()
    {
        var scripts = Path.Combine(RepositoryRoot(), "src", "Pantau.Web", "wwwroot", "js");
        var used = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(scripts, "*.js"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ScriptKey().Matches(text)) used.Add(m.Groups[1].Value);
            // Keys chosen by a condition: t(done ? "a.b" : "a.c")
            foreach (Match m in ScriptChosenKey().Matches(text)) used.UnionWith([m.Groups[1].Value, m.Groups[2].Value]);
        }
        Assert.Contains("field.registered", used); // the scan itself works
        Assert.Contains("requests.denied", used);
        AssertAllIn(used);
    }

    [Fact]
    public void Every_name_of_a_role_permit_and_status_is_in_the_table()
    {
        var keys = Enum.GetNames<StaffRole>().Select(n => $"role.{n}")
            .Concat(Enum.GetNames<PermitType>().Select(n => $"permitType.{n}"))
            .Concat(Enum.GetNames<PermitStatus>().Select(n => $"permitStatus.{n}"))
            .Concat(Enum.GetNames<Sex>().Select(n => $"sex.{n}"))
            .Concat(Enum.GetNames<ResidentStatus>().Select(n => $"residentStatus.{n}"))
            .Concat(Enum.GetNames<FieldActivityKind>().Select(n => $"activity.{n}"))
            .Concat(Enum.GetNames<AccessRequestState>().Select(n => $"accessState.{n}"))
            .Concat(Enum.GetNames<ReportCategory>().Select(n => $"reportCategory.{n}"))
            .Concat(Enum.GetNames<ReportStatus>().Select(n => $"reportStatus.{n}"));
        AssertAllIn(keys);
    }

    /// <summary>
    /// The account and search pages show the rules' own English messages, translated by their text: a message added or
    /// reworded in the rules needs its Indonesian here, or an Indonesian page shows English.
    /// </summary>
    [Fact]
    public void Every_message_of_the_rules_the_pages_show_is_translated()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Pantau.Web", "Features");
        var scopeRules = File.ReadAllText(Path.Combine(web, "Access", "StaffScopeRules.cs"));
        var registry = File.ReadAllText(Path.Combine(web, "Registry", "RegistryApi.cs"));
        var searchCheck = registry[registry.IndexOf("public static Validation Check(", StringComparison.Ordinal)..];
        searchCheck = searchCheck[..searchCheck.IndexOf("return v;", StringComparison.Ordinal)];

        var messages = StringLiteral().Matches(scopeRules + searchCheck).Select(m => m.Groups[1].Value)
            .Where(t => t.Length > 0 && char.IsUpper(t[0]) && t.Contains(' ') && t.EndsWith('.')).ToHashSet();
        Assert.Contains("Only the national admin gives this role.", messages); // the scan itself works
        AssertAllIn(messages);
    }

    /// <summary>
    /// The field check, patrol and partner pages show the API's field errors at their fields, translated by their
    /// English text: a message added or reworded in those APIs needs its Indonesian here.
    /// </summary>
    [Fact]
    public void Every_field_error_of_the_apis_the_scripts_show_is_translated()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Pantau.Web", "Features");
        var lines = new[] { Path.Combine("FieldChecks", "FieldChecksApi.cs"), Path.Combine("FieldActivity", "FieldActivityApi.cs"), Path.Combine("Partners", "PartnersApi.cs") }
            .SelectMany(f => File.ReadAllLines(Path.Combine(web, f)))
            .Where(l => l.Contains("Require(", StringComparison.Ordinal) || l.Contains("Validation.Single(", StringComparison.Ordinal) || l.Contains("v.Add(", StringComparison.Ordinal));
        var messages = lines.SelectMany(l => StringLiteral().Matches(l).Select(m => m.Groups[1].Value))
            .Where(t => t.Length > 0 && char.IsUpper(t[0]) && t.Contains(' ') && t.EndsWith('.')).ToHashSet();
        Assert.Contains("The purpose of the check is required.", messages); // the scan itself works
        Assert.Contains("The reason is 10 to 500 characters.", messages);
        AssertAllIn(messages);
    }

    /// <summary>
    /// The report form shows the reporting API's field errors and refusals translated by their English text: a message
    /// added or reworded in Features/Reports needs its Indonesian here. Messages built from a limit are checked with the
    /// limits the form uses.
    /// </summary>
    [Fact]
    public void Every_message_of_the_reporting_api_the_report_form_shows_is_translated()
    {
        // Every sentence in the public side's files (not the officers' ReportsApi.cs), but for exceptions' and comments'.
        var reports = Path.Combine(RepositoryRoot(), "src", "Pantau.Web", "Features", "Reports");
        var lines = Directory.EnumerateFiles(reports, "*.cs").Where(f => Path.GetFileName(f) != "ReportsApi.cs").SelectMany(File.ReadAllLines)
            .Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.Contains("Exception(", StringComparison.Ordinal));
        var messages = lines.SelectMany(l => StringLiteral().Matches(l).Select(m => m.Groups[1].Value))
            .Where(t => t.Length > 0 && char.IsUpper(t[0]) && t.Contains(' ') && (t.EndsWith('.') || t.EndsWith('?')) && !t.Contains('{'))
            .ToHashSet();
        Assert.Contains("This position is outside Indonesia; Pantau takes reports from Indonesia only.", messages); // the scan itself works
        Assert.Contains("The code is wrong.", messages);
        Assert.Contains("There is no kelurahan/desa with this code.", messages);
        Assert.Contains("Too many requests from this address. Try again later.", messages);
        Assert.Contains("The time is in the past year, not in the future.", messages);
        messages.UnionWith(new[] { Report.MaxDescription, Report.MaxAddress, 200, 100 }.Select(n => $"At most {n} characters."));
        messages.Add($"At most {ReportPhoto.MaxPerReport} photos.");
        messages.Add("The request is not valid.");
        AssertAllIn(messages);
    }

    /// <summary>
    /// The console and the team's phone show the operations API's refusals and field errors translated by their text:
    /// the decisions' rules (Report.cs) and the endpoints' checks. (The Indonesian texts for the reporter are not keys.)
    /// </summary>
    [Fact]
    public void Every_message_of_the_operations_api_the_console_shows_is_translated()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Pantau.Web", "Features");
        var lines = Directory.EnumerateFiles(Path.Combine(web, "Operations"), "*.cs").Append(Path.Combine(web, "Reports", "Report.cs"))
            .SelectMany(File.ReadAllLines)
            .Where(l => new[] { "Require(", "Single(", "Conflict(", "return \"", "Problem(", "? \"", ": \"" }.Any(m => l.Contains(m, StringComparison.Ordinal)));
        var messages = lines.SelectMany(l => StringLiteral().Matches(l).Select(m => m.Groups[1].Value))
            .Where(t => t.Length > 0 && char.IsUpper(t[0]) && t.Contains(' ') && t.EndsWith('.') && !t.Contains('{')).ToHashSet();
        Assert.Contains("Mark the team on site before recording findings.", messages); // the scan itself works
        Assert.Contains("This team is not on duty now. Assign it with override, or pick a team on duty.", messages);
        AssertAllIn(messages);
    }

    private static void AssertAllIn(IEnumerable<string> keys)
    {
        var missing = keys.Where(k => !Texts.All.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Not in Texts.cs: " + string.Join(" | ", missing));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pantau.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Pantau.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""T\["([^"]+)"[\],]""")]
    private static partial Regex ViewKey();

    [GeneratedRegex("""[^$]"([a-z][A-Za-z]*\.[a-z][A-Za-z]*)"[^.]""")]
    private static partial Regex CodeKey();

    [GeneratedRegex("""\bt\("([^"]+)"[,)]""")]
    private static partial Regex ScriptKey();

    [GeneratedRegex("""\? "([a-z]+\.[A-Za-z]+)" : "([a-z]+\.[A-Za-z]+)"[,)]""")]
    private static partial Regex ScriptChosenKey();

    [GeneratedRegex("""
        "((?:[^"\\\n]|\\.)*)"
        """)]
    private static partial Regex StringLiteral();
}
