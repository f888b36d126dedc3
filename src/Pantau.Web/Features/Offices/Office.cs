namespace Pantau.Web.Features.Offices;

/// <summary>A Kantor Imigrasi (Kanim). Its jurisdiction is a set of regencies/cities; each regency has one office.</summary>
public sealed class Office
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The province whose regional division (Kanwil) oversees this office.</summary>
    public string ProvinceCode { get; private set; } = "";

    public List<OfficeJurisdiction> Jurisdiction { get; private set; } = [];

    private Office() { }

    public Office(string code, string name, string provinceCode, IEnumerable<string> regencyCodes)
    {
        Code = code;
        Rename(name);
        ProvinceCode = provinceCode;
        SetJurisdiction(regencyCodes);
    }

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
