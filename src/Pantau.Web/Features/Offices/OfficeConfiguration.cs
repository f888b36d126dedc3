using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Kernel;

namespace Pantau.Web.Features.Offices;

public sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> b)
    {
        b.Property(o => o.Code).HasMaxLength(32);
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.ProvinceCode).HasMaxLength(2);
        b.Property(o => o.TimeZone).HasMaxLength(IndonesianTimeZone.MaxId);
        b.Ignore(o => o.Zone);
        b.Ignore(o => o.RegencyCodes);
        b.HasMany(o => o.Jurisdiction).WithOne().HasForeignKey(j => j.OfficeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OfficeJurisdictionConfiguration : IEntityTypeConfiguration<OfficeJurisdiction>
{
    public void Configure(EntityTypeBuilder<OfficeJurisdiction> b)
    {
        b.HasKey(j => new { j.OfficeId, j.RegencyCode });
        b.Property(j => j.RegencyCode).HasMaxLength(5);
        // A place is watched by exactly one office: routing and scope depend on it.
        b.HasIndex(j => j.RegencyCode).IsUnique();
    }
}
