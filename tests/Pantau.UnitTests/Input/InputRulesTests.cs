using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;

namespace Pantau.UnitTests.Input;

/// <summary>The input rules every endpoint shares (their answers through HTTP: Pantau.Tests' Input/InputRulesTests).</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/reports?id=1", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/a\\b", false)]
    [InlineData("/a\nb", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("reports", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_path_on_this_site_is_a_local_url(string? url, bool local) => Assert.Equal(local, InputRules.IsLocalUrl(url));

    [Theory]
    [InlineData(0, 20, null)]
    [InlineData(-1, 20, null)]
    [InlineData(1, 20, 0)]
    [InlineData(3, 20, 40)]
    [InlineData(int.MaxValue, 1000, int.MaxValue)]
    public void Pages_start_at_1_and_a_page_far_past_the_end_does_not_overflow(int page, int pageSize, int? skip) =>
        Assert.Equal(skip, InputRules.Skip(page, pageSize));

    [Fact]
    public void Operational_dates_are_2000_to_2100()
    {
        Assert.True(InputRules.IsOperational(new DateOnly(2000, 1, 1)));
        Assert.True(InputRules.IsOperational(new DateOnly(2100, 12, 31)));
        Assert.False(InputRules.IsOperational(new DateOnly(1999, 12, 31)));
        Assert.False(InputRules.IsOperational(new DateOnly(2101, 1, 1)));
        Assert.False(InputRules.IsOperational(DateTimeOffset.MaxValue));
    }

    [Theory]
    [InlineData("ITAS", true)]
    [InlineData("itas", true)]
    [InlineData(" ITAP ", true)]
    [InlineData("99", false)]
    [InlineData("-1", false)]
    [InlineData("ITAS,ITAP", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void An_enum_is_taken_by_a_defined_name_only(string? text, bool taken) =>
        Assert.Equal(taken, InputRules.TryParseEnum<PermitType>(text, out _));
}
