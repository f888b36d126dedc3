using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Statistics;

/// <summary>
/// An attacker who reads every public statistic (Indonesia, each province, regency and kecamatan with residents) and
/// solves the published numbers' linear relations for the hidden ones: a region's total is the sum of its children,
/// and the sum of its nationalities; a child's cell in its parent's table is the child's own total; a nationality in
/// a region is the sum of that nationality in its children. No derived count may be 1 to 4.
/// </summary>
public sealed class DifferencingAttackerTests(PantauApp app) : IClassFixture<PantauApp>
{
    /// <summary>
    /// Demo-like people built so that plain "&lt;5" suppression leaks: Kota Tangerang Selatan holds two Norwegians,
    /// so Banten's total minus its two other regencies gives them, and its nationality list names them.
    /// </summary>
    private static readonly (string Village, string Nationality, int People)[] Residents =
    [
        ("36.71.01.1001", "CHN", 7), ("36.71.02.1001", "JPN", 6), ("36.03.01.1001", "KOR", 6), ("36.03.01.1001", "NOR", 1),
        ("36.74.01.1001", "NOR", 2), ("31.74.02.1001", "CHN", 8), ("31.74.03.1001", "IND", 3), ("31.74.03.1001", "CHN", 5),
    ];

    [Fact]
    public async Task No_hidden_count_can_be_derived_from_everything_published_at_every_level()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        foreach (var (village, nationality, people) in Residents)
            for (var i = 0; i < people; i++) await admin.RegisterAsync(People.Registration(village: village, nationality: nationality));

        var published = new Published();
        var anonymous = app.CreateClient();
        var toRead = new Queue<string>([""]);
        while (toRead.TryDequeue(out var region))
        {
            var stats = await anonymous.GetJsonAsync("/api/public/stats" + (region == "" ? "" : $"?region={region}"));
            foreach (var child in published.Read(region, stats))
                toRead.Enqueue(child);
        }

        var derived = published.Solve();
        Assert.NotEmpty(published.Hidden); // the attack has something to find: small cells exist and are hidden
        var small = derived.Where(d => Math.Abs(d.Value - Math.Round(d.Value)) < 1e-6 && Math.Round(d.Value) is >= 1 and <= 4)
            .Select(d => $"{d.Key} = {d.Value}").ToList();
        Assert.True(small.Count == 0, "derived from published numbers: " + string.Join("; ", small));
        Assert.DoesNotContain(published.Shown, s => s.Value is >= 1 and <= 4);
    }

    /// <summary>Every published number as a cell (region, nationality or "*" for all), and the equations between them.</summary>
    private sealed class Published
    {
        private const string All = "*";
        public Dictionary<string, double> Shown { get; } = [];
        public HashSet<string> Hidden { get; } = [];
        private readonly List<Dictionary<string, double>> _equations = []; // Σ coefficient·cell = 0
        private readonly Dictionary<string, HashSet<string>> _childrenOf = [];
        private readonly Dictionary<string, HashSet<string>> _nationalitiesOf = [];
        private readonly HashSet<string> _completeNationalities = []; // regions whose list has every nationality

        private static string Cell(string region, string nationality) => $"{(region == "" ? "ID" : region)}/{nationality}";

        private void Publish(string cell, JsonElement count)
        {
            if (count.ValueKind == JsonValueKind.Number) Shown[cell] = count.GetDouble();
            else Hidden.Add(cell);
        }

        /// <summary>Records one answer; returns the children worth reading (any not shown as zero).</summary>
        public IEnumerable<string> Read(string region, JsonElement stats)
        {
            Publish(Cell(region, All), stats.GetProperty("total").GetProperty("count"));
            var children = stats.GetProperty("children").EnumerateArray().ToList();
            if (children.Count > 0)
            {
                _childrenOf[region] = children.Select(c => c.GetProperty("code").GetString()!).ToHashSet();
                var sum = new Dictionary<string, double> { [Cell(region, All)] = 1 };
                foreach (var c in children)
                {
                    var code = c.GetProperty("code").GetString()!;
                    Publish(Cell(code, All), c.GetProperty("count"));
                    sum[Cell(code, All)] = -1;
                }
                _equations.Add(sum);
            }
            var nationalities = stats.GetProperty("nationalities").EnumerateArray().ToList();
            _nationalitiesOf[region] = nationalities.Select(n => n.GetProperty("nationality").GetString()!).ToHashSet();
            foreach (var n in nationalities) Publish(Cell(region, n.GetProperty("nationality").GetString()!), n.GetProperty("count"));
            // Fewer than ten listed: the list is every nationality there, and the total is their sum.
            if (nationalities.Count < 10)
            {
                _completeNationalities.Add(region);
                var sum = new Dictionary<string, double> { [Cell(region, All)] = 1 };
                foreach (var n in _nationalitiesOf[region]) sum[Cell(region, n)] = -1;
                _equations.Add(sum);
            }
            return children.Where(c => !(c.GetProperty("count").ValueKind == JsonValueKind.Number && c.GetProperty("count").GetDouble() == 0))
                .Select(c => c.GetProperty("code").GetString()!).Where(code => code.Length <= 8);
        }

        /// <summary>A nationality in a region, when known to be there or known to be absent (0).</summary>
        private string? NationalityCell(string region, string nationality)
        {
            var cell = Cell(region, nationality);
            if (Shown.ContainsKey(cell) || Hidden.Contains(cell)) return cell;
            if (_completeNationalities.Contains(region) || Shown.GetValueOrDefault(Cell(region, All), -1) == 0) { Shown[cell] = 0; return cell; }
            return null;
        }

        /// <summary>Gaussian elimination over the hidden cells: every hidden cell the equations pin down, with its value.</summary>
        public Dictionary<string, double> Solve()
        {
            // A nationality in a region is the sum of it in the children, where every child's cell can be named.
            foreach (var (region, children) in _childrenOf)
                foreach (var nationality in _nationalitiesOf.GetValueOrDefault(region, []))
                {
                    var parts = children.Select(c => NationalityCell(c, nationality)).ToList();
                    if (parts.Any(p => p is null) || NationalityCell(region, nationality) is not { } whole) continue;
                    var sum = new Dictionary<string, double> { [whole] = 1 };
                    foreach (var p in parts) sum[p!] = sum.GetValueOrDefault(p!) - 1;
                    _equations.Add(sum);
                }

            var unknowns = Hidden.Order(StringComparer.Ordinal).ToList();
            var index = unknowns.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
            var rows = new List<double[]>();
            foreach (var e in _equations)
            {
                var row = new double[unknowns.Count + 1];
                foreach (var (cell, k) in e)
                {
                    if (index.TryGetValue(cell, out var at)) row[at] += k;
                    else if (Shown.TryGetValue(cell, out var value)) row[^1] -= k * value;
                    else goto skip; // a cell neither shown nor hidden: this equation tells nothing
                }
                rows.Add(row);
                skip:;
            }
            // Reduced row echelon form.
            var pivotRow = 0;
            var pivots = new List<(int Row, int Column)>();
            for (var col = 0; col < unknowns.Count && pivotRow < rows.Count; col++)
            {
                var best = Enumerable.Range(pivotRow, rows.Count - pivotRow).MaxBy(r => Math.Abs(rows[r][col]));
                if (Math.Abs(rows[best][col]) < 1e-9) continue;
                (rows[pivotRow], rows[best]) = (rows[best], rows[pivotRow]);
                var p = rows[pivotRow][col];
                for (var j = 0; j <= unknowns.Count; j++) rows[pivotRow][j] /= p;
                for (var r = 0; r < rows.Count; r++)
                {
                    if (r == pivotRow || Math.Abs(rows[r][col]) < 1e-12) continue;
                    var f = rows[r][col];
                    for (var j = 0; j <= unknowns.Count; j++) rows[r][j] -= f * rows[pivotRow][j];
                }
                pivots.Add((pivotRow, col));
                pivotRow++;
            }
            var derived = new Dictionary<string, double>();
            foreach (var (row, col) in pivots)
                if (Enumerable.Range(0, unknowns.Count).All(j => j == col || Math.Abs(rows[row][j]) < 1e-9))
                    derived[unknowns[col]] = rows[row][^1];
            return derived;
        }
    }
}
