using System.Linq.Expressions;
namespace Pantau.Web.Features.Registry;

public enum Sex { Female, Male }

public enum ResidentStatus { Active, Departed, Deceased, Deported }

/// <summary>A foreign national (WNA) in the registry, with passports, stay permits and address history.</summary>
public sealed class Foreigner
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string FullName { get; private set; } = "";

    /// <summary><see cref="FullName"/> folded for search: lower case, no diacritics, single spaces.</summary>
    public string NameKey { get; private set; } = "";
    public Sex Sex { get; private set; }
    public DateOnly DateOfBirth { get; private set; }

    /// <summary>ISO 3166-1 alpha-3.</summary>
    public string Nationality { get; private set; } = "";
    public ResidentStatus Status { get; private set; }

    // The current address, kept here as well as in the history so that scope and region search are one indexed
    // column each, at any level of the hierarchy.
    public string VillageCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string RegencyCode { get; private set; } = "";
    public string ProvinceCode { get; private set; } = "";
    public int Rw { get; private set; }
    public int Rt { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: a PUT that read an older version is refused with 409.</summary>
    public int Version { get; private set; }

    public List<Passport> Passports { get; private set; } = [];
    public List<StayPermit> Permits { get; private set; } = [];
    public List<ResidenceAddress> Addresses { get; private set; } = [];
    public List<NameToken> NameTokens { get; private set; } = [];

    private Foreigner() { }

    public Foreigner(string fullName, Sex sex, DateOnly dateOfBirth, string nationality, DateTime now)
    {
        CreatedAt = now;
        SetIdentity(fullName, sex, dateOfBirth, nationality, now);
    }

    public void SetIdentity(string fullName, Sex sex, DateOnly dateOfBirth, string nationality, DateTime now)
    {
        var name = PersonName.Tidy(fullName);
        if (name != FullName)
        {
            FullName = name;
            NameKey = PersonName.Fold(name);
            var tokens = PersonName.Tokens(name).ToHashSet();
            NameTokens.RemoveAll(t => !tokens.Contains(t.Token));
            foreach (var t in tokens.Where(t => NameTokens.All(n => n.Token != t)))
                NameTokens.Add(new NameToken { Token = t });
        }
        Sex = sex;
        DateOfBirth = dateOfBirth;
        Nationality = nationality;
        Touch(now);
    }

    public void SetStatus(ResidentStatus status, DateTime now)
    {
        Status = status;
        Touch(now);
    }

    public ResidenceAddress? CurrentAddress => Addresses.FirstOrDefault(a => a.Until is null);

    /// <summary>Moves the person: the current address is closed the day before and kept in the history.</summary>
    public void MoveTo(string villageCode, int rw, int rt, string? street, DateOnly since, DateTime now)
    {
        var current = CurrentAddress;
        if (current is not null && current.VillageCode == villageCode && current.Rw == rw && current.Rt == rt)
        {
            current.Street = street;
        }
        else
        {
            if (current is not null)
                current.Until = since > current.Since ? since.AddDays(-1) : current.Since;
            Addresses.Add(new ResidenceAddress { VillageCode = villageCode, Rw = rw, Rt = rt, Street = street, Since = since });
        }
        VillageCode = villageCode;
        DistrictCode = villageCode[..8];
        RegencyCode = villageCode[..5];
        ProvinceCode = villageCode[..2];
        Rw = rw;
        Rt = rt;
        Touch(now);
    }

    /// <summary>Adds a passport or updates the one with the same number and issuing state.</summary>
    public void RecordPassport(string number, string issuingState, DateOnly expiry, DateTime now)
    {
        var p = Passports.FirstOrDefault(x => x.Number == number && x.IssuingState == issuingState);
        if (p is null) Passports.Add(new Passport { Number = number, IssuingState = issuingState, ExpiryDate = expiry });
        else p.ExpiryDate = expiry;
        Touch(now);
    }

    public void KeepOnlyPassports(IEnumerable<(string Number, string IssuingState)> keep)
    {
        var set = keep.ToHashSet();
        Passports.RemoveAll(p => !set.Contains((p.Number, p.IssuingState)));
    }

    /// <summary>Adds a permit or corrects the one with the same number.</summary>
    public void RecordPermit(PermitType type, string number, DateOnly issued, DateOnly expiry, string? purpose, string? sponsor, DateTime now)
    {
        var p = Permits.FirstOrDefault(x => x.Number == number);
        if (p is null)
        {
            p = new StayPermit { Number = number };
            Permits.Add(p);
        }
        p.Type = type;
        p.IssueDate = issued;
        p.ExpiryDate = expiry;
        p.Purpose = purpose;
        p.Sponsor = sponsor;
        Touch(now);
    }

    /// <summary>Cancels the permit with this number as of <paramref name="on"/>; false when the person holds no such permit.</summary>
    public bool CancelPermit(string number, DateOnly on, DateTime now)
    {
        if (Permits.FirstOrDefault(p => p.Number == number) is not { } p) return false;
        p.CancelledOn = on;
        Touch(now);
        return true;
    }

    public void KeepOnlyPermits(IEnumerable<string> numbers)
    {
        var set = numbers.ToHashSet();
        Permits.RemoveAll(p => !set.Contains(p.Number));
    }

    /// <summary>The permit that governs the stay now: the latest-expiring one not cancelled.</summary>
    public StayPermit? CurrentPermit => StayPermit.CurrentOf(Permits);

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
    }

    /// <summary>Called once per saved change, so that a concurrent writer who read the old version gets 409.</summary>
    public void NextVersion() => Version++;

    /// <summary>
    /// Who counts as a resident where they live: the one rule of the resident counts, as an expression so that the
    /// database applies it too (the counts' rebuild turns it into SQL) and as <see cref="CountsAsResident"/> for EF's
    /// saves (<c>ResidentCountsInterceptor</c>) and the writers past it (<c>RegistryChanges</c>).
    /// </summary>
    public static readonly Expression<Func<Foreigner, bool>> IsResident = f => f.Status == ResidentStatus.Active && f.VillageCode.Length == 13;

    private static readonly Func<Foreigner, bool> IsResidentNow = IsResident.Compile();

    public bool CountsAsResident => IsResidentNow(this);
}

public sealed class Passport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ForeignerId { get; init; }
    public required string Number { get; init; }

    /// <summary>ISO 3166-1 alpha-3 of the issuing state.</summary>
    public required string IssuingState { get; init; }
    public DateOnly ExpiryDate { get; set; }
}

public sealed class ResidenceAddress
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ForeignerId { get; init; }
    public required string VillageCode { get; init; }
    public int Rw { get; init; }
    public int Rt { get; init; }
    public string? Street { get; set; }
    public DateOnly Since { get; init; }

    /// <summary>Null for the current address.</summary>
    public DateOnly? Until { get; set; }
}

/// <summary>One word of a person's folded name; searched by prefix, in any order.</summary>
public sealed class NameToken
{
    public Guid ForeignerId { get; init; }
    public required string Token { get; init; }
}
