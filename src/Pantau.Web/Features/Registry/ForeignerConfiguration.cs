using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pantau.Web.Features.Registry;

// Not an IEntityTypeConfiguration: the model's assembly scan would find it and warn, at every start, that it cannot
// make one without knowing the provider. PantauDb applies it by hand.
public sealed class ForeignerConfiguration(bool postgres)
{
    public void Configure(EntityTypeBuilder<Foreigner> b)
    {
        // Ids are made by the entities (version 7 GUIDs), so a new passport or address added to a loaded person is
        // an insert, not an update of a row that does not exist.
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.FullName).HasMaxLength(PersonName.MaxLength);
        var nameKey = b.Property(f => f.NameKey).HasMaxLength(PersonName.MaxLength);
        if (postgres) nameKey.UseCollation("C");
        b.Property(f => f.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(f => f.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(f => f.Nationality).HasMaxLength(3);
        b.Property(f => f.VillageCode).HasMaxLength(13);
        b.Property(f => f.DistrictCode).HasMaxLength(8);
        b.Property(f => f.RegencyCode).HasMaxLength(5);
        b.Property(f => f.ProvinceCode).HasMaxLength(2);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Ignore(f => f.CurrentAddress);
        b.Ignore(f => f.CurrentPermit);

        b.HasIndex(f => f.NameKey);
        b.HasIndex(f => f.Nationality);
        b.HasIndex(f => new { f.VillageCode, f.Rw, f.Rt });
        b.HasIndex(f => f.DistrictCode);
        b.HasIndex(f => f.RegencyCode);
        b.HasIndex(f => f.ProvinceCode);

        b.HasMany(f => f.Passports).WithOne().HasForeignKey(p => p.ForeignerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(f => f.Permits).WithOne().HasForeignKey(p => p.ForeignerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(f => f.Addresses).WithOne().HasForeignKey(a => a.ForeignerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(f => f.NameTokens).WithOne().HasForeignKey(t => t.ForeignerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PassportConfiguration : IEntityTypeConfiguration<Passport>
{
    public void Configure(EntityTypeBuilder<Passport> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Number).HasMaxLength(9);
        b.Property(p => p.IssuingState).HasMaxLength(3);
        b.HasIndex(p => new { p.Number, p.IssuingState }).IsUnique();
    }
}

public sealed class StayPermitConfiguration : IEntityTypeConfiguration<StayPermit>
{
    public void Configure(EntityTypeBuilder<StayPermit> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.ToTable("StayPermits");
        b.Property(p => p.Type).HasConversion<string>().HasMaxLength(12);
        b.Property(p => p.Number).HasMaxLength(40);
        b.Property(p => p.Purpose).HasMaxLength(100);
        b.Property(p => p.Sponsor).HasMaxLength(200);
        b.Property(p => p.SponsorPhone).HasMaxLength(16);
        b.HasIndex(p => p.Number).IsUnique();
        b.HasIndex(p => p.ExpiryDate);
    }
}

public sealed class ResidenceAddressConfiguration : IEntityTypeConfiguration<ResidenceAddress>
{
    public void Configure(EntityTypeBuilder<ResidenceAddress> b)
    {
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.VillageCode).HasMaxLength(13);
        b.Property(a => a.Street).HasMaxLength(300);
    }
}

public sealed class NameTokenConfiguration(bool postgres)
{
    public void Configure(EntityTypeBuilder<NameToken> b)
    {
        b.HasKey(t => new { t.ForeignerId, t.Token });
        var token = b.Property(t => t.Token).HasMaxLength(PersonName.MaxLength);
        // Prefix search is a range scan in binary order on both providers.
        if (postgres) token.UseCollation("C");
        b.HasIndex(t => t.Token);
    }
}
