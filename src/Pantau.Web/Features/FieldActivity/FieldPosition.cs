using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Places;

namespace Pantau.Web.Features.FieldActivity;

/// <summary>What a ping says the officer is doing; <see cref="SetOut"/> is a team setting out to a report dispatched to it.</summary>
public enum FieldActivityKind { PatrolStarted, Arrived, CheckDone, PatrolEnded, Position, SetOut }

/// <summary>A field officer's phone saying where they are and what they are doing.</summary>
public sealed class FieldPosition
{
    public long Id { get; init; }
    public Guid OfficerId { get; init; }
    public required string OfficerName { get; init; }
    public int OfficeId { get; init; }
    public DateTime At { get; init; }
    public DateTime ReceivedAt { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public FieldActivityKind Activity { get; init; }
    public string? Note { get; init; }

    /// <summary>The kelurahan/desa of the position (null at sea or abroad), found when the ping arrives.</summary>
    public string? VillageCode { get; init; }
}

/// <summary>What other features may do with officers' positions: a team's field steps are pings too.</summary>
public static class FieldPositions
{
    /// <summary>Each officer's latest ping among <paramref name="pings"/> (none newer by the same officer), read in the database.</summary>
    public static IQueryable<FieldPosition> LatestPerOfficer(IQueryable<FieldPosition> pings) =>
        pings.Where(p => !pings.Any(q => q.OfficerId == p.OfficerId && q.Id > p.Id));

    /// <summary>Saves a ping of the calling officer and shows it live to the office head (also what a team's field steps send).</summary>
    public static async Task<PositionResponse> RecordAsync(PantauDb db, CurrentStaff current, int officeId, LiveEventHub hub, JsonOptions json,
        PlaceFinder places, double latitude, double longitude, FieldActivityKind activity, string? note, DateTime at, DateTime now, CancellationToken ct)
    {
        var position = new FieldPosition
        {
            OfficerId = current.UserId!.Value, OfficerName = current.User!.FullName, OfficeId = officeId, At = at, ReceivedAt = now,
            Latitude = latitude, Longitude = longitude, Activity = activity, Note = note,
            VillageCode = places.Shapes.At(latitude, longitude)?.Code,
        };
        db.FieldPositions.Add(position);
        await db.SaveChangesAsync(ct);
        var response = PositionResponse.From(position, places.Directory);
        hub.Publish(Event(response, json));
        return response;
    }

    public static LiveEvent Event(PositionResponse p, JsonOptions json) =>
        new(Kinds.Position, p.Id, p.OfficeId, JsonSerializer.Serialize(p, json.SerializerOptions));
}

/// <summary>The officers' pings read back from <c>FieldPositions</c> for the relay.</summary>
public sealed class StoredPositions(IOptions<JsonOptions> json, PlaceFinder places) : IStoredLiveEvents
{
    public string Kind => Kinds.Position;

    public Task<List<LiveEvent>> LoadAsync(PantauDb db, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        PositionsAsync(db.FieldPositions.Where(p => ids.Contains(p.Id)), ct);

    public Task<List<LiveEvent>> SinceAsync(PantauDb db, long lastSeen, DateTime since, CancellationToken ct) =>
        PositionsAsync(db.FieldPositions.Where(p => (lastSeen > 0 && p.Id > lastSeen) || p.ReceivedAt >= since), ct);

    private async Task<List<LiveEvent>> PositionsAsync(IQueryable<FieldPosition> positions, CancellationToken ct) =>
        (await positions.AsNoTracking().OrderByDescending(p => p.Id).Take(StoredLiveEvents.CatchUpLimit).ToListAsync(ct))
        .OrderBy(p => p.Id).Select(p => FieldPositions.Event(PositionResponse.From(p, places.Directory), json.Value)).ToList();
}
