using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.FieldChecks;

public sealed class FieldCheckConfiguration : IEntityTypeConfiguration<FieldCheck>
{
    public void Configure(EntityTypeBuilder<FieldCheck> c)
    {
        c.Property(x => x.Id).ValueGeneratedNever();
        c.Property(x => x.Purpose).HasMaxLength(200);
        c.Property(x => x.Query).HasMaxLength(400);
        c.Property(x => x.VillageCode).HasMaxLength(13);
        c.HasIndex(x => new { x.OfficerId, x.At });
        c.HasIndex(x => x.ReportId);
    }
}
