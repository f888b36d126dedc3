using Microsoft.Playwright;
using Pantau.Tests.Browser;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Teams;

/// <summary>The /teams page on a phone (360×740): an office admin makes a team, rosters it, and sees it on duty.</summary>
public sealed class TeamsPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    private const string Admin = "admin.tangerang@pantau.test";
    private const string Officer = "petugas.tangerang@pantau.test";

    [Fact]
    public async Task An_office_admin_makes_a_team_of_an_officer_and_a_police_member_rosters_it_and_sees_it_on_duty()
    {
        var name = $"TIMPORA Uji {Guid.NewGuid().ToString("N")[..6]}";
        var page = await PhoneAsync();
        await page.GotoAsync("/teams");
        Assert.Equal("/login", page.PathOf());
        await page.SignInAsync(Admin, PantauApp.Password);
        await page.GotoAsync("/teams");
        Assert.Equal("/teams", page.PathOf());
        Assert.Equal("Tim TIMPORA dan jadwal piket", await page.ShownTextAsync("h1"));
        // The demo roster has someone on duty around the clock.
        Assert.True(await page.Locator("#on-duty .badge").CountAsync() >= 1);
        Assert.True(await page.Locator("#timeline .roster-bar[data-team='TIMPORA Tangerang 1'] .shift").CountAsync() >= 1);
        await page.AssertFitsPhoneAsync();

        // A new team, then its members.
        await page.FillAsync("#name", name);
        await page.SubmitAsync("#new-team button[type=submit]");
        Assert.StartsWith("/teams/", page.PathOf());
        await page.SelectOptionAsync("#newStaff", new SelectOptionValue { Label = "Petugas Kanim Tangerang (Petugas imigrasi)" });
        await page.FillAsync("#newName", "Aipda Joko Susilo");
        await page.SelectOptionAsync("#newAgency", "Police");
        await page.AssertFitsPhoneAsync();
        await page.SubmitAsync("#edit-team button[type=submit]");
        Assert.Equal("/teams", page.PathOf());
        var card = page.Locator($"#teams li[data-team='{name}']");
        Assert.Contains("Petugas Kanim Tangerang", await card.TextContentAsync());
        Assert.Contains("Aipda Joko Susilo · Polri", await card.TextContentAsync());
        Assert.Equal(0, await card.Locator("[data-state=on-duty]").CountAsync());

        // A shift around the clock today (an end at the start means the next day): the team is on duty now.
        await page.SelectOptionAsync("#teamId", new SelectOptionValue { Label = name });
        await page.FillAsync("#startsAt", "00:00");
        await page.FillAsync("#endsAt", "00:00");
        await page.SubmitAsync("#add-shift button[type=submit]");
        Assert.Equal("Jadwal piket ditambahkan.", await page.ShownTextAsync(".flash"));
        Assert.Equal(1, await card.Locator("[data-state=on-duty]").CountAsync());
        Assert.Equal(1, await page.Locator($"#on-duty [data-team='{name}']").CountAsync());
        Assert.Equal(1, await page.Locator($"#timeline .roster-bar[data-team='{name}'] .shift.on-duty").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("teams-id");

        // An overlapping shift is refused at its start, naming the clash.
        await page.SelectOptionAsync("#teamId", new SelectOptionValue { Label = name });
        await page.FillAsync("#startsAt", "08:00");
        await page.FillAsync("#endsAt", "09:00");
        await page.SubmitAsync("#add-shift button[type=submit]");
        Assert.Contains("Bentrok dengan jadwal tim ini", await page.ShownTextAsync("#startsAt-error"));

        // Removed, the team is off duty again; and the page speaks English on request.
        await page.GotoAsync("/teams");
        await page.SubmitAsync($"#shifts tr[data-team='{name}'] .remove-shift");
        Assert.Equal("Jadwal piket dihapus.", await page.ShownTextAsync(".flash"));
        Assert.Equal(0, await page.Locator($"#shifts tr[data-team='{name}']").CountAsync());
        Assert.Equal(0, await card.Locator("[data-state=on-duty]").CountAsync());
        await page.SubmitAsync("a[data-lang=en]");
        Assert.Equal("TIMPORA teams and duty roster", await page.ShownTextAsync("h1"));
        Assert.Contains("Aipda Joko Susilo · Police", await card.TextContentAsync());
        await page.ScreenshotAsync("teams-en");
    }

    [Fact]
    public async Task An_officer_reads_the_teams_and_roster_without_changing_them()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.SignInAsync(Officer, PantauApp.Password);
        await page.ClickAsync(".menu-button"); // on a phone the staff menu opens first
        await page.SubmitAsync("#staff-nav a[href='/teams']"); // clicks and waits for the next document, as the other page tests do
        Assert.Equal("/teams", page.PathOf());
        Assert.True(await page.Locator("#teams li[data-team='TIMPORA Tangerang 1']").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#new-team, #add-shift, .remove-shift").CountAsync());
        await page.AssertFitsPhoneAsync();
    }
}
