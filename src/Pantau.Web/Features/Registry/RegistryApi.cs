using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Regions;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Registry;

public sealed record RegistrySearch(string? Query, string? Region, string? Nationality, PermitType? PermitType,
    DateOnly? ExpiringBefore, ResidentStatus? Status, int Page = 1, int PageSize = 20);

/// <summary>The registry of foreigners for immigration staff. Scope is the query filter's job: nothing here checks it.</summary>
public static class RegistryApi
{
    public const string RecordType = RegistryQueries.RecordType;

    public static void MapRegistry(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/foreigners").WithTags("Registry").RequireAuthorization(Policies.RegistryRead);
        g.MapGet("/", Search);
        g.MapGet("/{id:guid}", Get);
        g.MapPost("/", Create).RequireAuthorization(Policies.RegistryWrite);
        g.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.RegistryWrite);
    }

    private static async Task<Results<Ok<ForeignerPage>, ValidationProblem>> Search(
        [AsParameters] RegistrySearch s, string? purpose, PantauDb db, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        var v = RegistryQueries.Check(s);
        if (!v.IsValid) return v.Problem();
        return TypedResults.Ok(await RegistryQueries.SearchAsync(db, audit, s, purpose, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct));
    }

    private static async Task<Results<Ok<ForeignerResponse>, NotFound>> Get(Guid id, string? purpose, PantauDb db, Auditor audit,
        TimeProvider time, CancellationToken ct) =>
        await RegistryQueries.ReadAsync(db, audit, id, purpose, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct) is { } f
            ? TypedResults.Ok(f)
            : TypedResults.NotFound();

    private static async Task<Results<Created<ForeignerResponse>, ValidationProblem>> Create(ForeignerRequest req, PantauDb db,
        CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var holders = new List<(Guid Id, string RegencyCode)>();
        var v = await ForeignerValidator.ValidateAsync(req, today, db, null, holders);
        await AuditNumbersTakenAsync(db, audit, holders, "registration", ct);
        if (v.IsValid && !current.Scope.Covers(req.Address!.VillageCode!, req.Address.Rw!.Value, req.Address.Rt!.Value))
            v.Add("address.villageCode", RegistryCodes.VillageOutsideJurisdiction);
        if (!v.IsValid) return v.Problem();

        var f = new Foreigner(req.FullName!, req.Sex!.Value, req.DateOfBirth!.Value, Nationalities.Normalize(req.Nationality), now);
        f.Apply(req, now);
        db.Foreigners.Add(f);
        await audit.SaveAsync(db, new AuditRecord(AuditActions.Create, RecordType, [f.Id], [f.RegencyCode], "registration"), ct);
        return TypedResults.Created($"/api/foreigners/{f.Id}", await RespondAsync(f, db, time));
    }

    private static async Task<Results<Ok<ForeignerResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Update(
        Guid id, ForeignerRequest req, PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time, CancellationToken ct)
    {
        if (await RegistryQueries.LoadAsync(db.Foreigners, id, ct) is not { } f) return TypedResults.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        var holders = new List<(Guid Id, string RegencyCode)>();
        var v = await ForeignerValidator.ValidateAsync(req, DateOnly.FromDateTime(now), db, id, holders);
        await AuditNumbersTakenAsync(db, audit, holders, "registry update", ct);
        if (v.IsValid && !current.Scope.Covers(req.Address!.VillageCode!, req.Address.Rw!.Value, req.Address.Rt!.Value))
            v.Add("address.villageCode", RegistryCodes.VillageOutsideJurisdiction);
        if (!v.IsValid) return v.Problem();
        if (req.Version is { } version && version != f.Version) return Conflict(f.Version);

        var regencyBefore = f.RegencyCode;
        f.SetIdentity(req.FullName!, req.Sex!.Value, req.DateOfBirth!.Value, Nationalities.Normalize(req.Nationality), now);
        f.Apply(req, now);
        f.NextVersion();
        try
        {
            await audit.SaveAsync(db, new AuditRecord(AuditActions.Update, RecordType, [f.Id], new[] { regencyBefore, f.RegencyCode }.Distinct().ToList(),
                "registry update"), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict(null);
        }
        return TypedResults.Ok(await RespondAsync(f, db, time));
    }

    /// <summary>
    /// "This passport belongs to another registered person" tells that the person exists, in any office: the answer is
    /// a national look-up, so it is audited as one, naming the people and the offices holding them (whose heads see it).
    /// </summary>
    private static async Task AuditNumbersTakenAsync(PantauDb db, Auditor audit, List<(Guid Id, string RegencyCode)> holders, string purpose,
        CancellationToken ct)
    {
        if (holders.Count == 0) return;
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.NumberTaken, RecordType, holders.Select(h => h.Id).Distinct().ToList(),
            holders.Select(h => h.RegencyCode).Distinct().ToList(), $"{purpose}: passport or permit number already registered"), ct);
    }

    private static Task<ForeignerResponse> RespondAsync(Foreigner f, PantauDb db, TimeProvider time) =>
        RegistryQueries.DescribeAsync(f, db, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    private static Conflict<ProblemDetails> Conflict(int? current) => 
        TypedResults.Conflict(Problems.Details(409, RegistryCodes.ChangedBySomeoneElse, ("currentVersion", current)));
}

/// <summary>The registry's reads, shared by the API and the registry pages; each records its audit entry before it answers.</summary>
public static class RegistryQueries
{
    /// <summary>The audit trail's record type of a person in the registry.</summary>
    public const string RecordType = "foreigner";

    public static Validation Check(RegistrySearch s)
    {
        var v = new Validation();
        v.Require("page", s.Page >= 1, SharedCodes.PagesStart1);
        v.Require("pageSize", s.PageSize is >= 1 and <= 100, RegistryCodes.PageHolds1100);
        v.Require("region", s.Region is null || RegionCode.IsWellFormed(s.Region), SharedCodes.RegionCodeLooksLike);
        v.Require("nationality", s.Nationality is null || Nationalities.IsKnown(Nationalities.Normalize(s.Nationality)), RegistryCodes.NationalityMustISO3166);
        v.Require("query", s.Query is null || s.Query.Length <= 200, RegistryCodes.QueryMost200Characters);
        return v;
    }

    /// <summary>One page of a search that passed <see cref="Check"/>, audited as a search of the people on it.</summary>
    public static async Task<ForeignerPage> SearchAsync(PantauDb db, Auditor audit, RegistrySearch s, string? purpose, DateOnly today,
        CancellationToken ct)
    {
        // Past the last page: an empty page with the total, never page 1 again.
        var skip = InputRules.Skip(s.Page, s.PageSize) ?? 0;
        var words = string.IsNullOrWhiteSpace(s.Query) ? [] : PersonName.Tokens(s.Query).Take(6).ToList();
        List<PageRow> rows;
        if (words.Count == 1 && s is { Region: null, Nationality: null, Status: null, PermitType: null, ExpiringBefore: null })
        {
            // The usual search (a document number, or one word of a name) as a compiled query: building and
            // translating it on every request cost more than running it.
            rows = [];
            await foreach (var row in ByNumberOrWord(db, TravelDocuments.NormalizeNumber(s.Query), words[0], PersonName.PrefixUpperBound(words[0]),
                               skip, s.PageSize).WithCancellation(ct))
                rows.Add(row);
        }
        else
        {
            rows = await Matching(db, db.Foreigners.AsNoTracking(), s).OrderBy(f => f.NameKey).ThenBy(f => f.Id).Skip(skip).Take(s.PageSize)
                .Select(ToPageRow).ToListAsync(ct);
        }
        // A page that is not full is the last one, so it tells the total without counting.
        var total = rows.Count < s.PageSize && (rows.Count > 0 || s.Page == 1)
            ? skip + rows.Count
            : await Matching(db, db.Foreigners.AsNoTracking(), s).CountAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();

        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Search, RecordType, ids,
            rows.Select(r => r.RegencyCode).Distinct().ToList(), PurposeOr(purpose, "registry search")), ct);

        return new ForeignerPage(rows.Select(r =>
        {
            var permit = StayPermit.CurrentOf(r.Permits);
            return new ForeignerSummary(r.Id, r.FullName, r.Sex, r.DateOfBirth, r.Nationality, r.Status, r.Passports.MaxBy(p => p.ExpiryDate)?.Number,
                permit?.Type, permit?.Number, permit?.ExpiryDate, permit?.StatusOn(today), r.VillageCode, r.Rw, r.Rt);
        }).ToList(), s.Page, s.PageSize, total);
    }

    private sealed record PageRow(Guid Id, string FullName, Sex Sex, DateOnly DateOfBirth, string Nationality, ResidentStatus Status,
        string VillageCode, string RegencyCode, int Rw, int Rt, List<PassportNumber> Passports, List<StayPermit> Permits);

    private sealed record PassportNumber(string Number, DateOnly ExpiryDate);

    // A page's people with their documents in one query: each scoped query costs more in EF than the lookup in the
    // database. (A "latest permit per person" subquery would make the database rank every permit in the table, so
    // the page's permits come whole and the current one is chosen in memory.)
    private static readonly Expression<Func<Foreigner, PageRow>> ToPageRow = f => new PageRow(f.Id, f.FullName, f.Sex, f.DateOfBirth,
        f.Nationality, f.Status, f.VillageCode, f.RegencyCode, f.Rw, f.Rt,
        f.Passports.Select(p => new PassportNumber(p.Number, p.ExpiryDate)).ToList(), f.Permits.ToList());

    /// <summary><see cref="Matching"/> for a query of one word and nothing else, compiled.</summary>
    private static readonly Func<PantauDb, string, string, string, int, int, IAsyncEnumerable<PageRow>> ByNumberOrWord = EF.CompileAsyncQuery(
        // The helper at the root, where the query does not yet depend on the parameters: EF evaluates it when compiling.
        (PantauDb db, string number, string word, string upper, int skip, int take) => db.Foreigners
            .DocumentsOfScopedPeople("one-word search: candidates from the document and name indexes of scoped people").AsNoTracking()
            .Where(f => db.Passports.Where(p => p.Number == number).Select(p => p.ForeignerId)
                .Union(db.StayPermits.Where(p => p.Number == number).Select(p => p.ForeignerId))
                .Union(db.NameTokens.Where(t => t.Token.CompareTo(word) >= 0 && t.Token.CompareTo(upper) < 0).Select(t => t.ForeignerId))
                .Contains(f.Id))
            .OrderBy(f => f.NameKey).ThenBy(f => f.Id).Skip(skip).Take(take)
            .Select(ToPageRow));

    /// <summary>A person with region names, audited as a read; null when unknown or outside the caller's scope.</summary>
    public static async Task<ForeignerResponse?> ReadAsync(PantauDb db, Auditor audit, Guid id, string? purpose, DateOnly today,
        CancellationToken ct)
    {
        if (await LoadAsync(db.Foreigners.AsNoTracking(), id, ct) is not { } f) return null;
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.Read, RecordType, [f.Id], [f.RegencyCode],
            PurposeOr(purpose, "view record")), ct);
        return await DescribeAsync(f, db, today);
    }

    public static async Task<ForeignerResponse> DescribeAsync(Foreigner f, PantauDb db, DateOnly today)
    {
        var codes = f.RegionCodes().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name);
        return f.ToResponse(today, names);
    }

    /// <summary>
    /// The regencies holding these people, wherever they are registered: for the audit entry of a look-up past the
    /// caller's scope (a lodging's guests), which names the offices holding them. Reads nothing else of them.
    /// </summary>
    public static async Task<List<string>> RegenciesOfAsync(PantauDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.Foreigners.Nationally("the offices holding looked-up people, for the audit entry").Where(f => ids.Contains(f.Id)).Select(f => f.RegencyCode).Distinct().ToListAsync(ct);

    private static string PurposeOr(string? purpose, string fallback) =>
        string.IsNullOrWhiteSpace(purpose) ? fallback : purpose.Trim();

    public static Task<Foreigner?> LoadAsync(IQueryable<Foreigner> foreigners, Guid id, CancellationToken ct) =>
        foreigners.Include(f => f.Passports).Include(f => f.Permits).Include(f => f.Addresses).Include(f => f.NameTokens)
            .AsSplitQuery().FirstOrDefaultAsync(f => f.Id == id, ct);

    /// <summary>
    /// The registry's search: a query is a passport or permit number (exact, spaces and case ignored) or words of a
    /// name (each a prefix of some word of the name, in any order). Candidates come from the number and name-word
    /// indexes, so a lookup costs the same in a registry of ten thousand or a million.
    /// </summary>
    public static IQueryable<Foreigner> Matching(PantauDb db, IQueryable<Foreigner> q, RegistrySearch s)
    {
        if (!string.IsNullOrWhiteSpace(s.Query))
        {
            // Nothing reads across a filter here: it would do so for the whole query (see the end of this method).
            var number = TravelDocuments.NormalizeNumber(s.Query);
            var candidates = db.Passports.Where(p => p.Number == number).Select(p => p.ForeignerId)
                .Union(db.StayPermits.Where(p => p.Number == number).Select(p => p.ForeignerId));
            IQueryable<Guid>? byName = null;
            foreach (var word in PersonName.Tokens(s.Query).Take(6))
            {
                var upper = PersonName.PrefixUpperBound(word);
                var ids = db.NameTokens
                    .Where(t => t.Token.CompareTo(word) >= 0 && t.Token.CompareTo(upper) < 0).Select(t => t.ForeignerId);
                byName = byName is null ? ids : byName.Intersect(ids);
            }
            if (byName is not null) candidates = candidates.Union(byName);
            q = q.Where(f => candidates.Contains(f.Id));
        }
        if (s.Region is { } region)
            q = RegionCode.LevelOf(region) switch
            {
                RegionLevel.Province => q.Where(f => f.ProvinceCode == region),
                RegionLevel.Regency => q.Where(f => f.RegencyCode == region),
                RegionLevel.District => q.Where(f => f.DistrictCode == region),
                _ => q.Where(f => f.VillageCode == region),
            };
        if (s.Nationality is { } nat) { var n = Nationalities.Normalize(nat); q = q.Where(f => f.Nationality == n); }
        if (s.Status is { } status) q = q.Where(f => f.Status == status);
        if (s.PermitType is { } type) q = q.Where(f => f.Permits.Any(p => p.Type == type && p.CancelledOn == null));
        if (s.ExpiringBefore is { } before)
            q = q.Where(f => f.Permits.Any(p => p.CancelledOn == null) && f.Permits.Where(p => p.CancelledOn == null).Max(p => p.ExpiryDate) < before);
        // The people are scoped by the Foreigner filter; the documents matched to them need not repeat it, and
        // repeating it in every subquery costs more than the lookup itself.
        return q.DocumentsOfScopedPeople("registry search: candidates from the document and name indexes of scoped people");
    }
}
