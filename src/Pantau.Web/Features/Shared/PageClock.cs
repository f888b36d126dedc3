using System.Globalization;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Shared;

/// <summary>
/// The time zone a page shows its times in, and those times as people read them ("6 Des 2026 08.00 WIB"). A page about
/// one office (the roster of the office chosen, a report's tracking page) names it with <see cref="Use"/>; otherwise
/// it is the signed-in account's office, or the province of its area (a regional division, a partner, an RT/RW head),
/// or WIB. The layout gives the same zone to the browser's scripts (<c>data-time-zone</c>), so a page's server-written
/// times and its script-written times agree.
/// </summary>
public sealed class PageClock(CurrentStaff current, JurisdictionMap offices, PantauDb db)
{
    private IndonesianTimeZone? _zone;

    /// <summary>Shows this page's times in <paramref name="zone"/>.</summary>
    public void Use(IndonesianTimeZone zone) => _zone = zone;

    public async Task<IndonesianTimeZone> ZoneAsync()
    {
        if (_zone is { } chosen) return chosen;
        var user = current.User;
        _zone = user?.OfficeId is { } office ? await offices.ZoneOfAsync(office, db)
            : IndonesianTimeZone.ForProvince((user?.ProvinceCode ?? user?.Districts.FirstOrDefault() ?? user?.VillageCode)?[..2]);
        return _zone;
    }

    /// <summary>The zone once known (<see cref="ZoneAsync"/> or <see cref="Use"/>), else WIB.</summary>
    public IndonesianTimeZone Zone => _zone ?? IndonesianTimeZone.Wib;

    /// <summary>An instant as a date and time in the page's zone with its name: 6 Des 2026 08.00 WIB.</summary>
    public string Time(DateTime utc) => Format(utc, Zone);

    public static string Format(DateTime utc, IndonesianTimeZone zone) =>
        zone.ToLocal(utc).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture) + " " + zone.Abbreviation;

    /// <summary>An instant as ISO 8601 with the zone's offset, for <c>&lt;time datetime&gt;</c>.</summary>
    public string Iso(DateTime utc) =>
        Zone.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Zone.OffsetText;
}
