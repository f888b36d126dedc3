using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using Pantau.Web.Data;

namespace Pantau.Tests.Access;

/// <summary>
/// Scope holds because every query filter is named and a query reads across one only through <see cref="QueryFilters"/>,
/// saying why. This test holds the list of every place in the source that does: a new one fails it until it is added
/// below (and reviewed), and no code may switch filters off by itself.
/// </summary>
public sealed partial class ReadingAcrossFiltersTests(PantauApp app) : IClassFixture<PantauApp>
{
    /// <summary>Every read across a filter: file, helper, reason. Keep it short; each line is a door through a tier.</summary>
    private static readonly string[] AllowList =
    [
        "src/Pantau.Web/Features/Audit/AuditApi.cs WholeTrail: the verification walks the whole chain",
        "src/Pantau.Web/Features/Dashboard/DashboardFigures.cs AcrossOffices: the dashboard counts the reports of the offices in the caller's scope, named by id",
        "src/Pantau.Web/Features/Dashboard/DashboardFigures.cs Nationally: the dashboard counts the moves in and out of the area in the caller's scope, named by its regencies",
        "src/Pantau.Web/Features/Demo/DemoSeeder.cs Nationally: demo people go into an empty registry only",
        "src/Pantau.Web/Features/FieldChecks/FieldChecksApi.cs Nationally: field check by name, nationality and birth date: officers check anyone",
        "src/Pantau.Web/Features/FieldChecks/FieldChecksApi.cs Nationally: field check by passport: officers check anyone",
        "src/Pantau.Web/Features/FieldChecks/FieldChecksApi.cs Nationally: field check by permit: officers check anyone",
        "src/Pantau.Web/Features/Lodging/GuestReports.cs Nationally: a lodging guest is looked up across the country by passport",
        "src/Pantau.Web/Features/Open311/Open311Api.cs AcrossOffices: an Open311 client's token names its report, whichever office holds it",
        "src/Pantau.Web/Features/Open311/Open311Api.cs AcrossOffices: an application follows the reports it sent, whichever office holds them",
        "src/Pantau.Web/Features/Open311/Open311Api.cs AcrossOffices: the public list of verified reports covers every office",
        "src/Pantau.Web/Features/Operations/OverviewApi.cs AcrossOffices: a regional division or the national admin reads the queues of the offices it oversees",
        "src/Pantau.Web/Features/Operations/OverviewApi.cs AcrossOffices: a regional division or the national desk hands over a report of an office it oversees",
        "src/Pantau.Web/Features/Operations/OverviewApi.cs AcrossOffices: the hand-over answers with the report as the overview shows it",
        "src/Pantau.Web/Features/Operations/TeamActivities.cs AcrossOffices: the overview shows what those teams are doing",
        "src/Pantau.Web/Features/Operations/TeamActivities.cs AcrossTeams: the overview places those teams by their members' phones",
        "src/Pantau.Web/Features/Operations/TeamActivities.cs AcrossTeams: the overview shows the teams of the offices a regional division oversees",
        "src/Pantau.Web/Features/Operations/TeamActivities.cs AcrossTeams: the overview shows which of those teams are on duty",
        "src/Pantau.Web/Features/Operations/QueueEvents.cs AcrossOffices: a save's reports go to the consoles of every office it touched",
        "src/Pantau.Web/Features/Operations/QueueGauges.cs AcrossOffices: the queue gauges count the open reports of every office",
        "src/Pantau.Web/Features/Operations/QueueItems.cs AcrossOffices: an incident's independent reporters are counted in every office",
        "src/Pantau.Web/Features/Operations/ReportsApi.cs AcrossOffices: an incident's independent reporters are counted in every office",
        "src/Pantau.Web/Features/Operations/ReportsApi.cs AcrossOffices: the officer who forwarded a report reads back what they decided",
        "src/Pantau.Web/Features/Partners/PartnersApi.cs Nationally: an approved access request opens its one record, wherever it is",
        "src/Pantau.Web/Features/Partners/PartnersApi.cs Nationally: the audit entry of an access decision names the office holding the person",
        "src/Pantau.Web/Features/PermitExpiry/ExpiringPermits.cs DocumentsOfScopedPeople: permits joined to people the Foreigner filter scopes",
        "src/Pantau.Web/Features/Registry/ForeignerValidator.cs Nationally: a passport number is unique across the registry",
        "src/Pantau.Web/Features/Registry/ForeignerValidator.cs Nationally: a permit number is unique across the registry",
        "src/Pantau.Web/Features/Registry/RegistryApi.cs DocumentsOfScopedPeople: one-word search: candidates from the document and name indexes of scoped people",
        "src/Pantau.Web/Features/Registry/RegistryApi.cs DocumentsOfScopedPeople: registry search: candidates from the document and name indexes of scoped people",
        "src/Pantau.Web/Features/Registry/RegistryApi.cs Nationally: the offices holding looked-up people, for the audit entry",
        "src/Pantau.Web/Features/Reports/ClientCredibility.cs AcrossOffices: an application's credibility is judged from its reports in every office",
        "src/Pantau.Web/Features/Reports/PhoneProof.cs AcrossOffices: a reporter's verification token names its report, whichever office holds it",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: a client's re-send finds the report it repeats, whichever office holds it",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: a device's reports are counted in every office",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: a phone's reports are counted in every office",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: a retried submission finds the report its key made",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: a retried submission finds the report its key made",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: an address's unverified reports are counted in every office",
        "src/Pantau.Web/Features/Reports/ReportIntake.cs AcrossOffices: an application's reports are counted in every office",
        "src/Pantau.Web/Features/Reports/ReportsPublicApi.cs AcrossOffices: the public finds a report by its reporter's key or by its public ticket",
        "src/Pantau.Web/Features/Statistics/ResidentCounts.cs Nationally: the counts are rebuilt from every resident",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/CentralFeed.cs Nationally: the central feed applies its events to whoever they name",
        "src/Pantau.Web/Features/Sync/SnapshotImporter.cs Nationally: a snapshot import compares the whole registry",
        "src/Pantau.Web/Features/Sync/SnapshotImporter.cs Nationally: a snapshot import compares the whole registry",
        "src/Pantau.Web/Features/Sync/SnapshotImporter.cs Nationally: a snapshot import compares the whole registry",
        "src/Pantau.Web/Features/Sync/SnapshotImporter.cs Nationally: a snapshot import compares the whole registry",
        "src/Pantau.Web/Features/Sync/SnapshotImporter.cs Nationally: a snapshot import compares the whole registry",
    ];

    [Fact]
    public async Task Every_query_filter_of_the_model_has_a_name()
    {
        var anonymous = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .SelectMany(e => e.GetDeclaredQueryFilters().Where(f => f.IsAnonymous).Select(_ => e.ClrType.Name)).ToList()));
        Assert.Empty(anonymous);
        var names = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .SelectMany(e => e.GetDeclaredQueryFilters().Select(f => f.Key!)).ToHashSet()));
        Assert.Equal(typeof(QueryFilters).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!).Order(), names.Order());
    }

    [Fact]
    public void No_code_switches_query_filters_off_but_the_one_helper()
    {
        var bare = SourceFiles().Where(f => !f.Path.EndsWith("Pantau.Web/QueryFilters.cs", StringComparison.Ordinal))
            .SelectMany(f => IgnoreCall().Matches(f.Text).Select(m => $"{f.Path}:{Line(f.Text, m.Index)}")).ToList();
        Assert.Empty(bare);
    }

    [Fact]
    public void Every_read_across_a_filter_is_on_the_allow_list_with_its_reason()
    {
        var helpers = typeof(QueryFilters).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet();
        var found = new List<string>();
        foreach (var (path, text) in SourceFiles().Where(f => !f.Path.EndsWith("Pantau.Web/QueryFilters.cs", StringComparison.Ordinal)))
            foreach (Match m in HelperCall().Matches(text))
            {
                if (!helpers.Contains(m.Groups["name"].Value)) continue;
                // The reason is a literal, so that it is read here and in review, not computed.
                Assert.True(m.Groups["why"].Success, $"{path}:{Line(text, m.Index)}: {m.Groups["name"].Value} needs a literal reason");
                found.Add($"{path} {m.Groups["name"].Value}: {Regex.Unescape(m.Groups["why"].Value)}");
            }
        found.Sort(StringComparer.Ordinal);
        Assert.True(found.SequenceEqual(AllowList.Order(StringComparer.Ordinal)),
            "The reads across query filters changed. Now:\n" + string.Join("\n", found.Select(f => $"        \"{f.Replace("\"", "\\\"")}\",")));
    }

    [GeneratedRegex(@"IgnoreQueryFilters\s*\(")]
    private static partial Regex IgnoreCall();

    [GeneratedRegex("""\.\s*(?<name>[A-Z][A-Za-z]+)\s*\(\s*(?:"(?<why>(?:[^"\\]|\\.)*)"\s*\))?""")]
    private static partial Regex HelperCall();

    private static int Line(string text, int index) => text[..index].Count(c => c == '\n') + 1;

    /// <summary>The app's C# source (src/), found from the test's folder up to the solution.</summary>
    private static IEnumerable<(string Path, string Text)> SourceFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pantau.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var src = Path.Combine(dir.FullName, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(dir.FullName, f).Replace('\\', '/'), File.ReadAllText(f)));
    }
}
