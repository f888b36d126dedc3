using Pantau.Web.Features.Access;
using Pantau.Web.Features.Registry;

namespace Pantau.UnitTests.Registry;

/// <summary>The domain rules, without HTTP.</summary>
public sealed class RegistryRulesTests
{
    [Theory]
    [InlineData("Nguyễn  Văn   An", "nguyen van an")]
    [InlineData("JÜRGEN GROß", "jurgen gross")]
    [InlineData("Seán O'Brien", "sean obrien")]
    [InlineData("Min-jun Kim", "min jun kim")]
    [InlineData("Søren Łukasz", "soren lukasz")]
    [InlineData("Ahmad bin Abdullah", "ahmad bin abdullah")]
    public void Names_fold_to_one_comparable_form(string name, string folded) => Assert.Equal(folded, PersonName.Fold(name));

    [Fact]
    public void Name_tokens_are_the_distinct_folded_words() =>
        Assert.Equal(["wang", "wei"], PersonName.Tokens(" Wang  WEI wang "));

    [Theory]
    [InlineData("2027-01-01", null, "Valid")]
    [InlineData("2026-12-20", null, "Expiring")]
    [InlineData("2026-11-22", null, "Expiring")]
    [InlineData("2026-11-21", null, "Expired")]
    [InlineData("2027-06-01", "2026-10-01", "Cancelled")]
    public void A_permit_status_follows_its_dates(string expiry, string? cancelled, string status)
    {
        var permit = new StayPermit { Number = "X1", ExpiryDate = DateOnly.Parse(expiry), CancelledOn = cancelled is null ? null : DateOnly.Parse(cancelled) };
        Assert.Equal(status, permit.StatusOn(new DateOnly(2026, 11, 22)).ToString());
    }

    [Theory]
    [InlineData("E1234567", true)]
    [InlineData("TK1234567", true)]
    [InlineData("123456789", true)]
    [InlineData("1234", false)]
    [InlineData("AB1234567X", false)]
    [InlineData("AB-12345", false)]
    [InlineData("ab123456", false)] // numbers are normalised to upper case before this check
    public void Passport_numbers_use_the_ICAO_9303_characters(string number, bool valid) =>
        Assert.Equal(valid, TravelDocuments.IsPassportNumber(number));

    [Fact]
    public void Nationalities_are_ISO_3166_alpha_3() =>
        Assert.True(Nationalities.IsKnown("CHN") && Nationalities.IsKnown("XXA") && !Nationalities.IsKnown("CN") && !Nationalities.IsKnown("XYZ"));

    [Fact]
    public void Moving_closes_the_current_address_the_day_before()
    {
        var now = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
        var f = new Foreigner("A B", Sex.Female, new DateOnly(1990, 1, 1), "JPN", now);
        f.MoveTo("31.74.02.1001", 1, 2, null, new DateOnly(2024, 1, 1), now);
        f.MoveTo("36.71.01.1001", 3, 4, "Jl. Baru", new DateOnly(2026, 5, 1), now);
        Assert.Equal(new DateOnly(2026, 4, 30), f.Addresses[0].Until);
        Assert.Equal("36.71", f.RegencyCode);
        Assert.Equal("36.71.01", f.DistrictCode);
        Assert.Same(f.Addresses[1], f.CurrentAddress);
    }

    [Fact]
    public void Scopes_cover_their_own_area_only()
    {
        var rt = AccessScope.Nothing with { VillageCode = "31.74.02.1001", Rw = 1, Rt = 1 };
        Assert.True(rt.Covers("31.74.02.1001", 1, 1));
        Assert.False(rt.Covers("31.74.02.1001", 1, 2));
        var office = AccessScope.Nothing with { RegencyCodes = ["36.71", "36.03"] };
        Assert.True(office.Covers("36.03.01.2001", 9, 9));
        Assert.False(office.Covers("36.74.01.1001", 1, 1));
        Assert.True((AccessScope.Nothing with { ProvinceCode = "36" }).CoversRegion("36.74"));
        Assert.False(AccessScope.Nothing.Covers("31.74.02.1001", 1, 1));
    }
}
