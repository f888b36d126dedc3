using SkiaSharp;

namespace Pantau.Web.Features.Reports;

/// <summary>A photo as Pantau keeps it: re-encoded pixels only.</summary>
public sealed record CleanPhoto(byte[] Content, string ContentType, int Width, int Height);

/// <summary>
/// Every photo that comes in (a reporter's, a team's findings) is decoded and encoded again as a JPEG: only its pixels
/// survive, so no EXIF (a phone's GPS position, its owner's name), no comment and no bytes appended or hidden in it (a
/// JPEG that is also an HTML page) are stored or served. The longest side is capped, so the size is too; a file that
/// does not decode as a JPEG, PNG or WebP image, or claims more pixels than a phone's camera takes, is refused.
/// </summary>
public static class PhotoCleaning
{
    public const int MaxSide = 2048;
    /// <summary>Pixels a file may declare before it is decoded (a small file can claim gigapixels).</summary>
    public const long MaxSourcePixels = 60_000_000;
    public const int Quality = 85;

    public static CleanPhoto? Clean(byte[] content)
    {
        if (ReportRules.ImageType(content) is null) return null;
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxSourcePixels) return null;
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp)) return null;

        // Decode at a reduced scale where the format allows (JPEG: 1/2, 1/4, 1/8): less memory for a large photo.
        var size = new SKSizeI(info.Width, info.Height);
        if (Math.Max(info.Width, info.Height) > MaxSide)
            for (var eighths = 1; eighths < 8; eighths++)
                if (codec.GetScaledDimensions(eighths / 8f) is var scaled && Math.Max(scaled.Width, scaled.Height) >= MaxSide)
                {
                    size = scaled;
                    break;
                }
        using var decoded = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;

        // The phone's orientation lives in the EXIF that is dropped: turn the pixels upright first.
        var origin = codec.EncodedOrigin;
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = turned ? (decoded.Height, decoded.Width) : (decoded.Width, decoded.Height);
        var fit = Math.Min(1d, (double)MaxSide / Math.Max(w, h));
        var (outW, outH) = (Math.Max(1, (int)Math.Round(w * fit)), Math.Max(1, (int)Math.Round(h * fit)));

        using var surface = SKSurface.Create(new SKImageInfo(outW, outH, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (surface is null) return null;
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // a transparent PNG becomes a JPEG on white
        canvas.Scale((float)outW / w, (float)outH / h);
        Orient(canvas, origin, decoded.Width, decoded.Height);
        using (var image = SKImage.FromBitmap(decoded))
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return encoded is null ? null : new CleanPhoto(encoded.ToArray(), "image/jpeg", outW, outH);
    }

    /// <summary>Maps the stored pixels (width × height) onto an upright canvas, per the EXIF orientation.</summary>
    private static void Orient(SKCanvas c, SKEncodedOrigin origin, int width, int height)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: c.Translate(width, 0); c.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomRight: c.Translate(width, height); c.RotateDegrees(180); break;
            case SKEncodedOrigin.BottomLeft: c.Translate(0, height); c.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: c.RotateDegrees(90); c.Scale(1, -1); break;
            case SKEncodedOrigin.RightTop: c.Translate(height, 0); c.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: c.Translate(height, width); c.Scale(-1, -1); c.RotateDegrees(90); c.Scale(1, -1); break;
            case SKEncodedOrigin.LeftBottom: c.Translate(0, width); c.RotateDegrees(-90); break;
        }
    }
}
