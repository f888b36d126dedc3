using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>Every code request from an address needs the proof of work (a small one, for the test's speed).</summary>
public sealed class ChallengeEveryTimeApp : PantauApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Reports:Challenge:FreeCodesPerAddressPerHour", "0"), new("Reports:Challenge:MaxNumber", "20000")];
}

/// <summary>
/// The report form on a phone whose network has asked for many codes: the API wants a solved challenge, and the page
/// solves it by itself (the altcha widget) before the code is sent; the reporter only waits a moment.
/// </summary>
public sealed partial class ReportFormChallengeTests(ChallengeEveryTimeApp app, Chromium chromium)
    : IClassFixture<ChallengeEveryTimeApp>, IClassFixture<Chromium>, IAsyncLifetime
{
    private IBrowserContext? _context;

    public Task InitializeAsync()
    {
        app.StartOnRealPort();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
    }

    [Fact]
    public async Task The_form_solves_the_check_the_api_asks_for_and_the_phone_is_verified()
    {
        var page = await chromium.NewPhoneAsync(app.StartOnRealPort());
        _context = page.Context;
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add(e);
        Assert.Equal(200, (await page.GotoAsync("/lapor", new() { Timeout = 60_000 }))!.Status);
        await page.Locator("#verify-button:not([disabled])").WaitForAsync(new() { Timeout = 60_000 });

        var phone = Reports.Reporting.NewPhone();
        await page.FillAsync("#phone", phone);
        await page.ClickAsync("#verify-button");
        await page.Locator("#code-field:not([hidden])").WaitForAsync(new() { Timeout = 60_000 });
        Assert.StartsWith("Kode dikirim ke +62", await page.ShownTextAsync("#verify-state"));

        var outbox = await page.Context.NewPageAsync();
        await outbox.GotoAsync($"/dev/outbox?recipient={Uri.EscapeDataString(phone)}");
        var code = SixDigits().Match(await outbox.ShownTextAsync("#messages li.message:first-child .text")).Groups[1].Value;
        await outbox.CloseAsync();
        await page.FillAsync("#code", code);
        await page.ClickAsync("#verify-button");
        await page.Locator("#verify-form[hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("+62", await page.ShownTextAsync("#verified-text"));
        Assert.Empty(problems);

        // The server saw the challenge solved: one used challenge counter.
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.HourlyCounts.Count(c => c.Key.StartsWith("challenge:")))));
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();
}
