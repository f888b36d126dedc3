using Pantau.Web.Features.Statistics;

namespace Pantau.UnitTests.Statistics;

/// <summary>How a count is published (ADR 010): 0, "&lt;5", or the nearest multiple of five.</summary>
public sealed class PublishedCountTests
{
    [Theory]
    [InlineData(-1, "0")]
    [InlineData(0, "0")]
    [InlineData(1, "<5")]
    [InlineData(4, "<5")]
    [InlineData(5, "5")]
    [InlineData(7, "5")]
    [InlineData(8, "10")]
    [InlineData(12, "10")]
    [InlineData(13, "15")]
    [InlineData(1_000_002, "1000000")]
    public void A_count_is_shown_as_0_as_under_five_or_rounded_to_a_multiple_of_five(int count, string shown) =>
        Assert.Equal(shown, PublishedCount.Display(count));

    [Fact]
    public void No_difference_of_two_published_counts_is_one_to_four()
    {
        var published = Enumerable.Range(0, 500).Select(PublishedCount.Of).OfType<int>().Distinct().ToList();
        Assert.All(published, n => Assert.Equal(0, n % PublishedCount.Base));
        Assert.DoesNotContain(published.SelectMany(a => published.Select(b => Math.Abs(a - b))), d => d is >= 1 and <= 4);
    }
}
