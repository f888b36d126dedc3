using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Lodging;

/// <summary>Hotel, guest house (losmen, homestay) or landlord of rooms or houses (kos, rumah sewa).</summary>
public enum LodgingKind { Hotel, GuestHouse, Landlord }

public enum LodgingState { Pending, Verified, Rejected }

/// <summary>
/// A place that lodges foreigners and must report them (UU 6/2011 art. 72). It registers itself; the office whose
/// jurisdiction holds its village verifies it, and only then may its account sign in and report guests.
/// </summary>
public sealed class Lodging
{
    public const int MaxName = 200;
    public const int MaxAddress = 300;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public LodgingKind Kind { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string RegencyCode { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string ContactName { get; private set; } = "";

    /// <summary>+628…, as <see cref="PhoneNumber"/> keeps it.</summary>
    public string ContactPhone { get; private set; } = "";

    /// <summary>The office that verifies it and whose queue its guests' flags join.</summary>
    public int OfficeId { get; private set; }

    /// <summary>The lodging's own account (role Lodging), disabled until the lodging is verified.</summary>
    public Guid AccountId { get; private set; }

    public LodgingState State { get; private set; }
    public DateTime RegisteredAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? DecisionNote { get; private set; }

    private Lodging() { }

    public Lodging(string name, LodgingKind kind, string villageCode, string address, string contactName, string contactPhone,
        int officeId, Guid accountId, DateTime now)
    {
        Name = name;
        Kind = kind;
        VillageCode = villageCode;
        RegencyCode = villageCode[..5];
        Address = address;
        ContactName = contactName;
        ContactPhone = contactPhone;
        OfficeId = officeId;
        AccountId = accountId;
        State = LodgingState.Pending;
        RegisteredAt = now;
    }

    /// <summary>Verifies or rejects a pending registration; false when it was already decided.</summary>
    public bool Decide(bool approve, Guid by, string? note, DateTime now)
    {
        if (State != LodgingState.Pending) return false;
        State = approve ? LodgingState.Verified : LodgingState.Rejected;
        DecidedBy = by;
        DecisionNote = note;
        DecidedAt = now;
        return true;
    }
}

public enum StaySource { Form, Csv }

/// <summary>One foreign guest's stay at a lodging, as the lodging reported it: check-in, then check-out.</summary>
public sealed class GuestStay
{
    public const int MaxRoom = 50;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LodgingId { get; private set; }
    public int OfficeId { get; private set; }
    public string PassportNumber { get; private set; } = "";
    public string Nationality { get; private set; } = "";
    public string? GuestName { get; private set; }
    public string Room { get; private set; } = "";
    public DateOnly CheckIn { get; private set; }
    public DateOnly? PlannedCheckOut { get; private set; }
    public DateOnly? CheckedOutOn { get; private set; }

    /// <summary>The registry's person with this passport, when there is one (found by the national lookup).</summary>
    public Guid? ForeignerId { get; private set; }
    public StaySource Source { get; private set; }
    public DateTime ReportedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private GuestStay() { }

    public GuestStay(Lodging lodging, GuestReport r, StaySource source, DateTime now)
    {
        LodgingId = lodging.Id;
        OfficeId = lodging.OfficeId;
        PassportNumber = r.PassportNumber;
        Nationality = r.Nationality;
        GuestName = r.GuestName;
        Room = r.Room;
        CheckIn = r.CheckIn;
        PlannedCheckOut = r.PlannedCheckOut;
        CheckedOutOn = r.CheckOut;
        Source = source;
        ReportedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The last day of the stay as known now: the day the guest left, or the day they plan to.</summary>
    public DateOnly? StayEnd => CheckedOutOn ?? PlannedCheckOut;

    public void MatchedTo(Guid? foreignerId) => ForeignerId = foreignerId;

    public void CheckOut(DateOnly on, DateTime now)
    {
        CheckedOutOn = on;
        UpdatedAt = now;
    }
}

/// <summary>A guest's report as checked: numbers normalised, dates in order.</summary>
public sealed record GuestReport(string PassportNumber, string Nationality, string? GuestName, string Room, DateOnly CheckIn,
    DateOnly? PlannedCheckOut, DateOnly? CheckOut);

public enum FlagReason { NotInRegistry, PermitLapsed, StaysPastPermit }

/// <summary>A guest the office's officers should look at; stays in the office's queue until an officer resolves it.</summary>
public sealed class LodgingFlag
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int OfficeId { get; private set; }
    public Guid LodgingId { get; private set; }
    public Guid StayId { get; private set; }
    public FlagReason Reason { get; private set; }
    public Guid? ForeignerId { get; private set; }

    /// <summary>The permit's end as the registry had it when the flag was raised.</summary>
    public DateOnly? PermitExpiry { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public string? Resolution { get; private set; }

    private LodgingFlag() { }

    public LodgingFlag(GuestStay stay, FlagReason reason, DateOnly? permitExpiry, DateTime now)
    {
        OfficeId = stay.OfficeId;
        LodgingId = stay.LodgingId;
        StayId = stay.Id;
        Reason = reason;
        ForeignerId = stay.ForeignerId;
        PermitExpiry = permitExpiry;
        RaisedAt = now;
    }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>False when it was resolved already.</summary>
    public bool Resolve(Guid by, string note, DateTime now)
    {
        if (!IsOpen) return false;
        ResolvedAt = now;
        ResolvedBy = by;
        Resolution = note;
        return true;
    }
}

/// <summary>What a guest's stay says about them, given the registry's record (or its absence).</summary>
public static class GuestCheck
{
    /// <summary>
    /// Not in the registry; a permit that had lapsed (or was cancelled) by check-in; or a stay that runs — or has
    /// already run, for a guest not yet checked out — past the permit's end.
    /// </summary>
    public static IReadOnlyList<FlagReason> Assess(Foreigner? person, GuestStay stay, DateOnly today)
    {
        if (person is null) return [FlagReason.NotInRegistry];
        var permit = person.CurrentPermit;
        if (permit is null || permit.CancelledOn is not null || permit.ExpiryDate < stay.CheckIn) return [FlagReason.PermitLapsed];
        var end = stay.StayEnd;
        if (end > permit.ExpiryDate || (stay.CheckedOutOn is null && today > permit.ExpiryDate)) return [FlagReason.StaysPastPermit];
        return [];
    }
}
