using Pantau.Web.Features.Sync;

namespace Pantau.UnitTests.Sync;

public sealed class CentralSimulatorTests
{
    /// <summary>Two feeds into one registry once handed out the same renewed passports (a number per feed, then a count).</summary>
    [Fact]
    public void Renewed_passports_differ_for_every_person_and_event_and_are_valid_numbers()
    {
        var numbers = (from n in Enumerable.Range(700_000, 100).Concat(Enumerable.Range(800_000, 100)).Append(999_999_999)
                       from sequence in Enumerable.Range(1, 40)
                       select CentralSimulator.RenewedPassport(CentralSimulator.PersonId(n), sequence)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^R[0-9A-Z]{8}$", n));
    }
}
