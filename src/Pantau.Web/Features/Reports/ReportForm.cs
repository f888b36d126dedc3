using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>Reads a report from the phone form (multipart, with photos) or from JSON (without).</summary>
public static class ReportForm
{
    /// <summary>The submission, its photos, or (when unreadable) the field that could not be read.</summary>
    public static async Task<(ReportSubmission? Submission, List<PhotoUpload> Photos, string? BadField)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasJsonContentType())
        {
            try
            {
                var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                return (await request.ReadFromJsonAsync<ReportSubmission>(json, ct), [], null);
            }
            catch (JsonException e)
            {
                return (null, [], e.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "body");
            }
        }
        if (!request.HasFormContentType) return (null, [], "body");
        var form = await request.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;

        ReportCategory? category = null;
        if (Field("category") is { } c)
        {
            if (!InputRules.TryParseEnum<ReportCategory>(c, out var parsed)) return (null, [], "category");
            category = parsed;
        }
        double? Number(string name, out bool bad)
        {
            bad = false;
            if (Field(name) is not { } s) return null;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            bad = true;
            return null;
        }
        var lat = Number("latitude", out var badLat);
        if (badLat) return (null, [], "latitude");
        var lon = Number("longitude", out var badLon);
        if (badLon) return (null, [], "longitude");
        DateTimeOffset? occurred = null;
        if (Field("occurredAt") is { } o)
        {
            if (!DateTimeOffset.TryParse(o, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return (null, [], "occurredAt");
            occurred = at;
        }

        var photos = await PhotosAsync(form, ct);
        return (new ReportSubmission(category, lat, lon, Field("villageCode"), Field("address"), occurred, Field("description"),
            Field("personNationality"), Field("personName"), Field("workplace")), photos, null);
    }

    /// <summary>
    /// The photos of a form (fields photos, photo or media, or those <paramref name="isPhoto"/> names), each read up to
    /// one byte past the limit.
    /// </summary>
    public static async Task<List<PhotoUpload>> PhotosAsync(IFormCollection form, CancellationToken ct, Func<string, bool>? isPhoto = null)
    {
        var photos = new List<PhotoUpload>();
        foreach (var file in form.Files.Where(f => isPhoto?.Invoke(f.Name) ?? f.Name is "photos" or "photo" or "media"))
        {
            // Read one byte past the limit at most: enough to refuse a large file without holding all of it.
            await using var stream = file.OpenReadStream();
            var buffer = new byte[Math.Min(file.Length, ReportPhoto.MaxBytes + 1)];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is > 0 and var n) read += n;
            photos.Add(new PhotoUpload(file.FileName, buffer[..read]));
        }
        return photos;
    }
}
