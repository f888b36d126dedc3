using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Sync;

public sealed class CentralPersonConfiguration : IEntityTypeConfiguration<CentralPerson>
{
    public void Configure(EntityTypeBuilder<CentralPerson> b)
    {
        b.ToTable("CentralPeople");
        b.HasKey(p => p.CentralId);
        b.Property(p => p.CentralId).HasMaxLength(CentralPerson.MaxIdLength);
        b.Property(p => p.RecordHash).HasMaxLength(64);
        // Two instances applying events of one person at once: the second one's save fails and is retried.
        b.Property(p => p.LastSequence).IsConcurrencyToken();
        b.HasIndex(p => p.ForeignerId).IsUnique();
    }
}

public sealed class CentralEventConfiguration : IEntityTypeConfiguration<CentralEvent>
{
    public void Configure(EntityTypeBuilder<CentralEvent> b)
    {
        b.HasKey(e => e.EventId);
        b.Property(e => e.EventId).HasMaxLength(CentralEvent.MaxIdLength);
        b.Property(e => e.CentralId).HasMaxLength(CentralPerson.MaxIdLength);
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(12);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasIndex(e => new { e.CentralId, e.State, e.Sequence });
        b.HasIndex(e => new { e.State, e.ReceivedAt });
        b.HasIndex(e => e.AppliedAt);
    }
}

public sealed class SnapshotImportConfiguration : IEntityTypeConfiguration<SnapshotImport>
{
    public void Configure(EntityTypeBuilder<SnapshotImport> b)
    {
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.FilePath).HasMaxLength(1000);
        b.Property(i => i.FileHash).HasMaxLength(64);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(i => i.StartedBy).HasMaxLength(256);
        b.Property(i => i.Error).HasMaxLength(1000);
        b.Ignore(i => i.Rows);
        b.HasIndex(i => i.FileHash);
        b.HasIndex(i => i.StartedAt);
    }
}

public sealed class SnapshotRejectionConfiguration : IEntityTypeConfiguration<SnapshotRejection>
{
    public void Configure(EntityTypeBuilder<SnapshotRejection> b)
    {
        b.HasKey(r => new { r.ImportId, r.Line });
        b.Property(r => r.CentralId).HasMaxLength(CentralPerson.MaxIdLength);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.HasOne<SnapshotImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
