using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Open311;

/// <param name="Trusted">The organisation verifies its own reporters: its reports skip the phone proof (<see cref="ApiClient.Trusted"/>).</param>
public sealed record ApiKeyRequest(string? Name, int? OfficeId, bool Trusted = false);
public sealed record IssuedApiKey(Guid Id, string Name, int? OfficeId, bool Trusted, DateTime CreatedAt, string Key);
public sealed record ApiKeySummary(Guid Id, string Name, int? OfficeId, bool Trusted, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// The keys of Open311 client applications. A national admin issues them for any office (or nationally); an office
/// head for their own office, and sees and revokes only those. The key itself is returned once, when issued.
/// </summary>
public static class ApiKeysApi
{
    public static void MapOpen311Keys(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/open311/keys").WithTags("Open311")
            .RequireAuthorization(p => p.RequireRole(nameof(StaffRole.NationalAdmin), nameof(StaffRole.OfficeHead)));
        g.MapPost("/", Issue);
        g.MapGet("/", List);
        g.MapPost("/{id:guid}/revoke", Revoke);
    }

    /// <summary>The client application a key (issued, not revoked) belongs to; null for none.</summary>
    public static async Task<ClientApplication?> ClientOfAsync(PantauDb db, string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var hash = ApiClient.Hash(key.Trim());
        return await db.ApiClients.Where(c => c.KeyHash == hash && c.RevokedAt == null)
            .Select(c => new ClientApplication(c.Id, c.Name, c.Trusted)).FirstOrDefaultAsync(ct);
    }

    private static async Task<Results<Created<IssuedApiKey>, ValidationProblem>> Issue(ApiKeyRequest body, PantauDb db, CurrentStaff current,
        TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        var name = body.Name?.Trim();
        if (v.Require("name", !string.IsNullOrEmpty(name), Open311Codes.KeyNameRequired))
        {
            v.Require("name", name!.Length <= ApiClient.MaxName, SharedCodes.AtMostCharacters, ApiClient.MaxName);
            v.Require("name", !name.Any(char.IsControl), SharedCodes.ControlCharactersNotAllowed);
        }
        var officeId = current.Role == StaffRole.NationalAdmin ? body.OfficeId : current.OfficeId;
        if (current.Role == StaffRole.OfficeHead)
            v.Require("officeId", current.OfficeId is not null && (body.OfficeId is null || body.OfficeId == current.OfficeId),
                Open311Codes.OwnOfficeKeys);
        else if (officeId is { } id)
            v.Require("officeId", await db.Offices.AnyAsync(o => o.Id == id, ct), SharedCodes.ThereNoOfficeId);
        if (!v.IsValid) return v.Problem();

        var key = ApiClient.NewKey();
        var client = new ApiClient { Name = name!, KeyHash = ApiClient.Hash(key), OfficeId = officeId, Trusted = body.Trusted, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/open311/keys/{client.Id}", new IssuedApiKey(client.Id, client.Name, client.OfficeId, client.Trusted, client.CreatedAt, key));
    }

    private static async Task<Ok<List<ApiKeySummary>>> List(PantauDb db, CurrentStaff current, CancellationToken ct)
    {
        var keys = await Visible(db, current).AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<ApiKeySummary>, NotFound>> Revoke(Guid id, PantauDb db, CurrentStaff current, TimeProvider time,
        CancellationToken ct)
    {
        if (await Visible(db, current).FirstOrDefaultAsync(c => c.Id == id, ct) is not { } client) return TypedResults.NotFound();
        client.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Summary(client));
    }

    // An office head's keys are their office's; another office's key does not exist for them.
    private static IQueryable<ApiClient> Visible(PantauDb db, CurrentStaff current) =>
        current.Role == StaffRole.NationalAdmin ? db.ApiClients : db.ApiClients.Where(c => c.OfficeId != null && c.OfficeId == current.OfficeId);

    private static ApiKeySummary Summary(ApiClient c) =>
        new(c.Id, c.Name, c.OfficeId, c.Trusted, c.CreatedAt, c.RevokedAt);
}
