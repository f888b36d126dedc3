using System.Globalization;
using Pantau.Web.Kernel;

namespace Pantau.UnitTests.Registry;

/// <summary>Country names people read and type, from the maintained list, and the codes the registry keeps.</summary>
public sealed class CountryNamesTests
{
    private static readonly CultureInfo Id = new("id-ID"), En = new("en-US");

    [Fact]
    public void A_code_reads_as_the_countrys_common_name_in_the_pages_language()
    {
        Assert.Equal("Jepang", CountryNames.Name("JPN", Id));
        Assert.Equal("Japan", CountryNames.Name("JPN", En));
        Assert.Equal("China", CountryNames.Name("CHN", En)); // not "People's Republic of China"
        Assert.Equal("United States", CountryNames.Name("USA", En));
        Assert.Equal("Amerika Serikat", CountryNames.Name("USA", Id));
        Assert.Equal("Tanpa kewarganegaraan", CountryNames.Name("XXA", Id));
        Assert.Equal("ZZZ", CountryNames.Name("ZZZ", Id)); // no country: the code as it is
    }

    [Theory]
    [InlineData("chn", "CHN")]
    [InlineData(" Jepang ", "JPN")]
    [InlineData("jerman", "DEU")]
    [InlineData("Germany", "DEU")]
    [InlineData("korea selatan", "KOR")]
    [InlineData("United States of America", "USA")]
    [InlineData("Côte d'Ivoire", "CIV")]
    [InlineData("cote divoire", "CIV")]
    [InlineData("Jepang (JPN)", "JPN")]
    [InlineData("Stateless", "XXA")]
    public void What_a_person_types_means_a_code(string input, string code) => Assert.Equal(code, CountryNames.CodeOf(input));

    [Theory]
    [InlineData("")]
    [InlineData("Atlantis")]
    [InlineData("XYZ")]
    [InlineData("Atlantis (QQQ)")]
    public void What_names_no_country_means_none(string input) => Assert.Null(CountryNames.CodeOf(input));

    [Fact]
    public void Every_code_the_registry_accepts_has_a_name_in_both_languages()
    {
        var all = CountryNames.All(Id);
        Assert.Equal(Nationalities.All.Order(), all.Select(c => c.Code).Order());
        Assert.All(all, c => Assert.True(Nationalities.IsKnown(c.Code), c.Code));
        Assert.All(all, c => Assert.NotEqual(c.Code, CountryNames.Name(c.Code, En)));
        Assert.Equal(all.Select(c => c.Name).Order(StringComparer.Create(Id, true)), all.Select(c => c.Name));
    }
}
