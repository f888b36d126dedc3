using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Regions;

namespace Pantau.Web.Features.Dashboard;

/// <summary>A place on the heat map and how many of the period's reports are there.</summary>
/// <param name="VillageCentre">True when the point is the kelurahan's centre (reports without a position of their own).</param>
public sealed record HeatPoint(double Latitude, double Longitude, int Reports, string? VillageCode, string? Village, bool VillageCentre);

/// <param name="Reports">All reports of the period in the area.</param>
/// <param name="Placed">Of those, the ones on the map: with a position, or in a kelurahan whose centre is known.</param>
/// <param name="Capped">More places than <see cref="Limit"/>: only the busiest are given (<see cref="Shown"/> reports of them).</param>
/// <param name="Points">The busiest first.</param>
public sealed record DashboardHeat(DashboardPeriod Period, DashboardArea Area, int Reports, int Placed, int Shown, int Limit, bool Capped,
    IReadOnlyList<HeatPoint> Points)
{
    public const int MaxPoints = 2000;

    /// <summary>Positions are grouped to about a hundred metres (three decimals of a degree): what a heat map can show anyway.</summary>
    private const double Grid = 1000;

    /// <summary>
    /// Groups the period's reports in the database by kelurahan and rounded position, so that only the places and
    /// their counts leave it; a report without a position of its own stands at its kelurahan's centre.
    /// </summary>
    public static async Task<DashboardHeat> ComputeAsync(PantauDb db, PlaceFinder places, RegionNames names, DashboardArea area, DashboardPeriod period,
        DateTime start, DateTime end, CancellationToken ct)
    {
        var reports = DashboardFigures.ReportsOf(db, area).Where(r => r.VerifiedAt >= start && r.VerifiedAt < end);
        var groups = reports
            .GroupBy(r => new
            {
                r.VillageCode,
                Lat = r.Latitude == null || r.Longitude == null ? (double?)null : Math.Round(r.Latitude.Value * Grid),
                Lng = r.Latitude == null || r.Longitude == null ? (double?)null : Math.Round(r.Longitude.Value * Grid),
            })
            .Select(g => new { g.Key.VillageCode, g.Key.Lat, g.Key.Lng, Count = g.Count() });
        // The busiest places first; ties by place, so the cap cuts the same way each time.
        var found = await groups.OrderByDescending(g => g.Count).ThenBy(g => g.VillageCode).ThenBy(g => g.Lat).ThenBy(g => g.Lng)
            .Take(MaxPoints * 2).ToListAsync(ct);
        var total = await reports.CountAsync(ct);
        var shapes = places.Shapes;
        var points = new List<HeatPoint>();
        var unplaced = 0;
        foreach (var g in found)
        {
            if (g.Lat is { } lat && g.Lng is { } lng)
                points.Add(new HeatPoint(lat / Grid, lng / Grid, g.Count, g.VillageCode, null, false));
            else if (g.VillageCode is { } village && shapes.CentreOf(village) is { } centre)
                points.Add(new HeatPoint(Math.Round(centre.Latitude, 5), Math.Round(centre.Longitude, 5), g.Count, village, null, true));
            else unplaced += g.Count;
        }
        var capped = points.Count > MaxPoints || found.Count == MaxPoints * 2;
        if (points.Count > MaxPoints) points = points.Take(MaxPoints).ToList();
        var villageNames = await names.NamesOfAsync(db, points.Select(p => p.VillageCode).OfType<string>().Distinct(), ct);
        points = points.Select(p => p with { Village = p.VillageCode is { } c ? villageNames.GetValueOrDefault(c) : null }).ToList();

        // Reports that cannot be placed (neither a position nor a kelurahan with a shape), counted outright when capped.
        var placed = capped
            ? await reports.CountAsync(r => (r.Latitude != null && r.Longitude != null) || r.VillageCode != null, ct)
            : total - unplaced;
        return new DashboardHeat(period, area, total, placed, points.Sum(p => p.Reports), MaxPoints, capped, points);
    }
}
