using Pantau.Web.Infrastructure;

namespace Pantau.UnitTests.Infrastructure;

public sealed class CachedReadingTests
{
    private sealed class StoppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_scrape_within_twenty_seconds_costs_no_query_and_one_after_reads_again()
    {
        var clock = new StoppedClock();
        var reads = 0;
        var reading = new CachedReading<string>(now => $"{++reads} at {now:HH:mm:ss}", clock);

        Assert.Equal("1 at 10:00:00", reading.Value);
        clock.Now = clock.Now.AddSeconds(19);
        Assert.Equal("1 at 10:00:00", reading.Value);
        clock.Now = clock.Now.AddSeconds(1);
        Assert.Equal("2 at 10:00:20", reading.Value);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_clock_set_back_reads_again_rather_than_keep_a_reading_from_the_future()
    {
        var clock = new StoppedClock();
        var reads = 0;
        var reading = new CachedReading<string>(_ => (++reads).ToString(System.Globalization.CultureInfo.InvariantCulture), clock);
        _ = reading.Value;
        clock.Now = clock.Now.AddMinutes(-5);
        Assert.Equal("2", reading.Value);
    }
}
