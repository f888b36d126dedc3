using System.Buffers.Binary;
using SkiaSharp;

namespace Pantau.Tests.Reports;

/// <summary>Photos as a phone or an attacker sends them: a JPEG carrying its GPS position, a JPEG that is also a web page.</summary>
public static class TestImages
{
    public static readonly byte[] ExifHeader = "Exif\0\0"u8.ToArray();
    public const string Script = "<script>alert(document.cookie)</script>";

    public static byte[] Jpeg(int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(new SKColor(30, 120, 200));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF segment holding a GPS position (6° 10' 41.3" S), as a phone's camera writes it.</summary>
    public static byte[] JpegWithGps()
    {
        var tiff = new byte[80];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        // IFD0: one entry, GPSInfo (0x8825) → the GPS IFD at 26.
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        Entry(tiff, 10, 0x8825, 4, 1, 26);
        // GPS IFD: GPSLatitudeRef "S", GPSLatitude → three rationals at 56.
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(26), 2);
        Entry(tiff, 28, 0x0001, 2, 2, 'S');
        Entry(tiff, 40, 0x0002, 5, 3, 56);
        uint[] rationals = [6, 1, 10, 1, 4130, 100];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(56 + 4 * i), rationals[i]);
        var payload = ExifHeader.Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        var jpeg = Jpeg();
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A JPEG whose comment segment and trailing bytes are an HTML page with a script.</summary>
    public static byte[] JpegHtmlPolyglot()
    {
        var html = System.Text.Encoding.ASCII.GetBytes($"<html><body>{Script}</body></html>");
        var comment = new byte[4 + html.Length];
        comment[0] = 0xFF;
        comment[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(comment.AsSpan(2), (ushort)(html.Length + 2));
        html.CopyTo(comment, 4);
        var jpeg = Jpeg();
        return [.. jpeg[..2], .. comment, .. jpeg[2..], .. html];
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public static bool Contains(byte[] haystack, string needle) => Contains(haystack, System.Text.Encoding.ASCII.GetBytes(needle));

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
    }
}
