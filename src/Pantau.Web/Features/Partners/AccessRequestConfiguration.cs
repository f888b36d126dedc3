using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Partners;

public sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> c)
    {
        c.Property(x => x.Id).ValueGeneratedNever();
        c.Property(x => x.PartnerName).HasMaxLength(200);
        c.Property(x => x.Reason).HasMaxLength(500);
        c.Property(x => x.DecisionNote).HasMaxLength(500);
        // Two heads deciding at once: the second one's update finds the request no longer pending.
        c.Property(x => x.Decision).HasConversion<string>().HasMaxLength(12).IsConcurrencyToken();
        c.HasIndex(x => new { x.OfficeId, x.RequestedAt });
        c.HasIndex(x => new { x.PartnerId, x.RequestedAt });
    }
}
