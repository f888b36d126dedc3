using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Reports;

public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> r)
    {
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Ticket).HasMaxLength(16);
        r.HasIndex(x => x.Ticket).IsUnique();
        r.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        r.Property(x => x.VillageCode).HasMaxLength(13);
        r.Property(x => x.Address).HasMaxLength(Report.MaxAddress);
        r.Property(x => x.Description).HasMaxLength(Report.MaxDescription);
        r.Property(x => x.PersonNationality).HasMaxLength(3);
        r.Property(x => x.PersonName).HasMaxLength(200);
        r.Property(x => x.Workplace).HasMaxLength(200);
        r.Property(x => x.StatusNote).HasMaxLength(500);
        r.Property(x => x.PublicNote).HasMaxLength(500);
        r.Ignore(x => x.IssuedKey);
        r.HasMany(x => x.Keys).WithOne().HasForeignKey(k => k.ReportId).OnDelete(DeleteBehavior.Cascade);
        r.Property(x => x.IdempotencyKey).HasMaxLength(100);
        r.HasIndex(x => x.IdempotencyKey).IsUnique();
        r.Property(x => x.SubmissionHash).HasMaxLength(64);
        // A client application's re-send of the same report is found by its content (ReportIntake.ResendOfAsync).
        r.HasIndex(x => new { x.SubmissionHash, x.CreatedAt });
        r.Property(x => x.ClientName).HasMaxLength(200);
        r.HasIndex(x => new { x.ApiClientId, x.CreatedAt });
        r.Property(x => x.VerificationToken).HasMaxLength(64);
        r.HasIndex(x => x.VerificationToken);
        r.Property(x => x.DeviceId).HasMaxLength(100);
        r.HasIndex(x => new { x.DeviceId, x.CreatedAt });
        r.HasIndex(x => new { x.ReporterId, x.CreatedAt });
        r.HasIndex(x => new { x.OfficeId, x.Status, x.CreatedAt });
        r.HasIndex(x => x.IncidentId);
        r.Property(x => x.ClientAddress).HasMaxLength(64);
        r.HasIndex(x => new { x.ClientAddress, x.CreatedAt });
        r.Property(x => x.Priority).HasConversion<string>().HasMaxLength(8);
        r.Property(x => x.Revision).IsConcurrencyToken();
        r.Property(x => x.RejectionReason).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.Escalation).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.FindingsNote).HasMaxLength(2000);
        r.HasIndex(x => new { x.TeamId, x.Status });
        r.HasMany(x => x.Photos).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.History).WithOne().HasForeignKey(h => h.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportPhotoConfiguration : IEntityTypeConfiguration<ReportPhoto>
{
    public void Configure(EntityTypeBuilder<ReportPhoto> p)
    {
        p.Property(x => x.Id).ValueGeneratedNever();
        p.Property(x => x.ContentType).HasMaxLength(32);
    }
}

public sealed class ReportStatusChangeConfiguration : IEntityTypeConfiguration<ReportStatusChange>
{
    public void Configure(EntityTypeBuilder<ReportStatusChange> h)
    {
        h.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        h.Property(x => x.Note).HasMaxLength(500);
        h.Property(x => x.PublicNote).HasMaxLength(500);
    }
}

public sealed class ReportKeyConfiguration : IEntityTypeConfiguration<ReportKey>
{
    public void Configure(EntityTypeBuilder<ReportKey> k)
    {
        k.HasKey(x => x.Hash);
        k.Property(x => x.Hash).HasMaxLength(64);
    }
}

public sealed class ReportMessageConfiguration : IEntityTypeConfiguration<ReportMessage>
{
    public void Configure(EntityTypeBuilder<ReportMessage> m)
    {
        m.Property(x => x.AuthorName).HasMaxLength(200);
        m.Property(x => x.Text).HasMaxLength(ReportMessage.MaxText);
        m.HasIndex(x => x.ReportId);
        m.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> i)
    {
        i.Property(x => x.Id).ValueGeneratedNever();
        i.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        i.Property(x => x.VillageCode).HasMaxLength(13);
        i.HasIndex(x => new { x.OfficeId, x.Category, x.LastReportAt });
    }
}

public sealed class HourlyCountConfiguration : IEntityTypeConfiguration<HourlyCount>
{
    public void Configure(EntityTypeBuilder<HourlyCount> c)
    {
        c.HasKey(x => new { x.Key, x.Hour });
        c.Property(x => x.Key).HasMaxLength(HourlyCount.MaxKey);
        c.HasIndex(x => x.Hour);
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> m)
    {
        m.Property(x => x.Recipient).HasMaxLength(32);
        m.Property(x => x.Text).HasMaxLength(1000);
    }
}
