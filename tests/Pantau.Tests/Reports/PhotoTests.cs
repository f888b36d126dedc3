using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pantau.Tests.Infrastructure;
using static Pantau.Tests.Reports.Reporting;

namespace Pantau.Tests.Reports;

/// <summary>A reporter's photo is kept as pixels only and reaches no one outside immigration.</summary>
public sealed class PhotoTests(PantauApp app) : IClassFixture<PantauApp>
{
    private async Task<(HttpClient Officer, string Id)> ReportWithPhotoAsync(string name, byte[] photo)
    {
        var client = app.CreateClient();
        var token = await VerifyPhoneAsync(client, NewPhone());
        var receipt = await SubmittedAsync(client, Form(village: "36.71.01.1003", lat: null, lon: null, photos: (name, photo)), token);
        return (await app.LoginAsync("petugas.tangerang@pantau.test"), receipt.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task A_reporters_jpeg_with_its_gps_position_is_stored_and_served_without_exif()
    {
        var sent = TestImages.JpegWithGps();
        Assert.True(TestImages.Contains(sent, TestImages.ExifHeader));
        var (officer, id) = await ReportWithPhotoAsync("rumah.jpg", sent);

        var photo = await officer.GetAsync($"/api/reports/{id}/photos/0");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        var served = await photo.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8, 0xFF], served[..3]);
        Assert.False(TestImages.Contains(served, TestImages.ExifHeader), "the EXIF segment (with the GPS position) is gone");
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", string.Join(",", photo.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("inline", photo.Content.Headers.ContentDisposition!.DispositionType);
        Assert.DoesNotContain("rumah", photo.Content.Headers.ContentDisposition.FileName ?? "");

        var stored = await app.WithDbAsync(db => Task.FromResult(db.ReportPhotos.Single(p => p.ReportId == Guid.Parse(id)).Content));
        Assert.False(TestImages.Contains(stored, TestImages.ExifHeader));
    }

    [Fact]
    public async Task A_jpeg_that_is_also_a_web_page_is_served_re_encoded_without_its_html_and_with_nosniff()
    {
        var polyglot = TestImages.JpegHtmlPolyglot();
        var (officer, id) = await ReportWithPhotoAsync("foto.jpg", polyglot);
        var photo = await officer.GetAsync($"/api/reports/{id}/photos/0");
        var served = await photo.Content.ReadAsByteArrayAsync();
        Assert.False(TestImages.Contains(served, TestImages.Script));
        Assert.False(TestImages.Contains(served, "<html"));
        Assert.NotEqual(polyglot.Length, served.Length);
        Assert.Equal("nosniff", string.Join(",", photo.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_large_photo_is_scaled_down_to_2048_pixels_on_its_longest_side()
    {
        var (officer, id) = await ReportWithPhotoAsync("besar.jpg", TestImages.Jpeg(3000, 1000));
        var served = await (await officer.GetAsync($"/api/reports/{id}/photos/0")).Content.ReadAsByteArrayAsync();
        using var bitmap = SkiaSharp.SKBitmap.Decode(served);
        Assert.Equal(2048, Math.Max(bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_refused_naming_the_photo()
    {
        var client = app.CreateClient();
        var form = Form(village: "36.71.01.1003", lat: null, lon: null);
        var text = new ByteArrayContent("Ini bukan foto, hanya teks.\n"u8.ToArray());
        text.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(text, "photos", "foto.jpg");
        Assert.Contains("photos[0]", (await (await SubmitAsync(client, form)).ProblemAsync(400)).ErrorFields());
        // A file that starts like a JPEG but is none.
        var fake = Form(village: "36.71.01.1003", lat: null, lon: null, photos: ("palsu.jpg", (byte[])[0xFF, 0xD8, 0xFF, .. "<html>"u8.ToArray()]));
        Assert.Contains("photos[0]", (await (await SubmitAsync(client, fake)).ProblemAsync(400)).ErrorFields());
    }

    [Fact]
    public async Task A_reporters_photo_never_reaches_anyone_outside_immigration()
    {
        var (_, id) = await ReportWithPhotoAsync("bukti.jpg", TestImages.Jpeg());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/reports/{id}/photos/0")).StatusCode);
        foreach (var outsider in new[] { "polsek.setiabudi@pantau.test", "rt.setiabudi@pantau.test" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsync(outsider)).GetAsync($"/api/reports/{id}/photos/0")).StatusCode);
        // Another office's officer: the report does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("petugas.jaksel@pantau.test")).GetAsync($"/api/reports/{id}/photos/0")).StatusCode);
    }
}
