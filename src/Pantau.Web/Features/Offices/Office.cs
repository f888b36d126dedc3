using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Offices;

/// <summary>A Kantor Imigrasi (Kanim). Its jurisdiction is a set of regencies/cities; each regency has one office.</summary>
public sealed class Office
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The province whose regional division (Kanwil) oversees this office.</summary>
    public string ProvinceCode { get; private set; } = "";

    /// <summary>The IANA id of the office's time zone (<see cref="IndonesianTimeZone"/>): the times its people read and type.</summary>
    public string TimeZone { get; private set; } = IndonesianTimeZone.Wib.Id;

    public IndonesianTimeZone Zone => IndonesianTimeZone.Of(TimeZone);

    public List<OfficeJurisdiction> Jurisdiction { get; private set; } = [];

    private Office() { }

    /// <summary>An office; without a zone, the one its province keeps.</summary>
    public Office(string code, string name, string provinceCode, IEnumerable<string> regencyCodes, IndonesianTimeZone? zone = null)
    {
        Code = code;
        Rename(name);
        ProvinceCode = provinceCode;
        SetJurisdiction(regencyCodes);
        SetTimeZone(zone ?? IndonesianTimeZone.ForProvince(provinceCode));
    }

    public void SetTimeZone(IndonesianTimeZone zone) => TimeZone = zone.Id;

    public void Rename(string name) => Name = name.Trim();

    public void SetJurisdiction(IEnumerable<string> regencyCodes)
    {
        var wanted = regencyCodes.Distinct().ToHashSet();
        Jurisdiction.RemoveAll(j => !wanted.Contains(j.RegencyCode));
        foreach (var code in wanted.Where(c => Jurisdiction.All(j => j.RegencyCode != c)))
            Jurisdiction.Add(new OfficeJurisdiction { RegencyCode = code });
    }

    public IReadOnlyList<string> RegencyCodes => Jurisdiction.Select(j => j.RegencyCode).Order().ToList();
}

public sealed class OfficeJurisdiction
{
    public int OfficeId { get; set; }
    public required string RegencyCode { get; init; }
}
