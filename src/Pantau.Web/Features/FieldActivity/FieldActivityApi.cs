using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Places;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.FieldActivity;

public sealed record PositionPing(double? Latitude, double? Longitude, FieldActivityKind? Activity, DateTimeOffset? At, string? Note);
/// <summary>A ping as the office head reads it, with the name of the place it was sent from (null at sea or abroad).</summary>
public sealed record PositionResponse(long Id, Guid OfficerId, string OfficerName, int OfficeId, DateTime At, double Latitude, double Longitude,
    FieldActivityKind Activity, string? Note, string? VillageCode, string? Place)
{
    public static PositionResponse From(FieldPosition p, PlaceDirectory places) => new(p.Id, p.OfficerId, p.OfficerName, p.OfficeId, p.At,
        p.Latitude, p.Longitude, p.Activity, p.Note, p.VillageCode, p.VillageCode is { } code ? places.Village(code)?.Label : null);
}

/// <summary>Field officers' pings, and the office head's live view of them.</summary>
public static class FieldActivityApi
{
    /// <summary>Phones' clocks drift: a ping up to this far ahead of the server is taken as now.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan OldestPing = TimeSpan.FromHours(24);

    public static void MapFieldActivity(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/field").WithTags("Field activity");
        g.MapPost("/positions", Ping).RequireAuthorization(Policies.FieldCheck);
        g.MapGet("/officers", LatestPerOfficer).RequireAuthorization(Policies.WatchField);
        g.MapGet("/positions", History).RequireAuthorization(Policies.WatchField);
        g.MapGet("/stream", Stream).RequireAuthorization(Policies.WatchField);
    }

    private static async Task<Results<Created<PositionResponse>, ValidationProblem, ProblemHttpResult>> Ping(PositionPing ping, PantauDb db,
        CurrentStaff current, LiveEventHub hub, IOptions<JsonOptions> json, PlaceFinder places, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var v = new Validation();
        v.Require("latitude", ping.Latitude is >= -90 and <= 90, FieldActivityCodes.LatitudeBetween9090);
        v.Require("longitude", ping.Longitude is >= -180 and <= 180, FieldActivityCodes.LongitudeBetween180180);
        v.Require("activity", ping.Activity is not null, FieldActivityCodes.ActivityRequiredPatrolStartedArrived);
        if (ping.At is { } at)
        {
            v.Require("at", at <= now + ClockSkew, FieldActivityCodes.PingCannotComeFuture);
            v.Require("at", at >= now - OldestPing, FieldActivityCodes.PingOlderThan24);
        }
        v.Require("note", ping.Note is null || ping.Note.Length <= 300, FieldActivityCodes.NoteMost300Characters);
        if (!v.IsValid) return v.Problem();
        if (current.OfficeId is not { } officeId)
            return Problems.Refusal(403, FieldActivityCodes.OfficeStaffOnly);

        var response = await FieldPositions.RecordAsync(db, current, officeId, hub, json.Value, places, ping.Latitude!.Value, ping.Longitude!.Value, ping.Activity!.Value,
            ping.Note?.Trim(), (ping.At is { } a && a < now ? a : now).UtcDateTime, now.UtcDateTime, ct);
        return TypedResults.Created($"/api/field/positions/{response.Id}", response);
    }

    private static IQueryable<FieldPosition> OfOffice(PantauDb db, CurrentStaff current, int? officeId) =>
        current.Role == StaffRole.NationalAdmin && officeId is { } o ? db.FieldPositions.Where(p => p.OfficeId == o)
        : db.FieldPositions.Where(p => p.OfficeId == current.OfficeId);

    private static async Task<Ok<List<PositionResponse>>> LatestPerOfficer(PantauDb db, CurrentStaff current, PlaceFinder places, TimeProvider time, int? officeId)
    {
        var since = time.GetUtcNow().UtcDateTime - OldestPing;
        var recent = OfOffice(db, current, officeId).AsNoTracking().Where(p => p.At >= since);
        var latest = await FieldPositions.LatestPerOfficer(recent).OrderBy(p => p.OfficerName).ToListAsync();
        return TypedResults.Ok(latest.Select(p => PositionResponse.From(p, places.Directory)).ToList());
    }

    private static async Task<Results<Ok<List<PositionResponse>>, ValidationProblem>> History(PantauDb db, CurrentStaff current, PlaceFinder places, TimeProvider time,
        Guid? officer, DateOnly? date, int? officeId)
    {
        var day = date ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);
        var q = OfOffice(db, current, officeId).AsNoTracking().Where(p => p.At >= from && p.At < to);
        if (officer is { } o) q = q.Where(p => p.OfficerId == o);
        var list = await q.OrderBy(p => p.At).ThenBy(p => p.Id).Take(5000).ToListAsync();
        return TypedResults.Ok(list.Select(p => PositionResponse.From(p, places.Directory)).ToList());
    }

    /// <summary>
    /// Live pings of the caller's office. A page that reconnects (EventSource sends Last-Event-ID) first gets the
    /// pings it missed from the database, then the live ones.
    /// </summary>
    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> Stream(HttpContext http, CurrentStaff current, LiveEventHub hub, IServiceScopeFactory scopes, IOptions<JsonOptions> json, PlaceFinder places)
    {
        if (current.OfficeId is not { } officeId) return Problems.Refusal(403, FieldActivityCodes.LiveViewOneOffice);
        return LiveStream.Serve(http, hub, officeId, Kinds.Position, async (lastSeen, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
            var missed = await db.FieldPositions.AsNoTracking().Where(p => p.OfficeId == officeId && p.Id > lastSeen)
                .OrderBy(p => p.Id).Take(1000).ToListAsync(ct);
            return missed.Select(p => FieldPositions.Event(PositionResponse.From(p, places.Directory), json.Value)).ToList();
        });
    }
}
