using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Access;

/// <summary>On top of Identity's mapping of the user (the context's base class maps it first).</summary>
public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> u)
    {
        u.Property(x => x.FullName).HasMaxLength(200);
        u.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
        u.Property(x => x.ProvinceCode).HasMaxLength(2);
        u.Property(x => x.DistrictCodes).HasMaxLength(1000);
        u.Property(x => x.VillageCode).HasMaxLength(13);
        u.Ignore(x => x.Districts);
        u.Ignore(x => x.CurrentAssignment);
        u.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The data-protection package's entity (<see cref="KeyProtection"/>), on the table 0003 made (both columns are always written).</summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> k)
    {
        k.Property(x => x.FriendlyName).HasMaxLength(200).IsRequired();
        k.Property(x => x.Xml).IsRequired();
    }
}
