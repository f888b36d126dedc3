using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Input;

/// <summary>
/// Issue 12, point 9: values out of range, undefined enum values and foreign return addresses are refused with a 400
/// naming the field (or a safe redirect), never a 500 and never quietly taken.
/// </summary>
public sealed class InputRulesTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Theory]
    [InlineData("petugas.tangerang", "/api/roster?date=9999-12-31", "date")]
    [InlineData("petugas.tangerang", "/api/reports/summary?date=0001-01-01", "date")]
    [InlineData("kepala.tangerang", "/api/field/positions?date=9999-12-31", "date")]
    [InlineData("petugas.tangerang", "/api/permit-expiry?day=9999-12-31", "day")]
    [InlineData("admin", "/api/audit?from=9999-12-31T00:00:00Z", "from")]
    [InlineData("petugas.tangerang", "/api/foreigners?expiringBefore=0001-01-01", "expiringBefore")]
    public async Task A_date_far_out_of_range_is_a_400_naming_the_parameter(string account, string url, string field)
    {
        var client = await app.LoginAsync($"{account}@pantau.test");
        var problem = await (await client.GetAsync(url)).ProblemAsync(400);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task An_open311_date_far_out_of_range_is_the_standards_400()
    {
        var response = await app.CreateClient().GetAsync("/open311/v2/requests.json?start_date=9999-12-31T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("start_date", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("Nope")]
    [InlineData("Overstay,Other")] // a flags list parses to another defined value
    public async Task An_undefined_enum_in_a_query_is_a_400_naming_it(string value)
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var problem = await (await officer.GetAsync($"/api/foreigners?permitType={Uri.EscapeDataString(value)}")).ProblemAsync(400);
        Assert.Equal(["permitType"], problem.ErrorFields());
        problem = await (await officer.GetAsync($"/api/foreigners?status={Uri.EscapeDataString(value)}")).ProblemAsync(400);
        Assert.Equal(["status"], problem.ErrorFields());
    }

    [Fact]
    public async Task An_enum_in_a_query_is_taken_by_its_name()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/foreigners?permitType=ITAS&status=Active")).StatusCode);
    }

    [Theory]
    [InlineData("\"99\"")]
    [InlineData("99")]
    [InlineData("\"Overstay,Other\"")]
    [InlineData("\"Nope\"")]
    public async Task An_undefined_category_on_a_public_report_is_a_400_naming_it(string category)
    {
        // As a form, the way the report page sends it (the brief's "category":"99").
        var form = await app.CreateClient().PostAsync("/api/public/reports", Reports.Reporting.Form(category: category.Trim('"')));
        Assert.Equal(["category"], (await form.ProblemAsync(400)).ErrorFields());

        // As JSON.
        var body = $$"""{"category":{{category}},"description":"Orang asing bekerja di warung tanpa izin.","villageCode":"{{People.TangerangVillage}}","phone":"081234567890"}""";
        var response = await app.CreateClient().PostAsync("/api/public/reports", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(400);
        Assert.Equal(["category"], problem.ErrorFields());
        Assert.Contains("Overstay", problem.GetProperty("errors").GetProperty("category")[0].GetString());
    }

    [Theory]
    [InlineData("99")]
    [InlineData("\"99\"")]
    [InlineData("\"Hotel,Landlord\"")]
    public async Task An_undefined_lodging_kind_is_a_400_naming_it(string kind)
    {
        var body = $$"""{"name":"Hotel Enum","kind":{{kind}},"villageCode":"{{People.TangerangVillage}}","address":"Jl. Enum 1","contactName":"Enum","contactPhone":"081200000099","email":"enum.kind@pantau.test","password":"Rahasia#2026"}""";
        var response = await app.CreateClient().PostAsync("/api/lodgings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(400);
        Assert.Equal(["kind"], problem.ErrorFields());
        Assert.Equal("One of: Hotel, GuestHouse, Landlord.", problem.GetProperty("errors").GetProperty("kind")[0].GetString());
    }

    [Fact]
    public async Task An_undefined_permit_type_or_role_in_a_body_is_a_400_naming_the_field()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var person = People.Registration(village: People.TangerangVillage);
        ((Dictionary<string, object?>[])person["permits"]!)[0]["type"] = "99";
        Assert.Equal(["permits[0].type"], (await (await admin.PostAsJsonAsync("/api/foreigners", person)).ProblemAsync(400)).ErrorFields());

        var account = await admin.PostAsJsonAsync("/api/accounts", new
        {
            email = "enum.role@pantau.test", fullName = "Enum Role", password = "Rahasia#2026", role = 99,
        });
        Assert.Equal(["role"], (await account.ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task Enums_are_still_written_and_read_by_name()
    {
        var admin = await app.LoginAsync("admin@pantau.test");
        var person = await admin.RegisterAsync(People.Registration(village: People.TangerangVillage, permitType: "itap"));
        Assert.Equal("ITAP", person.GetProperty("permits")[0].GetProperty("type").GetString());
        Assert.Equal("Male", person.GetProperty("sex").GetString());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_total_and_never_page_one_again()
    {
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var person = await officer.RegisterAsync(People.Registration(village: People.TangerangVillage, name: "Paging Past End"));
        var passport = person.GetProperty("passports")[0].GetProperty("number").GetString();

        var first = await officer.GetJsonAsync($"/api/foreigners?query={passport}&region=36.71");
        Assert.Equal(1, first.GetProperty("total").GetInt32());
        foreach (var page in new[] { 2, 2147483647 })
        {
            var past = await officer.GetJsonAsync($"/api/foreigners?query={passport}&region=36.71&page={page}");
            Assert.Equal(0, past.GetProperty("items").GetArrayLength());
            Assert.Equal(1, past.GetProperty("total").GetInt32());
            Assert.Equal(page, past.GetProperty("page").GetInt32());
        }
        Assert.Equal(["page"], (await (await officer.GetAsync($"/api/foreigners?query={passport}&page=0")).ProblemAsync(400)).ErrorFields());

        var admin = await app.LoginAsync("admin@pantau.test");
        var audit = await admin.GetJsonAsync("/api/audit?page=2147483647");
        Assert.Equal(0, audit.GetProperty("items").GetArrayLength());
        Assert.True(audit.GetProperty("total").GetInt32() > 0);
    }

    [Theory]
    [InlineData("/%5Cevil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/%5C/evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/registry%5C..", "/")]
    [InlineData("/registry?q=Wang", "/registry?q=Wang")]
    public async Task Changing_the_language_goes_back_only_to_a_local_page(string returnUrl, string location)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/culture/en?returnUrl={returnUrl}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }
}
