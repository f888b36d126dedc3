using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;
using Pantau.Web.Features.Shared;

namespace Pantau.Web.Features.Lodging;

public sealed record LodgingRegistrationRequest(string? Name, LodgingKind? Kind, string? VillageCode, string? Address, string? ContactName,
    string? ContactPhone, string? Email, string? Password);

public sealed record LodgingDecisionRequest(bool? Approve, string? Note);

public sealed record LodgingResponse(Guid Id, string Name, LodgingKind Kind, string VillageCode, string? VillageName, string Address,
    string ContactName, string ContactPhone, string Email, int OfficeId, string OfficeName, LodgingState State, DateTime RegisteredAt,
    DateTime? DecidedAt, string? DecisionNote);

/// <summary>The registration's outcome: the lodging, or the field errors (Identity's refusals among them).</summary>
public sealed record LodgingRegistrationResult(Lodging? Lodging, Validation Errors, IReadOnlyList<IdentityError> IdentityErrors)
{
    /// <summary>The field errors with Identity's refusals (in its English) at their fields, for the API.</summary>
    public Validation AllErrors()
    {
        var v = new Validation().Add(Errors);
        foreach (var e in IdentityErrors) v.Add(AccountCreation.FieldOf(e), e.Description);
        return v;
    }
}

/// <summary>A lodging's registration and its verification by the office, the same from the API and the pages.</summary>
public static class LodgingRegistration
{
    /// <summary>
    /// Registers a lodging with its own account, disabled until the office verifies the lodging; both are written
    /// in one transaction, or neither. An email that already has an account gets the same answer as a new one (the
    /// form must not tell a stranger which emails have accounts): nothing is registered, and the account's owner is
    /// told by message, where the account has a phone.
    /// </summary>
    public static async Task<LodgingRegistrationResult> RegisterAsync(LodgingRegistrationRequest r, PantauDb db, UserManager<StaffUser> users,
        JurisdictionMap offices, IMessageSender messages, DateTime now, CancellationToken ct)
    {
        var v = new Validation();
        var name = r.Name?.Trim() ?? "";
        v.Require("name", name.Length is > 0 and <= Lodging.MaxName && !name.Any(char.IsControl) && !name.Contains('<') && !name.Contains('>'),
            LodgingCodes.LodgingNameRequiredMost);
        v.Require("kind", r.Kind is not null, LodgingCodes.KindLodgingRequiredHotel);
        int? officeId = null;
        if (!RegionCode.IsWellFormed(r.VillageCode) || RegionCode.LevelOf(r.VillageCode!) != RegionLevel.Village)
            v.Add("villageCode", SharedCodes.VillageCodeLooksLike);
        else if (!await db.Regions.AnyAsync(x => x.Code == r.VillageCode, ct))
            v.Add("villageCode", SharedCodes.ThereNoVillageCode);
        else if ((await offices.GetAsync(db)).TryGetValue(r.VillageCode![..5], out var o)) officeId = o;
        else v.Add("villageCode", LodgingCodes.NoImmigrationOfficeCovers);
        var address = r.Address?.Trim() ?? "";
        v.Require("address", address.Length is > 0 and <= Lodging.MaxAddress && !address.Any(char.IsControl),
            LodgingCodes.StreetAddressRequiredMost);
        var contact = r.ContactName?.Trim() ?? "";
        v.Require("contactName", contact.Length is > 0 and <= 200 && !contact.Any(char.IsControl), LodgingCodes.ContactPersonNameRequired);
        var phone = PhoneNumber.Normalize(r.ContactPhone);
        v.Require("contactPhone", phone is not null, LodgingCodes.IndonesianMobileNumberSuch);
        var email = r.Email?.Trim();
        v.Require("email", email is { Length: > 3 and <= 256 } && email.Contains('@'), SharedCodes.ValidEmailAddressRequired);
        v.Require("password", !string.IsNullOrEmpty(r.Password), LodgingCodes.PasswordRequired);
        if (!v.IsValid) return new(null, v, []);

        if (await users.FindByEmailAsync(email!) is { } existing)
        {
            // What a new registration would answer, after the same work: the password rules, then a hash of it.
            var refusals = new List<IdentityError>();
            foreach (var rule in users.PasswordValidators)
                refusals.AddRange((await rule.ValidateAsync(users, new StaffUser { UserName = email, Email = email }, r.Password!)).Errors);
            if (refusals.Count > 0) return new(null, v, refusals);
            users.PasswordHasher.HashPassword(existing, r.Password!);
            var ownerPhone = await db.Lodgings.AsNoTracking().Where(l => l.AccountId == existing.Id).Select(l => l.ContactPhone).FirstOrDefaultAsync(ct)
                ?? existing.PhoneNumber;
            if (ownerPhone is not null)
                await messages.SendAsync(ownerPhone, ReportTracker.Sms("lodging.sms.accountExists"), ct);
            return new(new Lodging(name, r.Kind!.Value, r.VillageCode!, address, contact, phone!, officeId!.Value, Guid.CreateVersion7(), now), v, []);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var account = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, CreatedAt = now };
            account.AssignScope(new StaffScopeAssignment(StaffRole.Lodging, null, null, null, null, null, null));
            account.Disable();
            var created = await users.CreateAsync(account, r.Password!);
            if (!created.Succeeded) return new LodgingRegistrationResult(null, v, created.Errors.ToList());
            var lodging = new Lodging(name, r.Kind!.Value, r.VillageCode!, address, contact, phone!, officeId!.Value, account.Id, now);
            db.Lodgings.Add(lodging);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new LodgingRegistrationResult(lodging, v, []);
        });
    }

    /// <summary>The lodgings a staff member decides on: every one for the national admin, their office's for office staff.</summary>
    public static IQueryable<Lodging> DecidedBy(this IQueryable<Lodging> lodgings, CurrentStaff staff) =>
        staff.Scope.Everything ? lodgings
        : staff.OfficeId is { } office && staff.Role is StaffRole.OfficeHead or StaffRole.OfficeAdmin or StaffRole.Officer
            ? lodgings.Where(l => l.OfficeId == office)
            : lodgings.Where(_ => false);

    public static Validation CheckDecision(LodgingDecisionRequest r)
    {
        var v = new Validation();
        v.Require("approve", r.Approve is not null, LodgingCodes.SayWhetherLodgingVerified);
        v.Require("note", r.Note is null || r.Note.Trim().Length <= 500, LodgingCodes.NoteMost500Characters);
        if (r.Approve == false) v.Require("note", !string.IsNullOrWhiteSpace(r.Note), LodgingCodes.RejectionSaysWhy);
        return v;
    }

    /// <summary>
    /// Verifies (and enables the lodging's account) or rejects; false when someone decided first. The decision and
    /// the account's state are saved together.
    /// </summary>
    public static async Task<bool> DecideAsync(Lodging lodging, bool approve, string? note, CurrentStaff staff, PantauDb db,
        DateTime now, CancellationToken ct)
    {
        if (!lodging.Decide(approve, staff.UserId!.Value, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now)) return false;
        if (approve && await db.Users.FirstOrDefaultAsync(u => u.Id == lodging.AccountId, ct) is { } account) account.Enable();
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public static async Task<List<LodgingResponse>> DescribeAsync(PantauDb db, IReadOnlyList<Lodging> lodgings, CancellationToken ct)
    {
        var villages = lodgings.Select(l => l.VillageCode).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => villages.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var offices = await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var accountIds = lodgings.Select(l => l.AccountId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        return lodgings.Select(l => new LodgingResponse(l.Id, l.Name, l.Kind, l.VillageCode, names.GetValueOrDefault(l.VillageCode), l.Address,
            l.ContactName, l.ContactPhone, emails.GetValueOrDefault(l.AccountId, ""), l.OfficeId, offices.GetValueOrDefault(l.OfficeId, ""), l.State,
            l.RegisteredAt, l.DecidedAt,
            l.DecisionNote)).ToList();
    }
}
