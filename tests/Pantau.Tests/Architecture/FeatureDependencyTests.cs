using System.Reflection;
using NetArchTest.Rules;
using Pantau.Web.Data;

namespace Pantau.Tests.Architecture;

/// <summary>
/// Which feature may use which, read from the compiled assembly (type references in signatures and IL, through
/// NetArchTest): a feature is the namespace <c>Pantau.Web.Features.X</c> (and its compiled Razor pages,
/// <c>Features_X_…</c>). <c>Data/</c>, <c>Infrastructure/</c> and <c>Kernel/</c> are not features: they use none
/// (<see cref="Shared_places_know_no_feature"/>). A new dependency between features is one more row in
/// <see cref="Allowed"/>, reviewed, and may not close a cycle.
/// </summary>
public sealed class FeatureDependencyTests
{
    // (from, to): "from" may use "to". One row per edge; dependencies run one way (STYLE.md: Operations → Reports → Kernel).
    private static readonly (string From, string To)[] Allowed =
    [
        ("Access", "Audit"),
        ("Access", "Offices"),
        ("Backup", "Access"),
        ("Backup", "Audit"),
        ("Backup", "Sync"),
        ("Access", "Regions"),
        ("Audit", "Offices"),
        ("Dashboard", "Access"),
        ("Dashboard", "FieldChecks"),
        ("Dashboard", "Lodging"),
        ("Dashboard", "Offices"),
        ("Dashboard", "Operations"),
        ("Dashboard", "Places"),
        ("Dashboard", "Regions"),
        ("Dashboard", "Registry"),
        ("Dashboard", "Reports"),
        ("Demo", "Access"),
        ("Demo", "Offices"),
        ("Demo", "Regions"),
        ("Demo", "Registry"),
        ("Demo", "Reports"),
        ("Demo", "Statistics"),
        ("Demo", "Teams"),
        ("FieldActivity", "Access"),
        ("FieldActivity", "LiveEvents"),
        ("FieldActivity", "Places"),
        ("FieldChecks", "Access"),
        ("FieldChecks", "Audit"),
        ("FieldChecks", "FieldActivity"),
        ("FieldChecks", "Offices"),
        ("FieldChecks", "Places"),
        ("FieldChecks", "Regions"),
        ("FieldChecks", "Registry"),
        ("FieldChecks", "Reports"),
        ("Home", "Access"),
        ("Home", "Reports"),
        ("Home", "Statistics"),
        ("LiveEvents", "Access"),
        ("Lodging", "Access"),
        ("Lodging", "Audit"),
        ("Lodging", "Offices"),
        ("Lodging", "Places"),
        ("Lodging", "Regions"),
        ("Lodging", "Registry"),
        ("Lodging", "Reports"),
        ("Offices", "Regions"),
        ("Open311", "Access"),
        ("Open311", "Offices"),
        ("Open311", "Places"),
        ("Open311", "Regions"),
        ("Open311", "Reports"),
        ("Operations", "Access"),
        ("Operations", "Audit"),
        ("Operations", "FieldActivity"),
        ("Operations", "FieldChecks"),
        ("Operations", "LiveEvents"),
        ("Operations", "Offices"),
        ("Operations", "Places"),
        ("Operations", "Reports"),
        ("Operations", "Teams"),
        ("Places", "Offices"),
        ("Places", "Regions"),
        ("Partners", "Access"),
        ("Partners", "Audit"),
        ("Partners", "Offices"),
        ("Partners", "Places"),
        ("Partners", "Regions"),
        ("Partners", "Registry"),
        ("Partners", "Statistics"),
        ("PermitExpiry", "Access"),
        ("PermitExpiry", "Audit"),
        ("PermitExpiry", "Regions"),
        ("PermitExpiry", "Registry"),
        ("PermitExpiry", "Reports"),
        ("Registry", "Access"),
        ("Registry", "Audit"),
        ("Registry", "Regions"),
        ("Reports", "Access"),
        ("Reports", "Offices"),
        ("Reports", "Places"),
        ("Reports", "Regions"),
        ("Statistics", "Access"),
        ("Statistics", "Regions"),
        ("Statistics", "Registry"),
        ("Sync", "Access"),
        ("Sync", "Audit"),
        ("Sync", "Demo"),
        ("Sync", "Regions"),
        ("Sync", "Registry"),
        ("Teams", "Access"),
        ("Teams", "Offices"),
    ];

    private static readonly Assembly Web = typeof(PantauDb).Assembly;

    /// <summary>The assembly read once (reading it is most of a query's cost); each query filters these types anew.</summary>
    private static readonly Types All = Types.InAssembly(Web);

    /// <summary>
    /// <c>Features/Shared</c> is not a feature but the pages' shell (Razor's convention: the layout shows every
    /// feature's menu and every page uses the layout) and the texts every feature shares (<c>SharedCodes</c>, whose
    /// texts are <c>SharedTexts.resx</c>, read by the one text catalogue like every feature's; <c>PageTexts</c>). So
    /// it is out of the feature table, and <c>Infrastructure/</c> may use it: the answer to a request that cannot be
    /// read, the input rules' messages and the page texts it registers are those shared codes and texts.
    /// </summary>
    private const string Shell = "Shared";

    private static readonly string[] Features = Web.GetTypes()
        .Select(t => t.Namespace ?? "")
        .Where(n => n.StartsWith("Pantau.Web.Features.", StringComparison.Ordinal))
        .Select(n => n.Split('.')[3])
        .Where(f => f != Shell)
        .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every feature-to-feature edge the assembly has, with the types that make it.</summary>
    private static readonly Lazy<Dictionary<(string From, string To), IReadOnlyList<string>>> Edges = new(() =>
    {
        var edges = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var from in Features)
        {
            foreach (var to in Features.Where(f => f != from))
            {
                var result = All.That()
                    .ResideInNamespaceMatching($@"^Pantau\.Web\.Features\.{from}(\.|$)")
                    .Or().HaveNameStartingWith($"Features_{from}_")
                    .Should().NotHaveDependencyOn($"Pantau.Web.Features.{to}")
                    .GetResult();
                if (!result.IsSuccessful)
                    edges[(from, to)] = result.FailingTypeNames.Order(StringComparer.Ordinal).ToList();
            }
        }
        return edges;
    });

    [Fact]
    public void The_features_are_found()
    {
        Assert.Contains("Registry", Features);
        Assert.Contains("Reports", Features);
        Assert.Contains("Operations", Features);
        Assert.True(Features.Length >= 15, string.Join(", ", Features));
    }

    [Fact]
    public void Every_dependency_between_features_is_in_the_table()
    {
        var unlisted = Edges.Value.Where(e => !Allowed.Contains(e.Key))
            .Select(e => $"{e.Key.From} → {e.Key.To} (by {string.Join(", ", e.Value.Take(5))}{(e.Value.Count > 5 ? ", …" : "")})")
            .ToList();
        Assert.True(unlisted.Count == 0, "Dependencies between features not in the table:\n" + string.Join("\n", unlisted));
    }

    [Fact]
    public void The_table_lists_only_features_and_no_edge_twice()
    {
        Assert.All(Allowed, e => Assert.Contains(e.From, Features));
        Assert.All(Allowed, e => Assert.Contains(e.To, Features));
        Assert.Equal(Allowed.Length, Allowed.Distinct().Count());
    }

    [Fact]
    public void The_table_has_no_cycle()
    {
        var cycle = FindCycle(Allowed);
        Assert.True(cycle is null, "The table of allowed edges has a cycle: " + string.Join(" → ", cycle ?? []));
    }

    [Fact]
    public void The_assembly_has_no_cycle_between_features()
    {
        var cycle = FindCycle(Edges.Value.Keys);
        Assert.True(cycle is null, "Features depend on each other in a cycle: " + string.Join(" → ", cycle ?? []));
    }

    /// <summary>
    /// What other features may call lives in a named class of the owning feature (<c>RegistryQueries</c>,
    /// <c>ReportIntake</c>, <c>FieldPositions</c>…), never in its endpoints' <c>*Api</c> class.
    /// </summary>
    [Fact]
    public void No_feature_calls_another_features_api_class()
    {
        var apis = Web.GetTypes().Where(t => t.Namespace?.StartsWith("Pantau.Web.Features.", StringComparison.Ordinal) == true
            && t.Name.EndsWith("Api", StringComparison.Ordinal) && !t.IsNested).ToList();
        Assert.Contains(apis, t => t.Name == "RegistryApi");
        var calls = new List<string>();
        foreach (var api in apis)
        {
            var owner = api.Namespace!.Split('.')[3];
            var result = All.That()
                .ResideInNamespaceMatching($@"^Pantau\.Web\.Features\.(?!{owner}(\.|$))")
                .Or().HaveNameMatching($"^Features_(?!{owner}_)")
                .Should().NotHaveDependencyOn(api.FullName!).GetResult();
            if (!result.IsSuccessful) calls.Add($"{api.Name} used by {string.Join(", ", result.FailingTypeNames)}");
        }
        Assert.True(calls.Count == 0, "Endpoint classes used as libraries:\n" + string.Join("\n", calls));
    }

    /// <summary>
    /// The places every feature builds on know none of them (issue 14): a feature plugs in through what these offer
    /// (an option, an interface, a health check tagged <c>Readiness.Tag</c>, a policy name). Only the shared texts and
    /// shell (<see cref="Shell"/>) may be used. Each failing type is named with the features it uses.
    /// </summary>
    [Theory]
    [InlineData("Infrastructure")]
    [InlineData("Kernel")]
    [InlineData("Data")]
    public void Shared_places_know_no_feature(string place)
    {
        var inPlace = Web.GetTypes().Where(t => t.Namespace is { } n && (n == $"Pantau.Web.{place}" || n.StartsWith($"Pantau.Web.{place}.", StringComparison.Ordinal)));
        Assert.NotEmpty(inPlace);
        var uses = new List<string>();
        foreach (var feature in Features)
        {
            var result = All.That().ResideInNamespaceMatching($@"^Pantau\.Web\.{place}(\.|$)")
                .Should().NotHaveDependencyOn($"Pantau.Web.Features.{feature}").GetResult();
            if (!result.IsSuccessful)
                uses.AddRange(result.FailingTypeNames.Select(t => $"{t} → {feature}"));
        }
        Assert.True(uses.Count == 0, $"{place} uses features:\n" + string.Join("\n", uses.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void The_kernel_knows_no_feature()
    {
        var result = All.That().ResideInNamespaceMatching(@"^Pantau\.Web\.Kernel(\.|$)")
            .Should().NotHaveDependencyOn("Pantau.Web.Features").GetResult();
        Assert.True(result.IsSuccessful, "Kernel types that use a feature: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>A cycle as the list of its features (first repeated at the end), or null.</summary>
    private static List<string>? FindCycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0) return [.. path[at..], node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
                if (Visit(to) is { } found) return found;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        foreach (var node in next.Keys.Order(StringComparer.Ordinal))
            if (Visit(node) is { } cycle) return cycle;
        return null;
    }
}
