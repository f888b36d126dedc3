using System.Net;
using System.Net.Http.Headers;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Reports;
using static Pantau.Tests.Operations.Desk;

namespace Pantau.Tests.Operations;

/// <summary>The team's photos of what it found are re-encoded like the reporter's: pixels only, served as images only.</summary>
public sealed class FindingsPhotoTests(PantauApp app) : IClassFixture<PantauApp>
{
    private async Task<(HttpClient Officer, string Id)> OnSiteAsync(string village)
    {
        var report = await ReportAsync(app, village: village);
        var officer = await app.LoginAsync("petugas.tangerang@pantau.test");
        var team = await TeamOnDutyAsync(app);
        await PostOkAsync(officer, $"/api/reports/{report.Id}/assign", new { teamId = team });
        await PostOkAsync(officer, $"/api/reports/{report.Id}/progress", new { step = "EnRoute" });
        await PostOkAsync(officer, $"/api/reports/{report.Id}/progress", new { step = "OnSite" });
        return (officer, report.Id);
    }

    private static MultipartFormDataContent Findings(params (string Name, byte[] Content)[] photos)
    {
        var form = new MultipartFormDataContent { { new StringContent("Warning"), "outcome" }, { new StringContent("1"), "foreignersChecked" } };
        foreach (var (name, content) in photos)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photos", name);
        }
        return form;
    }

    [Fact]
    public async Task Findings_photos_lose_their_exif_and_any_html_and_are_served_with_nosniff()
    {
        var (officer, id) = await OnSiteAsync("36.71.01.1004");
        var found = await officer.PostAsync($"/api/reports/{id}/findings", Findings(("gps.jpg", TestImages.JpegWithGps()), ("poly.jpg", TestImages.JpegHtmlPolyglot())));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);

        for (var i = 0; i < 2; i++)
        {
            var photo = await officer.GetAsync($"/api/reports/{id}/photos/{i}");
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            var served = await photo.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xFF, 0xD8, 0xFF], served[..3]);
            Assert.False(TestImages.Contains(served, TestImages.ExifHeader));
            Assert.False(TestImages.Contains(served, TestImages.Script));
            Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", string.Join(",", photo.Headers.GetValues("X-Content-Type-Options")));
            Assert.NotNull(photo.Content.Headers.ContentDisposition);
        }
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_no_findings_photo()
    {
        var (officer, id) = await OnSiteAsync("36.71.01.1005");
        var refused = await officer.PostAsync($"/api/reports/{id}/findings", Findings(("foto.jpg", "bukan foto\n"u8.ToArray())));
        Assert.Contains("photos[0]", (await refused.ProblemAsync(400)).ErrorFields());
    }
}
