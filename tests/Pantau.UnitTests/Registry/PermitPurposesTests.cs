using Pantau.Web.Features.Registry;

namespace Pantau.UnitTests.Registry;

/// <summary>A permit's purpose as a category people read in their language, and the free text worth keeping beside it.</summary>
public sealed class PermitPurposesTests
{
    [Theory]
    [InlineData("work", PermitType.ITAS, "work")]
    [InlineData("Bekerja sebagai tenaga ahli", PermitType.ITAS, "work")]
    [InlineData("ikut suami", PermitType.ITAP, "family")]
    [InlineData("Kuliah S2", PermitType.ITAS, "study")]
    [InlineData(null, PermitType.ITK, "visit")]
    [InlineData("apa saja", PermitType.Diplomatic, "official")]
    [InlineData("", PermitType.ITAS, "other")]
    public void Free_text_in_either_language_falls_into_one_category(string? purpose, PermitType type, string category) =>
        Assert.Equal(category, PermitPurposes.Category(purpose, type));

    [Fact]
    public void A_bare_category_word_is_no_detail_but_free_text_is()
    {
        Assert.Null(PermitPurposes.Detail(" Work "));
        Assert.Null(PermitPurposes.Detail(null));
        Assert.Equal("Kuliah S2", PermitPurposes.Detail(" Kuliah S2 "));
        Assert.All(PermitPurposes.Categories, c => Assert.Equal(c, PermitPurposes.Category(c == "official" ? "" : c, c == "official" ? PermitType.Service : PermitType.ITAS)));
    }
}
