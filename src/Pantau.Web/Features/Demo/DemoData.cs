using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Demo;

/// <summary>The demo offices and accounts of PRODUCT.md. Demo only: the password is printed at start.</summary>
public static class DemoData
{
    public const string Password = "Demo#2026";

    public sealed record DemoOffice(string Code, string Name, string ProvinceCode, string[] Regencies);

    public static readonly DemoOffice[] Offices =
    [
        new("KANIM-JAKSEL", "Kantor Imigrasi Jakarta Selatan", "31", ["31.74"]),
        new("KANIM-TANGERANG", "Kantor Imigrasi Tangerang", "36", ["36.71", "36.03"]),
        new("KANIM-TANGSEL", "Kantor Imigrasi Tangerang Selatan", "36", ["36.74"]),
    ];

    public sealed record DemoAccount(string Email, string FullName, StaffRole Role, string? OfficeCode = null, string? ProvinceCode = null,
        string[]? Districts = null, string? VillageCode = null, int? Rw = null, int? Rt = null);

    public static readonly DemoAccount[] Accounts =
    [
        new("admin@pantau.test", "Admin Ditjen Imigrasi", StaffRole.NationalAdmin),
        new("kanwil.banten@pantau.test", "Kanwil Banten", StaffRole.RegionalDivision, ProvinceCode: "36"),
        new("kepala.tangerang@pantau.test", "Kepala Kanim Tangerang", StaffRole.OfficeHead, "KANIM-TANGERANG"),
        new("admin.tangerang@pantau.test", "Admin Kanim Tangerang", StaffRole.OfficeAdmin, "KANIM-TANGERANG"),
        new("petugas.tangerang@pantau.test", "Petugas Kanim Tangerang", StaffRole.Officer, "KANIM-TANGERANG"),
        new("kepala.jaksel@pantau.test", "Kepala Kanim Jakarta Selatan", StaffRole.OfficeHead, "KANIM-JAKSEL"),
        new("petugas.jaksel@pantau.test", "Petugas Kanim Jakarta Selatan", StaffRole.Officer, "KANIM-JAKSEL"),
        new("polsek.setiabudi@pantau.test", "Polsek Setiabudi", StaffRole.Partner, "KANIM-JAKSEL", Districts: ["31.74.02"]),
        new("rt.setiabudi@pantau.test", "Ketua RT 1 / RW 1 Setia Budi", StaffRole.NeighbourhoodHead, "KANIM-JAKSEL",
            VillageCode: "31.74.02.1001", Rw: 1, Rt: 1),
    ];
}
