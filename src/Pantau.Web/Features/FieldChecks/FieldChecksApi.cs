using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Places;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.FieldChecks;

public sealed record FieldCheckRequest(string? PassportNumber, string? PermitNumber, string? Nationality, string? FullName,
    DateOnly? DateOfBirth, string? Purpose, double? Latitude, double? Longitude, Guid? ReportId = null);

public sealed record FieldCheckPermit(PermitType Type, string Number, DateOnly ValidUntil, PermitStatus Status, string PurposeCategory, string? Purpose, string? Sponsor);
public sealed record FieldCheckAddress(string VillageCode, string? VillageName, string? DistrictName, string? RegencyName, int Rw, int Rt, string? Street);
/// <summary>The person's newest passport: what the officer compares with the one in hand, and whether it is still valid.</summary>
public sealed record FieldCheckPassport(string Number, DateOnly ValidUntil, bool Expired);
public sealed record HoldingOffice(int Id, string Name);
public sealed record FieldCheckPerson(Guid Id, string FullName, string Nationality, DateOnly DateOfBirth, Sex Sex, ResidentStatus Status,
    IReadOnlyList<string> PassportNumbers, FieldCheckPermit? Permit, FieldCheckAddress Address, HoldingOffice? HeldBy, bool InYourJurisdiction,
    FieldCheckPassport? Passport = null);
/// <summary>The answer, and the place the check was made (by the officer's position; null without one).</summary>
public sealed record FieldCheckResponse(Guid CheckId, bool Registered, FieldCheckPerson? Foreigner, IReadOnlyList<FieldCheckPerson> Candidates, string? Place);

/// <summary>
/// The field check: an officer with a passport photocopy asks whether a foreigner is registered. Officers check
/// anyone in the country, so this is the one registry read that looks past the caller's scope — deliberately,
/// audited, and saying which office holds the record.
/// </summary>
public static class FieldChecksApi
{
    public const int MaxCandidates = 10;

    public static void MapFieldChecks(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/field-checks", Check).WithTags("Field checks").RequireAuthorization(Policies.FieldCheck);

    private static async Task<Results<Ok<FieldCheckResponse>, ValidationProblem>> Check(FieldCheckRequest req, PantauDb db, CurrentStaff current,
        Auditor audit, JurisdictionMap offices, RegionNames regions, PlaceFinder places, TimeProvider time, PantauMetrics metrics, CancellationToken ct)
    {
        var v = Validate(req, out var passport, out var permit, out var nationality);
        if (req.ReportId is { } reportId)
            v.Require("reportId", await db.Reports.AnyAsync(r => r.Id == reportId, ct), SharedCodes.ThereNoSuchReport);
        if (!v.IsValid) return v.Problem();

        List<Found> people;
        string query;
        if (passport is not null)
        {
            people = await ToListAsync(ByPassport(db, passport, nationality), ct);
            query = $"passport={passport}" + (nationality is null ? "" : $" nationality={nationality}");
        }
        else if (permit is not null)
        {
            people = await ToListAsync(ByPermit(db, permit), ct);
            query = $"permit={permit}";
        }
        else
        {
            // Every word of the name, in any order, and the nationality and date of birth.
            var dob = req.DateOfBirth!.Value;
            var matches = db.Foreigners.Nationally("field check by name, nationality and birth date: officers check anyone").AsNoTracking().Where(f => f.Nationality == nationality && f.DateOfBirth == dob);
            foreach (var word in PersonName.Tokens(req.FullName!))
                matches = matches.Where(f => f.NameTokens.Any(t => t.Token == word));
            people = await matches.OrderBy(f => f.NameKey).Take(MaxCandidates).Select(ToFound).ToListAsync(ct);
            query = $"name={PersonName.Fold(req.FullName!)} nationality={nationality} dateOfBirth={dob:yyyy-MM-dd}";
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var map = await offices.GetAsync(db);
        var officeNames = await offices.OfficeNamesAsync(db);
        var regionNames = await regions.NamesOfAsync(db, people.SelectMany(p => p.Address is { } a ? [a.VillageCode, a.VillageCode[..8], a.VillageCode[..5]] : Array.Empty<string>()), ct);
        var answers = people.Select(f => Answer(f, today, map, officeNames, regionNames, current.Scope)).ToList();

        var village = req.Latitude is { } la && req.Longitude is { } lo ? places.Shapes.At(la, lo)?.Code : null;
        var check = new FieldCheck
        {
            At = now, OfficerId = current.UserId!.Value, OfficeId = current.OfficeId, Purpose = req.Purpose!.Trim(), Query = query, ReportId = req.ReportId,
            Latitude = req.Latitude, Longitude = req.Longitude, VillageCode = village, Registered = people.Count > 0,
            ForeignerIds = string.Join(',', people.Select(p => p.Id)),
        };
        var where = (req.Latitude is { } lat ? FormattableString.Invariant($" at {lat:F5},{req.Longitude:F5}") : "") + (village is null ? "" : $" in {village}");
        // Group-committed with other checks and reads: the check and its audit entry in one transaction.
        await audit.RecordReadAsync(db, new AuditRecord(AuditActions.FieldCheck, RegistryQueries.RecordType, people.Select(p => p.Id).ToList(),
            people.Select(p => p.RegencyCode).Distinct().ToList(), $"{check.Purpose} ({query}{where})"), ct, alongside: check);
        metrics.FieldChecks.Add(1, new("office", (object?)current.OfficeId ?? "none"), new("found", people.Count > 0));

        return TypedResults.Ok(new FieldCheckResponse(check.Id, people.Count > 0, answers.Count == 1 ? answers[0] : null, answers.Count > 1 ? answers : [],
            village is null ? null : places.Directory.Village(village)?.Label));
    }

    /// <summary>A person as an answer shows them: the documents, and the current address only.</summary>
    private sealed record Found(Guid Id, string FullName, string Nationality, DateOnly DateOfBirth, Sex Sex, ResidentStatus Status,
        string RegencyCode, string VillageCode, int Rw, int Rt, List<FoundPassport> Passports, List<StayPermit> Permits, List<ResidenceAddress> Addresses)
    {
        public ResidenceAddress? Address => Addresses.FirstOrDefault();
    }

    private sealed record FoundPassport(string Number, DateOnly ExpiryDate);

    // The person with documents and current address in one query (a person has a few of each), not one query per
    // collection, and only the columns the answer shows.
    private static readonly Expression<Func<Foreigner, Found>> ToFound = f => new Found(f.Id, f.FullName, f.Nationality, f.DateOfBirth,
        f.Sex, f.Status, f.RegencyCode, f.VillageCode, f.Rw, f.Rt,
        f.Passports.Select(p => new FoundPassport(p.Number, p.ExpiryDate)).ToList(), f.Permits.ToList(),
        f.Addresses.Where(a => a.Until == null).ToList());

    // The lookups by document number, compiled: a check is a few index lookups, and translating the query on every
    // check cost more than running it. "Id IN (the holders of the number)" is an index lookup by number; as
    // f.Passports.Any(...) (a correlated EXISTS) SQLite walks the whole registry in NameKey order, testing each row.
    private static readonly Func<PantauDb, string, string?, IAsyncEnumerable<Found>> ByPassport = EF.CompileAsyncQuery(
        (PantauDb db, string number, string? nationality) => db.Foreigners.Nationally("field check by passport: officers check anyone").AsNoTracking()
            .Where(f => db.Passports
                .Where(p => p.Number == number && (nationality == null || p.IssuingState == nationality)).Select(p => p.ForeignerId).Contains(f.Id))
            .OrderBy(f => f.NameKey).Take(MaxCandidates).Select(ToFound));

    private static readonly Func<PantauDb, string, IAsyncEnumerable<Found>> ByPermit = EF.CompileAsyncQuery(
        (PantauDb db, string number) => db.Foreigners.Nationally("field check by permit: officers check anyone").AsNoTracking()
            .Where(f => db.StayPermits.Where(p => p.Number == number).Select(p => p.ForeignerId).Contains(f.Id))
            .OrderBy(f => f.NameKey).Take(MaxCandidates).Select(ToFound));

    private static async Task<List<Found>> ToListAsync(IAsyncEnumerable<Found> people, CancellationToken ct)
    {
        var list = new List<Found>();
        await foreach (var f in people.WithCancellation(ct)) list.Add(f);
        return list;
    }

    private static Validation Validate(FieldCheckRequest req, out string? passport, out string? permit, out string? nationality)
    {
        var v = new Validation();
        passport = string.IsNullOrWhiteSpace(req.PassportNumber) ? null : TravelDocuments.NormalizeNumber(req.PassportNumber);
        permit = string.IsNullOrWhiteSpace(req.PermitNumber) ? null : TravelDocuments.NormalizeNumber(req.PermitNumber);
        nationality = string.IsNullOrWhiteSpace(req.Nationality) ? null : Nationalities.Normalize(req.Nationality);
        var byName = !string.IsNullOrWhiteSpace(req.FullName);
        if (passport is null && permit is null && !byName)
            v.Add("passportNumber", FieldChecksCodes.GivePassportNumberPermit);
        if (passport is not null) v.Require("passportNumber", TravelDocuments.IsPassportNumber(passport), SharedCodes.PassportNumberHas5);
        if (permit is not null) v.Require("permitNumber", TravelDocuments.IsPermitNumber(permit), SharedCodes.PermitNumberHas3);
        if (nationality is not null) v.Require("nationality", Nationalities.IsKnown(nationality), FieldChecksCodes.NationalityMustISO3166);
        if (byName && passport is null && permit is null)
        {
            v.Require("fullName", req.FullName!.Length <= PersonName.MaxLength && PersonName.Tokens(req.FullName).Any(), FieldChecksCodes.NameUp200Characters);
            v.Require("nationality", nationality is not null, FieldChecksCodes.NameCheckNeedsNationality);
            v.Require("dateOfBirth", req.DateOfBirth is not null, FieldChecksCodes.NameCheckNeedsDate);
        }
        if (v.Require("purpose", !string.IsNullOrWhiteSpace(req.Purpose), FieldChecksCodes.PurposeCheckRequired))
            v.Require("purpose", req.Purpose!.Trim().Length <= 200, FieldChecksCodes.PurposeMost200Characters);
        if (req.Latitude is not null || req.Longitude is not null)
        {
            v.Require("latitude", req.Latitude is >= -90 and <= 90, SharedCodes.LatitudeBetween9090);
            v.Require("longitude", req.Longitude is >= -180 and <= 180, SharedCodes.LongitudeBetween180180);
        }
        return v;
    }

    private static FieldCheckPerson Answer(Found f, DateOnly today, IReadOnlyDictionary<string, int> offices,
        IReadOnlyDictionary<int, string> officeNames, IReadOnlyDictionary<string, string> regionNames, AccessScope scope)
    {
        var p = StayPermit.CurrentOf(f.Permits);
        var a = f.Address!;
        var held = offices.TryGetValue(f.RegencyCode, out var id) ? new HoldingOffice(id, officeNames.GetValueOrDefault(id, "")) : null;
        return new FieldCheckPerson(f.Id, f.FullName, f.Nationality, f.DateOfBirth, f.Sex, f.Status,
            f.Passports.OrderByDescending(x => x.ExpiryDate).Select(x => x.Number).ToList(),
            p is null ? null : new FieldCheckPermit(p.Type, p.Number, p.ExpiryDate, p.StatusOn(today), PermitPurposes.Category(p.Purpose, p.Type), PermitPurposes.Detail(p.Purpose), p.Sponsor),
            new FieldCheckAddress(a.VillageCode, regionNames.GetValueOrDefault(a.VillageCode), regionNames.GetValueOrDefault(a.VillageCode[..8]),
                regionNames.GetValueOrDefault(a.VillageCode[..5]), a.Rw, a.Rt, a.Street),
            held, scope.Covers(f.VillageCode, f.Rw, f.Rt),
            f.Passports.MaxBy(x => x.ExpiryDate) is { } pass ? new FieldCheckPassport(pass.Number, pass.ExpiryDate, pass.ExpiryDate < today) : null);
    }
}
