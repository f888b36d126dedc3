using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging;

/// <summary>The office's queue of guests to look at, shared by the API and the page.</summary>
public static class LodgingFlags
{
    public const int Limit = 500;

    /// <summary>The flags of the caller's office (every office's for the national admin).</summary>
    public static IQueryable<LodgingFlag> ForOfficeOf(this IQueryable<LodgingFlag> flags, CurrentStaff staff) =>
        staff.Scope.Everything ? flags
        : staff.OfficeId is { } office ? flags.Where(f => f.OfficeId == office)
        : flags.Where(_ => false);

    /// <summary>Open flags oldest first, or resolved ones newest first; audited, as they name guests by passport.</summary>
    public static async Task<List<FlagResponse>> ListAsync(PantauDb db, Auditor audit, CurrentStaff staff, bool resolved, CancellationToken ct)
    {
        var q = db.LodgingFlags.AsNoTracking().ForOfficeOf(staff);
        q = resolved ? q.Where(f => f.ResolvedAt != null).OrderByDescending(f => f.ResolvedAt) : q.Where(f => f.ResolvedAt == null).OrderBy(f => f.RaisedAt);
        var flags = await q.Take(Limit).ToListAsync(ct);
        var list = await DescribeAsync(db, flags, ct);
        await audit.RecordReadAsync(db, await AuditRecordAsync(db, AuditActions.Search, flags, "lodging flags", ct), ct);
        return list;
    }

    /// <summary>
    /// The audit record of flags read or resolved: the registered people they name, the offices holding those people
    /// (wherever they are registered: a guest is looked up nationally) and the offices whose queue holds the flags.
    /// </summary>
    public static async Task<AuditRecord> AuditRecordAsync(PantauDb db, string action, IReadOnlyCollection<LodgingFlag> flags, string purpose,
        CancellationToken ct)
    {
        var people = flags.Select(f => f.ForeignerId).OfType<Guid>().Distinct().ToList();
        return new AuditRecord(action, RegistryQueries.RecordType, people, await RegistryQueries.RegenciesOfAsync(db, people, ct), purpose,
            flags.Select(f => f.OfficeId).Distinct().ToList());
    }

    /// <summary>Saves a flag just resolved with its audit entry (the answer names the guest), both or neither.</summary>
    public static async Task SaveResolvedAsync(PantauDb db, Auditor audit, LodgingFlag flag, CancellationToken ct) =>
        await audit.SaveAsync(db, await AuditRecordAsync(db, AuditActions.LodgingFlagResolved, [flag], "lodging flag resolved", ct), ct);

    public static Validation CheckResolution(string? note)
    {
        var v = new Validation();
        v.Require("note", note?.Trim() is { Length: >= 3 and <= 500 }, LodgingCodes.SayWhatWasDone);
        return v;
    }

    public static async Task<List<FlagResponse>> DescribeAsync(PantauDb db, IReadOnlyList<LodgingFlag> flags, CancellationToken ct)
    {
        var stayIds = flags.Select(f => f.StayId).Distinct().ToList();
        var stays = await db.GuestStays.AsNoTracking().Where(s => stayIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var lodgingIds = flags.Select(f => f.LodgingId).Distinct().ToList();
        var names = await db.Lodgings.AsNoTracking().Where(l => lodgingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        return flags.Select(f =>
        {
            var s = stays[f.StayId];
            return new FlagResponse(f.Id, f.Reason, f.RaisedAt, f.LodgingId, names.GetValueOrDefault(f.LodgingId, ""),
                s.Id, s.PassportNumber, s.Nationality, s.GuestName, s.Room, s.CheckIn, s.PlannedCheckOut, s.CheckedOutOn, f.ForeignerId, f.PermitExpiry,
                f.ResolvedAt, f.Resolution);
        }).ToList();
    }
}
