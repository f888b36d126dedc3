using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Lodging;

public sealed class LodgingConfiguration : IEntityTypeConfiguration<Lodging>
{
    public void Configure(EntityTypeBuilder<Lodging> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Lodging.MaxName);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.VillageCode).HasMaxLength(13);
        b.Property(x => x.RegencyCode).HasMaxLength(5);
        b.Property(x => x.Address).HasMaxLength(Lodging.MaxAddress);
        b.Property(x => x.ContactName).HasMaxLength(200);
        b.Property(x => x.ContactPhone).HasMaxLength(16);
        // Two officers deciding at once: the second one's update finds the registration no longer pending.
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(12).IsConcurrencyToken();
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.HasIndex(x => new { x.OfficeId, x.State, x.RegisteredAt });
        b.HasIndex(x => x.AccountId).IsUnique();
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class GuestStayConfiguration : IEntityTypeConfiguration<GuestStay>
{
    public void Configure(EntityTypeBuilder<GuestStay> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.PassportNumber).HasMaxLength(9);
        b.Property(x => x.Nationality).HasMaxLength(3);
        b.Property(x => x.GuestName).HasMaxLength(200);
        b.Property(x => x.Room).HasMaxLength(GuestStay.MaxRoom);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(8);
        b.Ignore(x => x.StayEnd);
        // One stay per guest and check-in day at a lodging: a report sent twice (a retried form, a re-uploaded file)
        // is the same stay.
        b.HasIndex(x => new { x.LodgingId, x.PassportNumber, x.CheckIn }).IsUnique();
        b.HasIndex(x => new { x.LodgingId, x.ReportedAt });
        b.HasIndex(x => x.ForeignerId);
        b.HasOne<Lodging>().WithMany().HasForeignKey(x => x.LodgingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LodgingFlagConfiguration : IEntityTypeConfiguration<LodgingFlag>
{
    public void Configure(EntityTypeBuilder<LodgingFlag> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Resolution).HasMaxLength(500);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => new { x.StayId, x.Reason }).IsUnique();
        b.HasIndex(x => new { x.OfficeId, x.ResolvedAt, x.RaisedAt });
        b.HasOne<GuestStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Cascade);
    }
}
