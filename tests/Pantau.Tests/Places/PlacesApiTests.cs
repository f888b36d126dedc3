using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Places;

public sealed class PlacesApiTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Theory]
    [InlineData("-6.1783", "106.6319", "36.71", "Kota Tangerang", "KANIM-TANGERANG")]
    [InlineData("-6.2440", "106.8000", "31.74", "Kota Administrasi Jakarta Selatan", "KANIM-JAKSEL")]
    [InlineData("-6.2884", "106.7180", "36.74", "Kota Tangerang Selatan", "KANIM-TANGSEL")]
    public async Task A_position_is_a_kelurahan_named_with_its_kecamatan_city_province_and_office(string lat, string lng, string regency,
        string regencyName, string officeCode)
    {
        var client = app.CreateClient();
        var place = await client.GetJsonAsync($"/api/places/at?lat={lat}&lng={lng}");

        var code = place.GetProperty("code").GetString()!;
        Assert.StartsWith(regency + ".", code);
        Assert.Equal(regencyName, place.GetProperty("regency").GetProperty("name").GetString());
        Assert.Equal(code[..8], place.GetProperty("district").GetProperty("code").GetString());
        Assert.Equal(code[..2], place.GetProperty("province").GetProperty("code").GetString());
        Assert.False(place.GetProperty("approximate").GetBoolean());
        var name = place.GetProperty("name").GetString()!;
        Assert.Equal($"{name}, Kec. {place.GetProperty("district").GetProperty("name").GetString()}, {regencyName}", place.GetProperty("label").GetString());

        var admin = await app.LoginAsync("admin@pantau.test");
        var offices = (await admin.GetJsonAsync("/api/offices")).EnumerateArray().ToDictionary(o => o.GetProperty("code").GetString()!);
        Assert.Equal(offices[officeCode].GetProperty("id").GetInt32(), place.GetProperty("office").GetProperty("id").GetInt32());
        Assert.Equal(offices[officeCode].GetProperty("name").GetString(), place.GetProperty("office").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_place_without_an_office_says_so()
    {
        var place = await app.CreateClient().GetJsonAsync("/api/places/at?lat=-8.6705&lng=115.2126"); // Denpasar: no demo office
        Assert.StartsWith("51.71.", place.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, place.GetProperty("office").ValueKind);
    }

    [Theory]
    [InlineData("lat=3.1390&lng=101.6869", "lat", "places.outsideIndonesia")] // Kuala Lumpur
    [InlineData("lat=-5.0&lng=110.0", "lat", "places.outsideIndonesia")]       // the Java Sea
    [InlineData("lat=91&lng=106.6", "lat", "places.latitudeRequired")]
    [InlineData("lat=abc&lng=106.6", "lat", "places.latitudeRequired")]
    [InlineData("lat=-6.17", "lng", "places.longitudeRequired")]
    [InlineData("lat=-6.17&lng=NaN", "lng", "places.longitudeRequired")]
    public async Task A_position_outside_indonesia_or_not_a_position_is_a_400_naming_the_field(string query, string field, string code)
    {
        var response = await app.CreateClient().GetAsync($"/api/places/at?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("codes").GetProperty(field)[0].GetProperty("code").GetString());
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty(field)[0].GetString()!);
    }

    [Fact]
    public async Task A_name_finds_its_villages_each_with_its_kecamatan_and_city_whatever_the_case_spacing_and_accents()
    {
        var client = app.CreateClient();
        var plain = (await client.GetJsonAsync("/api/places?q=sukamaju")).EnumerateArray().ToList();
        Assert.Equal(20, plain.Count); // there are 71 Sukamaju: the first 20
        Assert.All(plain, p => Assert.Equal("Sukamaju", p.GetProperty("name").GetString()));
        Assert.Equal(20, plain.Select(p => p.GetProperty("label").GetString()).Distinct().Count());

        var messy = (await client.GetJsonAsync("/api/places?q=%20%20S%C3%9AKAM%C3%81JU%20")).EnumerateArray(); // "  SÚKAMÁJU "
        Assert.Equal(plain.Select(p => p.GetProperty("code").GetString()), messy.Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_name_may_be_a_prefix_and_its_words_in_any_order_with_the_city_or_kecamatan()
    {
        var client = app.CreateClient();
        var inBogor = (await client.GetJsonAsync("/api/places?q=bogor%20sukamaju")).EnumerateArray().ToList();
        Assert.NotEmpty(inBogor);
        Assert.All(inBogor, p =>
        {
            Assert.Equal("Sukamaju", p.GetProperty("name").GetString());
            Assert.Contains("Bogor", p.GetProperty("regency").GetProperty("name").GetString());
        });

        var prefix = (await client.GetJsonAsync("/api/places?q=sukaras%20tangerang")).EnumerateArray().ToList();
        var sukarasa = Assert.Single(prefix, p => p.GetProperty("name").GetString() == "Sukarasa" && p.GetProperty("regency").GetProperty("code").GetString() == "36.71");
        Assert.Equal("KANIM-TANGERANG", await OfficeCodeAsync(sukarasa.GetProperty("office").GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task A_name_longer_than_a_place_name_can_be_is_a_400_naming_q()
    {
        var response = await app.CreateClient().GetAsync($"/api/places?q={new string('a', PlacesApiLimit + 1)}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("places.queryTooLong", problem.GetProperty("codes").GetProperty("q")[0].GetProperty("code").GetString());
    }

    private const int PlacesApiLimit = 100;

    [Theory]
    [InlineData("q=s")]
    [InlineData("q=%20-%20")]
    [InlineData("")]
    public async Task A_name_too_short_to_search_is_a_400_naming_q(string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/places?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("places.queryTooShort", problem.GetProperty("codes").GetProperty("q")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Both_look_ups_are_in_the_openapi_document()
    {
        var paths = (await app.CreateClient().GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/places/at", out _));
        Assert.True(paths.TryGetProperty("/api/places", out _) || paths.TryGetProperty("/api/places/", out _));
    }

    private async Task<string> OfficeCodeAsync(int id)
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        return (await admin.GetJsonAsync("/api/offices")).EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == id).GetProperty("code").GetString()!;
    }
}

/// <summary>Three look-ups a minute per address.</summary>
public sealed class PlaceLimitApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Places:PerAddressPerMinute", "3")];
}

public sealed class PlaceLimitTests(PlaceLimitApp app) : IClassFixture<PlaceLimitApp>
{
    [Fact]
    public async Task One_address_asking_too_often_gets_429()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/places/at?lat=-6.1783&lng=106.6319")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/places?q=sukarasa")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/places?q=sukamaju")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/places?q=sukamaju")).StatusCode);
    }
}
