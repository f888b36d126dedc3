using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pantau.Tests.Infrastructure;

/// <summary>
/// Every handler lists the results it can give in its signature (<c>Results&lt;Ok&lt;T&gt;, NotFound, …&gt;</c>), so
/// that the reader and the OpenAPI document both see them; an untyped <see cref="IResult"/> hides them from both.
/// </summary>
public sealed class TypedResultsTests(PantauApp app) : IClassFixture<PantauApp>
{
    [Fact]
    public void No_handler_returns_an_untyped_result()
    {
        var handlers = AppEndpoints.Of(app.Services).Where(e => e.Handler is not null).ToList();
        Assert.True(handlers.Count > 100, $"only {handlers.Count} route handlers found: is the handler still in the endpoints' metadata?");

        var untyped = handlers.Where(e => Unwrapped(e.Handler!.ReturnType) == typeof(IResult))
            .Select(e => $"{e.Key}: {e.Handler!.DeclaringType?.Name}.{e.Handler.Name}").ToList();
        Assert.True(untyped.Count == 0, "Handlers returning an untyped IResult:\n" + string.Join("\n", untyped));
    }

    [Fact]
    public async Task The_openapi_document_lists_what_a_decision_and_a_stream_can_answer()
    {
        var paths = (await app.CreateClient().GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        // A decision: refused when not signed in (401), not the role's (403), or the report moved on (409).
        Assert.Equal(["200", "400", "401", "403", "404", "409"], Statuses(paths.GetProperty("/api/reports/{id}/triage").GetProperty("post")));
        Assert.Equal(["200", "400", "401", "403", "404", "409"], Statuses(paths.GetProperty("/api/reports/{id}/progress").GetProperty("post")));
        // The public side: no sign-in, but a rate limit (429) and a closed report (409).
        Assert.Equal(["201", "400", "404", "409", "429"], Statuses(paths.GetProperty("/api/public/reports/{key}/messages").GetProperty("post")));
        Assert.Equal(["200", "201", "400", "401", "403", "422", "429"], Statuses(paths.GetProperty("/api/public/reports").GetProperty("post")));
        Assert.Equal(["200", "400", "401", "403"], Statuses(paths.GetProperty("/api/partner/counts").GetProperty("get")));
        var conflict = paths.GetProperty("/api/reports/{id}/triage").GetProperty("post").GetProperty("responses").GetProperty("409");
        Assert.Contains("ProblemDetails", conflict.ToString());
        var stream = paths.GetProperty("/api/field/stream").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(stream.GetProperty("content").TryGetProperty("text/event-stream", out _), stream.ToString());
        var csv = paths.GetProperty("/api/partner/permits.csv").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(csv.GetProperty("content").TryGetProperty("text/csv", out _), csv.ToString());
    }

    private static List<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

    private static Type Unwrapped(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
}
