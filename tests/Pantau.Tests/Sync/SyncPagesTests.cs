using Microsoft.Playwright;
using Pantau.Tests.Browser;
using Pantau.Web.Features.Sync;

namespace Pantau.Tests.Sync;

/// <summary>The national admin's sync page in a real browser: the state, and a snapshot uploaded and followed to its report.</summary>
public sealed class SyncPagesTests(SyncApp app, Chromium chromium) : IClassFixture<SyncApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_national_admin_uploads_a_snapshot_and_sees_its_reconciliation()
    {
        var baseUrl = app.StartOnRealPort();
        var parked = await app.PushOkAsync(Central.Moved(Central.NewPersonId(), 1, "99.99.99.9999"));
        Assert.Equal(1, parked.Parked);
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "snapshots")).FullName, $"upload-{Guid.NewGuid():N}.csv");
        await using (var writer = new StreamWriter(path, false, CentralSimulator.Utf8))
            new CentralSimulator(await app.VillagesAsync(), SyncApp.Today, 21).WriteSnapshot(writer, new SnapshotPlan(40, Bad: 2));

        var page = await chromium.NewPhoneAsync(baseUrl);
        try
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fsync");
            await page.SignInAsync("admin@pantau.test", SyncApp.Password);
            Assert.EndsWith("/sync", page.Url);
            // The reason in the page's language (Bahasa Indonesia by default), not as the central system's English.
            var reason = await page.ShownTextAsync("#sync-parked-events");
            Assert.Contains("personId: data pusat orang ini belum pernah dibuat di sini", reason);
            Assert.DoesNotContain("never created", reason);
            await page.AssertFitsPhoneAsync();

            await page.SetInputFilesAsync("#snapshot", path);
            await page.SubmitAsync("#snapshot-upload button[type=submit]");
            Assert.Contains("/sync/snapshots/", page.Url);
            // The page reloads itself while the import runs.
            await page.WaitForSelectorAsync("#snapshot-report[data-status=Completed]", new() { Timeout = 60_000 });
            Assert.Equal("40", await page.ShownTextAsync("#snapshot-created"));
            Assert.Equal("2", await page.ShownTextAsync("#snapshot-rejected"));
            Assert.Equal(2, await page.Locator("#snapshot-rejections li").CountAsync());
            var rejections = await page.ShownTextAsync("#snapshot-rejections");
            Assert.Contains("passport.number: 5 sampai 9 huruf A–Z dan angka", rejections);
            Assert.Contains("dateOfBirth: tanggal berbentuk yyyy-MM-dd", rejections);
            await page.AssertFitsPhoneAsync();
            await page.ScreenshotAsync("sync-snapshot");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Other_staff_are_not_let_in()
    {
        var page = await chromium.NewPhoneAsync(app.StartOnRealPort());
        try
        {
            await page.GotoAsync("/login?ReturnUrl=%2Fsync");
            await page.SignInAsync("kepala.tangerang@pantau.test", SyncApp.Password);
            Assert.NotEqual("/sync", page.PathOf()); // an office head is sent back to the login page
            Assert.Equal(0, await page.Locator("#snapshot-upload").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
