using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Reports;

/// <summary>A report's place from its position, its kelurahan, or both.</summary>
public sealed class PlaceIntakeTests(PantauApp app) : IClassFixture<PantauApp>
{
    // In Kota Tangerang, and (about 15 km away) in Jakarta Selatan.
    private const double TangerangLat = -6.1783, TangerangLng = 106.6319;
    private const double JakselLat = -6.2440, JakselLng = 106.8000;

    [Fact]
    public async Task A_position_alone_is_routed_to_the_kelurahan_it_lies_in_and_its_office()
    {
        var at = await app.CreateClient().GetJsonAsync(FormattableString.Invariant($"/api/places/at?lat={TangerangLat}&lng={TangerangLng}"));
        var receipt = await SubmittedAsync(app.CreateClient(), PlaceForm(village: null, TangerangLat, TangerangLng));

        var report = await StoredAsync(receipt.GetProperty("id").GetGuid());
        Assert.Equal(at.GetProperty("code").GetString(), report.VillageCode);
        Assert.Equal(at.GetProperty("office").GetProperty("id").GetInt32(), report.OfficeId);
        Assert.Null(report.PositionOffPlaceMetres);
    }

    [Fact]
    public async Task A_kelurahan_alone_is_taken_as_it_is()
    {
        var receipt = await SubmittedAsync(app.CreateClient(), PlaceForm(TangerangVillage, null, null));
        var report = await StoredAsync(receipt.GetProperty("id").GetGuid());
        Assert.Equal(TangerangVillage, report.VillageCode);
        Assert.Null(report.PositionOffPlaceMetres);
    }

    [Fact]
    public async Task A_position_inside_the_kelurahan_picked_is_not_flagged()
    {
        var at = await app.CreateClient().GetJsonAsync(FormattableString.Invariant($"/api/places/at?lat={TangerangLat}&lng={TangerangLng}"));
        var village = at.GetProperty("code").GetString()!;
        var receipt = await SubmittedAsync(app.CreateClient(), PlaceForm(village, TangerangLat, TangerangLng));
        var report = await StoredAsync(receipt.GetProperty("id").GetGuid());
        Assert.Equal(village, report.VillageCode);
        Assert.Null(report.PositionOffPlaceMetres);
    }

    [Fact]
    public async Task A_position_far_outside_the_kelurahan_picked_is_taken_and_flagged_with_the_distance()
    {
        var receipt = await SubmittedAsync(app.CreateClient(), PlaceForm(TangerangVillage, JakselLat, JakselLng));
        var report = await StoredAsync(receipt.GetProperty("id").GetGuid());
        Assert.Equal(TangerangVillage, report.VillageCode); // the reporter's choice stands
        Assert.InRange(report.PositionOffPlaceMetres ?? 0, 10_000, 25_000);

        // The officer sees the place by its name and the disagreement.
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var read = await officer.GetJsonAsync($"/api/reports/{report.Id}");
        Assert.Equal(report.PositionOffPlaceMetres, read.GetProperty("positionOffPlaceMetres").GetInt32());
        var place = await app.CreateClient().GetJsonAsync("/api/places?q=sukarasa%20tangerang");
        Assert.Equal(place.EnumerateArray().Single(p => p.GetProperty("code").GetString() == TangerangVillage).GetProperty("label").GetString(),
            read.GetProperty("place").GetString());
    }

    [Theory]
    [InlineData(-5.0, 110.0)]       // the Java Sea
    [InlineData(-8.6705, 115.2126)] // Denpasar: no office in Pantau covers it
    public async Task A_position_alone_at_sea_or_without_an_office_is_refused_naming_the_position(double lat, double lng)
    {
        var response = await SubmitAsync(app.CreateClient(), PlaceForm(null, lat, lng));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("latitude", (await response.ProblemAsync(400)).ErrorFields());
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.Latitude == lat && r.Longitude == lng)));
    }

    [Fact]
    public async Task Neither_a_position_nor_a_kelurahan_is_refused_naming_the_kelurahan()
    {
        var response = await SubmitAsync(app.CreateClient(), PlaceForm(null, null, null));
        Assert.Contains("villageCode", (await response.ProblemAsync(400)).ErrorFields());
    }

    private Task<Pantau.Web.Features.Reports.Report> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == id));

    private static MultipartFormDataContent PlaceForm(string? village, double? lat, double? lng)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Overstay"), "category" },
            { new StringContent(DateTimeOffset.UtcNow.AddHours(-2).ToString("O")), "occurredAt" },
            { new StringContent("Warga asing tinggal melebihi izin, sudah dua bulan."), "description" },
        };
        if (village is not null) form.Add(new StringContent(village), "villageCode");
        if (lat is not null) form.Add(new StringContent(lat.Value.ToString(CultureInfo.InvariantCulture)), "latitude");
        if (lng is not null) form.Add(new StringContent(lng.Value.ToString(CultureInfo.InvariantCulture)), "longitude");
        return form;
    }
}
