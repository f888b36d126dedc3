using System.Globalization;

namespace Pantau.Web.Kernel;

/// <summary>
/// One of Indonesia's three time zones, named by its IANA id and read as people say it: WIB (UTC+7), WITA (UTC+8),
/// WIT (UTC+9). Indonesia keeps no daylight saving time, so each zone is a fixed offset and the conversions need no
/// time-zone database. The app stores UTC; people read and type in their office's zone.
/// </summary>
public sealed record IndonesianTimeZone(string Id, string Abbreviation, TimeSpan Offset)
{
    public static readonly IndonesianTimeZone Wib = new("Asia/Jakarta", "WIB", TimeSpan.FromHours(7));
    public static readonly IndonesianTimeZone Wita = new("Asia/Makassar", "WITA", TimeSpan.FromHours(8));
    public static readonly IndonesianTimeZone Wit = new("Asia/Jayapura", "WIT", TimeSpan.FromHours(9));

    public static readonly IReadOnlyList<IndonesianTimeZone> All = [Wib, Wita, Wit];

    /// <summary>The longest id, for the column.</summary>
    public const int MaxId = 32;

    /// <summary>The zone with this IANA id, or null.</summary>
    public static IndonesianTimeZone? Find(string? id) => All.FirstOrDefault(z => string.Equals(z.Id, id, StringComparison.Ordinal));

    /// <summary>The zone with this id; WIB for an id that is none of the three (a row written before the column).</summary>
    public static IndonesianTimeZone Of(string? id) => Find(id) ?? Wib;

    /// <summary>
    /// The zone most of a province keeps (tzdata's zone1970.tab, country ID): Bali, Nusa Tenggara, South, East and
    /// North Kalimantan and Sulawesi are WITA; Maluku and Papua are WIT; Sumatra, Java, West and Central Kalimantan WIB.
    /// </summary>
    public static IndonesianTimeZone ForProvince(string? provinceCode) => provinceCode switch
    {
        "51" or "52" or "53" or "63" or "64" or "65" or "71" or "72" or "73" or "74" or "75" or "76" => Wita,
        ['8', _] or ['9', _] => Wit,
        _ => Wib,
    };

    /// <summary>A UTC instant as the wall-clock time here (kind Unspecified).</summary>
    public DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(AsUtc(utc) + Offset, DateTimeKind.Unspecified);

    /// <summary>A wall-clock time here as the UTC instant.</summary>
    public DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);

    /// <summary>The UTC instants [start, end) of a local calendar day here.</summary>
    public (DateTime From, DateTime To) Day(DateOnly day)
    {
        var from = ToUtc(day.ToDateTime(TimeOnly.MinValue));
        return (from, from.AddDays(1));
    }

    /// <summary>The local calendar day here of a UTC instant.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>"+07:00", for an ISO 8601 time with this zone's offset.</summary>
    public string OffsetText => (Offset < TimeSpan.Zero ? "-" : "+") + Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static DateTime AsUtc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };
}
