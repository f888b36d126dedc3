using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// One person of a central snapshot file: a CSV row with the current passport, permit and address. The columns, in
/// any order, are <see cref="Columns"/>; dates are yyyy-MM-dd; empty optional fields are empty.
/// </summary>
public sealed record SnapshotRow(long Line, string CentralId, long Sequence, ForeignerRequest Person, string Hash)
{
    public static readonly string[] Columns =
    [
        "personId", "sequence", "fullName", "sex", "dateOfBirth", "nationality", "status",
        "passportNumber", "passportIssuingState", "passportExpiry",
        "permitType", "permitNumber", "permitIssued", "permitExpiry", "permitPurpose", "permitSponsor",
        "villageCode", "rw", "rt", "street", "addressSince",
    ];

    /// <summary>The row as a person, or the reason it is rejected. <paramref name="fields"/> are in <see cref="Columns"/>' order.</summary>
    public static (SnapshotRow? Row, SyncReason? Reason) Read(long line, IReadOnlyList<string> fields, DateOnly today)
    {
        string F(int i) => fields[i].Trim();
        string? Optional(int i) => F(i) is { Length: > 0 } s ? s : null;
        var id = F(0);
        if (id.Length is 0 or > CentralPerson.MaxIdLength) return (null, new("personId", SyncCodes.ReasonRequiredAtMost, CentralPerson.MaxIdLength));
        if (!long.TryParse(F(1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)) return (null, new("sequence", SyncCodes.ReasonWholeNumber));
        if (!TryDate(F(4), out var dob)) return (null, new("dateOfBirth", SyncCodes.ReasonDate));
        if (!Enum.TryParse<Sex>(F(3), out var sex) || !Enum.IsDefined(sex)) return (null, new("sex", SyncCodes.ReasonOneOf, CentralRecordRules.Choices<Sex>()));
        if (!Enum.TryParse<ResidentStatus>(F(6), out var status) || !Enum.IsDefined(status)) return (null, new("status", SyncCodes.ReasonOneOf, CentralRecordRules.Choices<ResidentStatus>()));
        if (!TryDate(F(9), out var passportExpiry)) return (null, new("passportExpiry", SyncCodes.ReasonDate));
        if (!int.TryParse(F(17), NumberStyles.None, CultureInfo.InvariantCulture, out var rw)) return (null, new("rw", SyncCodes.ReasonNumber));
        if (!int.TryParse(F(18), NumberStyles.None, CultureInfo.InvariantCulture, out var rt)) return (null, new("rt", SyncCodes.ReasonNumber));
        DateOnly? since = null;
        if (Optional(20) is { } s) { if (!TryDate(s, out var d)) return (null, new("addressSince", SyncCodes.ReasonDate)); since = d; }

        List<PermitDto> permits = [];
        if (Optional(11) is { } permitNumber)
        {
            if (!Enum.TryParse<PermitType>(F(10), out var type) || !Enum.IsDefined(type)) return (null, new("permitType", SyncCodes.ReasonOneOf, CentralRecordRules.Choices<PermitType>()));
            if (!TryDate(F(12), out var issued)) return (null, new("permitIssued", SyncCodes.ReasonDate));
            if (!TryDate(F(13), out var expiry)) return (null, new("permitExpiry", SyncCodes.ReasonDate));
            permits.Add(new PermitDto(type, permitNumber, issued, expiry, Optional(14), Optional(15)));
        }
        var person = new ForeignerRequest(F(2), sex, dob, F(5), status,
            [new PassportDto(F(7), F(8), passportExpiry)], permits, new AddressDto(F(16), rw, rt, Optional(19), since), null);
        if (CentralRecordRules.Person(person, today) is { } problem) return (null, problem);
        return (new SnapshotRow(line, id, sequence, person, HashOf(fields)), null);
    }

    private static bool TryDate(string s, out DateOnly d) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);

    /// <summary>Same fields, same hash: a row that did not change since it was last applied needs no look at the person.</summary>
    private static string HashOf(IReadOnlyList<string> fields)
    {
        var text = string.Join('\u001f', fields.Select(f => f.Trim()));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string Passport => TravelDocuments.NormalizeNumber(Person.Passports![0].Number);
    public string PassportState => Nationalities.Normalize(Person.Passports![0].IssuingState);
    public string? Permit => Person.Permits is [var p] ? TravelDocuments.NormalizeNumber(p.Number) : null;

    /// <summary>True when the person already is what this row says (other passports and permits are history, kept).</summary>
    public bool Matches(Foreigner f)
    {
        var r = Person;
        var a = r.Address!;
        var current = f.CurrentAddress;
        var permit = r.Permits is [var p] ? p : null;
        return f.FullName == PersonName.Tidy(r.FullName!) && f.Sex == r.Sex && f.DateOfBirth == r.DateOfBirth
            && f.Nationality == Nationalities.Normalize(r.Nationality) && f.Status == r.Status
            && f.Passports.Any(x => x.Number == Passport && x.IssuingState == PassportState && x.ExpiryDate == r.Passports![0].ExpiryDate)
            && (permit is null || f.Permits.Any(x => x.Number == Permit && x.Type == permit.Type && x.IssueDate == permit.IssueDate
                && x.ExpiryDate == permit.ExpiryDate && x.Purpose == permit.Purpose?.Trim() && x.Sponsor == permit.Sponsor?.Trim()))
            && current is not null && current.VillageCode == a.VillageCode && current.Rw == a.Rw && current.Rt == a.Rt
            && current.Street == (string.IsNullOrWhiteSpace(a.Street) ? null : a.Street.Trim());
    }

    /// <summary>Makes the person what the row says, keeping earlier passports, permits and addresses as history.</summary>
    public void ApplyTo(Foreigner f, DateTime now)
    {
        var r = Person;
        var today = DateOnly.FromDateTime(now);
        f.SetIdentity(r.FullName!, r.Sex!.Value, r.DateOfBirth!.Value, Nationalities.Normalize(r.Nationality), now);
        f.SetStatus(r.Status!.Value, now);
        f.RecordPassport(Passport, PassportState, r.Passports![0].ExpiryDate!.Value, now);
        if (r.Permits is [var p])
            f.RecordPermit(p.Type!.Value, Permit!, p.IssueDate!.Value, p.ExpiryDate!.Value, p.Purpose?.Trim(), p.Sponsor?.Trim(), now);
        var a = r.Address!;
        f.MoveTo(a.VillageCode!, a.Rw!.Value, a.Rt!.Value, string.IsNullOrWhiteSpace(a.Street) ? null : a.Street.Trim(), a.Since ?? today, now);
    }

    public Foreigner NewPerson(DateTime now)
    {
        var r = Person;
        var f = new Foreigner(r.FullName!, r.Sex!.Value, r.DateOfBirth!.Value, Nationalities.Normalize(r.Nationality), now);
        ApplyTo(f, now);
        return f;
    }
}
