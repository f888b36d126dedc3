using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Regions;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(13);
        b.Property(r => r.ParentCode).HasMaxLength(13);
        b.Property(r => r.Name).HasMaxLength(120);
        b.HasIndex(r => r.ParentCode);
    }
}
