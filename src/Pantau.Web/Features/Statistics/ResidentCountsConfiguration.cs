using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Statistics;

public sealed class ResidentCountConfiguration : IEntityTypeConfiguration<ResidentCount>
{
    public void Configure(EntityTypeBuilder<ResidentCount> c)
    {
        c.HasKey(x => new { x.VillageCode, x.Rw, x.Rt });
        c.Property(x => x.VillageCode).HasMaxLength(13);
        c.Property(x => x.DistrictCode).HasMaxLength(8);
        c.Property(x => x.RegencyCode).HasMaxLength(5);
        c.Property(x => x.ProvinceCode).HasMaxLength(2);
        // Read by its key only (a village, RW or RT): sums over a kecamatan and above read NationalityCounts. No
        // other index holds the count, so changing it rewrites no index entry (a HOT update on PostgreSQL).
    }
}

public sealed class NationalityCountConfiguration : IEntityTypeConfiguration<NationalityCount>
{
    public void Configure(EntityTypeBuilder<NationalityCount> c)
    {
        c.HasKey(x => new { x.DistrictCode, x.Nationality });
        c.Property(x => x.DistrictCode).HasMaxLength(8);
        c.Property(x => x.Nationality).HasMaxLength(3);
        c.Property(x => x.RegencyCode).HasMaxLength(5);
        c.Property(x => x.ProvinceCode).HasMaxLength(2);
        c.HasIndex(x => x.RegencyCode);
        c.HasIndex(x => x.ProvinceCode);
    }
}
