using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Reports;

public sealed class ReporterConfiguration : IEntityTypeConfiguration<Reporter>
{
    public void Configure(EntityTypeBuilder<Reporter> r)
    {
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Phone).HasMaxLength(16);
        r.HasIndex(x => x.Phone).IsUnique();
        r.Ignore(x => x.IsBlocked);
        r.Ignore(x => x.Credibility);
    }
}

public sealed class ReporterCodeConfiguration : IEntityTypeConfiguration<ReporterCode>
{
    public void Configure(EntityTypeBuilder<ReporterCode> c)
    {
        c.Property(x => x.Id).ValueGeneratedNever();
        c.Property(x => x.Phone).HasMaxLength(16);
        c.Property(x => x.CodeHash).HasMaxLength(64);
        c.HasIndex(x => new { x.Phone, x.SentAt });
    }
}

public sealed class ReporterSessionConfiguration : IEntityTypeConfiguration<ReporterSession>
{
    public void Configure(EntityTypeBuilder<ReporterSession> s)
    {
        s.HasKey(x => x.TokenHash);
        s.Property(x => x.TokenHash).HasMaxLength(64);
    }
}
