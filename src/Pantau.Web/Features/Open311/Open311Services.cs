using Pantau.Web.Features.Reports;

namespace Pantau.Web.Features.Open311;

/// <summary>One GeoReport v2 service: a report category as a resident's app lists it, in Bahasa Indonesia.</summary>
public sealed record Open311Service(ReportCategory Category, string Name, string Description, string Keywords, string Group)
{
    /// <summary>The category's name is its code, as in Pantau's own API (<c>Overstay</c>, <c>UnauthorisedWork</c>, …).</summary>
    public string Code => Category.ToString();
}

/// <summary>An optional attribute a client may send as <c>attribute[code]</c>; Pantau asks for none, so metadata is false.</summary>
public sealed record Open311Attribute(string Code, string Datatype, string Description, string DatatypeDescription);

public static class Open311Services
{
    /// <summary>When the service list or a definition last changed: clients refresh what they cached when this moves.</summary>
    public const string Changeset = "2026-11-22T00:00:00Z";

    public static readonly IReadOnlyList<Open311Service> All =
    [
        new(ReportCategory.Overstay, "Melebihi izin tinggal",
            "Orang asing yang tetap tinggal setelah izin tinggalnya (ITK, ITAS atau ITAP) habis.",
            "overstay, izin tinggal habis, visa habis, kitas kedaluwarsa", "Izin tinggal"),
        new(ReportCategory.UnauthorisedWork, "Bekerja tidak sesuai izin",
            "Orang asing yang bekerja tanpa izin kerja atau di luar tujuan izin tinggalnya.",
            "bekerja tanpa izin, tenaga kerja asing, TKA ilegal, izin kerja", "Izin tinggal"),
        new(ReportCategory.NotAtAddress, "Tidak tinggal di alamat",
            "Orang asing yang tidak tinggal di alamat yang dilaporkannya kepada kantor imigrasi.",
            "alamat palsu, pindah alamat, tidak tinggal di alamat", "Izin tinggal"),
        new(ReportCategory.PublicDisorder, "Mengganggu ketertiban",
            "Orang asing yang mengganggu ketertiban umum atau keamanan lingkungan.",
            "ketertiban, keributan, mengganggu warga, keamanan", "Ketertiban"),
        new(ReportCategory.SuspiciousActivity, "Aktivitas mencurigakan",
            "Kegiatan orang asing yang mencurigakan dan perlu diperiksa petugas imigrasi.",
            "mencurigakan, kegiatan aneh, penyalahgunaan izin", "Ketertiban"),
        new(ReportCategory.Other, "Lainnya",
            "Pelanggaran keimigrasian lain oleh orang asing.",
            "lainnya, pelanggaran keimigrasian", "Lainnya"),
    ];

    /// <summary>What a client may add; none of it is ever shown in a public answer.</summary>
    public static readonly IReadOnlyList<Open311Attribute> Attributes =
    [
        new("occurred_at", "datetime", "Kapan kejadiannya? Kosong berarti saat laporan dikirim.", "ISO 8601 dengan zona waktu, mis. 2026-11-22T08:30:00+07:00"),
        new("person_nationality", "string", "Perkiraan kewarganegaraan orang asing itu, jika ada.", "Kode ISO 3166-1 alpha-3, mis. CHN"),
        new("person_name", "string", "Nama orang asing itu, jika diketahui.", "Paling banyak 200 karakter"),
        new("workplace", "string", "Tempat kerjanya, jika diketahui.", "Paling banyak 200 karakter"),
    ];

    /// <summary>The service with this code, exactly as listed or in another case; never a number (enums parse those).</summary>
    public static Open311Service? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : All.FirstOrDefault(s => string.Equals(s.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public static Open311Service Of(ReportCategory category) => All.First(s => s.Category == category);

    public static Open311Object ToOpen311(this Open311Service s) => new(
        ("service_code", s.Code), ("service_name", s.Name), ("description", s.Description), ("metadata", false), ("type", "realtime"),
        ("keywords", s.Keywords), ("group", s.Group));

    public static Open311Object Definition(this Open311Service s) => new(
        ("service_code", s.Code),
        ("attributes", new Open311List("attribute", Attributes.Select((a, i) => (object)new Open311Object(
            ("variable", true), ("code", a.Code), ("datatype", a.Datatype), ("required", false), ("datatype_description", a.DatatypeDescription),
            ("order", i + 1), ("description", a.Description))).ToList())));
}
