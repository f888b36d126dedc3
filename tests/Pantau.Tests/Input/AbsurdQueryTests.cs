using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Input;

/// <summary>
/// Every GET route the app maps (its own endpoint list, pages included), asked by each kind of account with absurd
/// values in every query parameter its handler declares (and the usual ones it may read by hand) and in its route
/// values: huge and negative numbers, far dates, undefined enum names. None may answer 500.
/// </summary>
public sealed class AbsurdQueryTests(PantauApp app) : IClassFixture<PantauApp>
{
    private static readonly string[] Accounts = ["admin", "kepala.tangerang", "petugas.tangerang", "polsek.setiabudi", "rt.setiabudi", "anonymous"];

    /// <summary>One way of being absurd: a value for each kind of parameter.</summary>
    private sealed record Absurdity(string Name, string Integer, string Number, string Date, string Time, string Enum, string Text);

    private static readonly Absurdity[] Absurdities =
    [
        new("huge", "2147483647", "1e308", "9999-12-31", "9999-12-31T23:59:59Z", "99", "9999-12-31T00:00:00Z"),
        new("negative", "-2147483648", "-1e308", "0001-01-01", "0001-01-01T00:00:00Z", "-1", "-1"),
        new("overflowing", "99999999999999999999", "NaN", "2026-02-30", "2026-13-01T00:00:00Z", "Overstay,Other", new string('9', 3000)),
        new("undefined", "-1", "Infinity", "1900-01-01", "2200-01-01T00:00:00Z", "NotAName", "31.74.02.1001.99.99"),
    ];

    // Read by hand by some handlers and pages, so not in a handler's parameter list.
    private static readonly (string Name, Func<Absurdity, string> Value)[] Usual =
    [
        ("page", a => a.Integer), ("p", a => a.Integer), ("pageSize", a => a.Integer), ("officeId", a => a.Integer),
        ("date", a => a.Date), ("day", a => a.Date), ("start_date", a => a.Time), ("end_date", a => a.Time),
        ("rw", a => a.Integer), ("rt", a => a.Integer), ("lat", a => a.Number), ("long", a => a.Number), ("lng", a => a.Number),
        ("region", a => a.Text), ("district", a => a.Text), ("status", a => a.Enum), ("service_code", a => a.Enum),
        ("permitType", a => a.Enum), ("expiringBefore", a => a.Date), ("q", a => a.Text),
    ];

    [Fact]
    public async Task No_get_route_answers_500_to_absurd_query_values()
    {
        var routes = AppEndpoints.Of(app.Services).Where(e => e.Method is "GET" or "*").ToList();
        Assert.True(routes.Count > 50, $"only {routes.Count} routes found");
        var failures = new List<string>();
        foreach (var account in Accounts)
        {
            var client = await ClientAsync(account);
            foreach (var route in routes)
                foreach (var a in Absurdities)
                {
                    var url = Url(route, a);
                    using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{account} GET {url[..Math.Min(url.Length, 200)]} ({route.Key}, {a.Name}): {(int)response.StatusCode}");
                }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers of 500 or more:\n" + string.Join("\n", failures));
    }

    private static string Url(AppEndpoint route, Absurdity a)
    {
        var path = string.Join("/", route.Pattern.Split('/').Select(segment => RouteValue(segment, a)));
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in QueryParameters(route)) query[name] = ValueFor(type, a);
        foreach (var (name, value) in Usual) query.TryAdd(name, value(a));
        return path + "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
    }

    // "{id:guid}" -> a guid no record has; "{index:int}" -> the absurd integer; "requests.{format}" -> "requests.json".
    private static string RouteValue(string segment, Absurdity a) =>
        System.Text.RegularExpressions.Regex.Replace(segment, @"\{\**(\w+)(:(\w+))?\}", m => (m.Groups[1].Value, m.Groups[3].Value) switch
        {
            (_, "guid") => Guid.NewGuid().ToString(),
            (_, "int") => int.TryParse(a.Integer, out _) ? a.Integer : "2147483647",
            (_, "long") => long.TryParse(a.Integer, out _) ? a.Integer : "9223372036854775807",
            ("format", _) => "json",
            ("culture", _) => "en",
            ("code", _) => a.Text.Length > 100 ? "31" : Uri.EscapeDataString(a.Text),
            _ => Uri.EscapeDataString(a.Text.Length > 100 ? a.Text[..100] : a.Text),
        });

    private static string ValueFor(Type type, Absurdity a)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return a.Enum;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return a.Integer;
        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float)) return a.Number;
        if (t == typeof(DateOnly)) return a.Date;
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return a.Time;
        if (t == typeof(Guid)) return Guid.NewGuid().ToString();
        if (t == typeof(bool)) return a.Integer;
        return a.Text;
    }

    /// <summary>The query parameters a handler declares (by binding source or by being a simple type not in the route).</summary>
    private static IEnumerable<(string Name, Type Type)> QueryParameters(AppEndpoint route)
    {
        if (route.Handler is not { } handler) yield break;
        var routeNames = route.Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var p in handler.GetParameters())
        {
            if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var c in p.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters())
                    if (IsSimple(c.ParameterType)) yield return (c.Name!, c.ParameterType);
                continue;
            }
            if (p.GetCustomAttribute<FromQueryAttribute>() is { } q) yield return (q.Name ?? p.Name!, p.ParameterType);
            else if (IsSimple(p.ParameterType) && !routeNames.Contains(p.Name!)) yield return (p.Name!, p.ParameterType);
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
               || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }

    private async Task<HttpClient> ClientAsync(string account)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (account == "anonymous") return client;
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = $"{account}@pantau.test", password = PantauApp.Password });
        Assert.True(login.IsSuccessStatusCode, $"login of {account}: {(int)login.StatusCode}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
