using Microsoft.Playwright;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Browser;

/// <summary>
/// The staff menu (issue 18, point 2): on a phone one row in the top bar and the page's own work first, the links a
/// tap away; on a desk the links in a row as before.
/// </summary>
public sealed class MenuPagesTests(PantauApp app, Chromium chromium) : PageTests(app, chromium)
{
    [Fact]
    public async Task On_a_phone_the_staff_menu_is_one_row_and_opens_as_a_list()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/field");
        await page.SignInAsync("kepala.tangerang@pantau.test", PantauApp.Password);
        await page.GotoAsync("/field");
        // One row: the bar is no taller than a touch target and its padding, and the page's heading shows near the top.
        var bar = await page.Locator(".topbar").BoundingBoxAsync();
        Assert.True(bar!.Height <= 60, $"the top bar is {bar.Height} px tall");
        Assert.False(await page.Locator("#staff-nav").IsVisibleAsync());
        var heading = await page.Locator("main h1").First.BoundingBoxAsync();
        Assert.True(heading!.Y < 120, $"the page's heading starts at {heading.Y} px");
        await page.AssertFitsPhoneAsync();
        await page.ScreenshotAsync("menu-phone-closed");

        // A tap opens the links as a list; the keyboard reaches the same switch.
        await page.ClickAsync(".menu-button");
        await page.Locator("#staff-nav").WaitForAsync();
        Assert.True(await page.Locator("#staff-nav a[href='/console']").IsVisibleAsync());
        await page.ScreenshotAsync("menu-phone-open");
        await page.ClickAsync("#staff-nav a[href='/console']");
        await page.WaitForURLAsync("**/console");
        Assert.False(await page.Locator("#staff-nav").IsVisibleAsync());
        await page.Locator("#menu-open").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#staff-nav").WaitForAsync();
    }

    [Fact]
    public async Task On_a_desk_the_staff_menu_is_a_row_of_links_without_a_button()
    {
        var page = await PhoneAsync(screen: new ViewportSize { Width = 1280, Height = 800 });
        await page.GotoAsync("/field");
        await page.SignInAsync("kepala.tangerang@pantau.test", PantauApp.Password);
        await page.GotoAsync("/field");
        Assert.True(await page.Locator("#staff-nav a[href='/console']").IsVisibleAsync());
        Assert.False(await page.Locator(".menu-button").IsVisibleAsync());
    }
}
