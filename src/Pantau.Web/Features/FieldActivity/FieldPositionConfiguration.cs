using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.FieldActivity;

public sealed class FieldPositionConfiguration : IEntityTypeConfiguration<FieldPosition>
{
    public void Configure(EntityTypeBuilder<FieldPosition> c)
    {
        c.Property(x => x.OfficerName).HasMaxLength(200);
        c.Property(x => x.Note).HasMaxLength(300);
        c.Property(x => x.VillageCode).HasMaxLength(13);
        c.Property(x => x.Activity).HasConversion<string>().HasMaxLength(16);
        c.HasIndex(x => new { x.OfficeId, x.At });
        c.HasIndex(x => new { x.OfficerId, x.At });
    }
}
