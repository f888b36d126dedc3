using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.PermitExpiry;

public sealed record RunRequest(DateOnly? Day);

/// <summary>Permits ending soon or ended, for officers (scoped like the registry), and the daily job's runs for the national admin.</summary>
public static class PermitExpiryApi
{
    public static void MapPermitExpiry(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/permit-expiry").WithTags("Permit expiry");
        g.MapGet("/", List).RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/runs", Runs).RequireAuthorization(Policies.RunDailyJobs);
        g.MapPost("/runs", Run).RequireAuthorization(Policies.RunDailyJobs);
    }

    /// <summary>The list for <paramref name="day"/> (today by default), audited as a search of the people on it.</summary>
    public static async Task<ExpiryList> ReadAsync(PantauDb db, Auditor audit, DateOnly day, CancellationToken ct)
    {
        var (list, regencies) = await ExpiringPermits.ListAsync(db, day, ct);
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Search, RegistryQueries.RecordType,
            list.Expiring.Concat(list.Lapsed).Select(p => p.ForeignerId).Distinct().ToList(), regencies, "permit expiry list"), ct);
        return list;
    }

    private static async Task<Ok<ExpiryList>> List(DateOnly? day, PantauDb db, Auditor audit, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, audit, day ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct));

    private static async Task<Ok<List<PermitExpiryRun>>> Runs(PantauDb db, CancellationToken ct)
    {
        var runs = await db.ScheduledRuns.AsNoTracking().Where(r => r.Job == PermitExpiryJob.Name)
            .OrderByDescending(r => r.Day).Take(60).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(r => PermitExpiryJob.Describe(r, ran: true)).ToList());
    }

    /// <summary>Runs the job now for a day (today by default); 409 when that day has been run already.</summary>
    private static async Task<Results<Ok<PermitExpiryRun>, ValidationProblem, Conflict<ProblemDetails>>> Run(RunRequest? req,
        PermitExpiryJob job, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = req?.Day ?? today;
        if (day > today.AddDays(1) || day < today.AddYears(-1))
            return Validation.Single("day", PermitExpiryCodes.DayWithinPastYear);
        var run = await job.RunAsync(day, ct);
        if (!run.Ran)
            return TypedResults.Conflict(Problems.Details(409, PermitExpiryCodes.AlreadyRun, ("run", run)));
        return TypedResults.Ok(run);
    }
}
