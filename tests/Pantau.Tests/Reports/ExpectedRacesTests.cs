using System.Net.Http.Json;
using System.Text.Json;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Reports;

/// <summary>A race the app expects and settles is not an error in the operator's log.</summary>
public sealed class ExpectedRacesTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task The_same_report_retried_at_once_is_one_report_and_no_error_in_the_log()
    {
        var phone = app.CreateClient();
        var at = DateTimeOffset.UtcNow.AddHours(-2); // a retry sends the same report: the same time too
        for (var round = 0; round < 4; round++)
        {
            var key = Guid.NewGuid().ToString();
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Reporting.SubmitAsync(phone, Reporting.Form(occurredAt: at), key: key)));
            Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{(int)a.StatusCode}"));
            var tickets = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()));
            Assert.Single(tickets.Distinct());
        }
        var failures = app.Failures();
        Assert.True(failures.Length == 0, failures);
    }
}
