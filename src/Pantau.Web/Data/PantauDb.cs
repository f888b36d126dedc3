using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.FieldChecks;
using Pantau.Web.Features.Partners;
using Pantau.Web.Features.Statistics;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Data;

public sealed class PantauDb(DbContextOptions<PantauDb> options, CurrentStaff current)
    : IdentityUserContext<StaffUser, Guid>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<OfficeJurisdiction> OfficeJurisdictions => Set<OfficeJurisdiction>();
    public DbSet<Foreigner> Foreigners => Set<Foreigner>();
    public DbSet<Passport> Passports => Set<Passport>();
    public DbSet<StayPermit> StayPermits => Set<StayPermit>();
    public DbSet<ResidenceAddress> ResidenceAddresses => Set<ResidenceAddress>();
    public DbSet<NameToken> NameTokens => Set<NameToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ResidentCount> ResidentCounts => Set<ResidentCount>();
    public DbSet<NationalityCount> NationalityCounts => Set<NationalityCount>();
    public DbSet<FieldCheck> FieldChecks => Set<FieldCheck>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<FieldPosition> FieldPositions => Set<FieldPosition>();

    /// <summary>Read by the query filters at query time: the caller's scope, or nothing for anonymous work.</summary>
    public AccessScope Scope => current.Scope;

    /// <summary>The caller's office, for the office head's view of the audit trail.</summary>
    public int? CallerOfficeId => current.OfficeId;
    public string? CallerOfficeMarker => current.OfficeId is { } id ? $",{id}," : null;

    public CurrentStaff Current => current;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        var postgres = Database.IsNpgsql();
        b.ApplyConfiguration(new RegionConfiguration());
        b.ApplyConfiguration(new OfficeConfiguration());
        b.ApplyConfiguration(new OfficeJurisdictionConfiguration());
        b.ApplyConfiguration(new ForeignerConfiguration(postgres));
        b.ApplyConfiguration(new PassportConfiguration());
        b.ApplyConfiguration(new StayPermitConfiguration());
        b.ApplyConfiguration(new ResidenceAddressConfiguration());
        b.ApplyConfiguration(new NameTokenConfiguration(postgres));
        b.ApplyConfiguration(new AuditEntryConfiguration());
        b.ApplyConfiguration(new AuditHeadConfiguration());
        b.Entity<DataProtectionKey>(k => k.Property(x => x.FriendlyName).HasMaxLength(200));
        b.Entity<ResidentCount>(c =>
        {
            c.HasKey(x => new { x.VillageCode, x.Rw, x.Rt });
            c.Property(x => x.VillageCode).HasMaxLength(13);
            c.Property(x => x.DistrictCode).HasMaxLength(8);
            c.Property(x => x.RegencyCode).HasMaxLength(5);
            c.Property(x => x.ProvinceCode).HasMaxLength(2);
            c.HasIndex(x => x.DistrictCode);
            c.HasIndex(x => x.RegencyCode);
            c.HasIndex(x => x.ProvinceCode);
        });
        b.Entity<NationalityCount>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.Nationality });
            c.Property(x => x.DistrictCode).HasMaxLength(8);
            c.Property(x => x.Nationality).HasMaxLength(3);
            c.Property(x => x.RegencyCode).HasMaxLength(5);
            c.Property(x => x.ProvinceCode).HasMaxLength(2);
            c.HasIndex(x => x.RegencyCode);
            c.HasIndex(x => x.ProvinceCode);
        });
        b.Entity<FieldCheck>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Purpose).HasMaxLength(200);
            c.Property(x => x.Query).HasMaxLength(400);
            c.HasIndex(x => new { x.OfficerId, x.At });
        });
        b.Entity<AccessRequest>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.PartnerName).HasMaxLength(200);
            c.Property(x => x.Reason).HasMaxLength(500);
            c.Property(x => x.DecisionNote).HasMaxLength(500);
            // Two heads deciding at once: the second one's update finds the request no longer pending.
            c.Property(x => x.Decision).HasConversion<string>().HasMaxLength(12).IsConcurrencyToken();
            c.HasIndex(x => new { x.OfficeId, x.RequestedAt });
            c.HasIndex(x => new { x.PartnerId, x.RequestedAt });
        });
        b.Entity<FieldPosition>(c =>
        {
            c.Property(x => x.OfficerName).HasMaxLength(200);
            c.Property(x => x.Note).HasMaxLength(300);
            c.Property(x => x.Activity).HasConversion<string>().HasMaxLength(16);
            c.HasIndex(x => new { x.OfficeId, x.At });
            c.HasIndex(x => new { x.OfficerId, x.At });
        });
        b.Entity<StaffUser>(u =>
        {
            u.Property(x => x.FullName).HasMaxLength(200);
            u.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
            u.Property(x => x.ProvinceCode).HasMaxLength(2);
            u.Property(x => x.DistrictCodes).HasMaxLength(1000);
            u.Property(x => x.VillageCode).HasMaxLength(13);
            u.Ignore(x => x.Districts);
            u.Ignore(x => x.CurrentAssignment);
            u.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        });

        // Scope, in one place: a person (and everything hanging off one) outside the caller's scope does not exist
        // for this context. Anonymous work sees nothing unless it acts as the system.
        b.Entity<Foreigner>().HasQueryFilter(f =>
            Scope.Everything
            || f.ProvinceCode == Scope.ProvinceCode
            || Scope.RegencyCodes.Contains(f.RegencyCode)
            || Scope.DistrictCodes.Contains(f.DistrictCode)
            || (f.VillageCode == Scope.VillageCode
                && (Scope.Rw == null || f.Rw == Scope.Rw)
                && (Scope.Rt == null || f.Rt == Scope.Rt)));
        b.Entity<Passport>().HasQueryFilter(p => Foreigners.Any(f => f.Id == p.ForeignerId));
        b.Entity<StayPermit>().HasQueryFilter(p => Foreigners.Any(f => f.Id == p.ForeignerId));
        b.Entity<ResidenceAddress>().HasQueryFilter(a => Foreigners.Any(f => f.Id == a.ForeignerId));
        b.Entity<NameToken>().HasQueryFilter(t => Foreigners.Any(f => f.Id == t.ForeignerId));

        // Office heads read their office's trail: what their staff did and what was done to their office's records.
        b.Entity<AuditEntry>().HasQueryFilter(e =>
            Scope.Everything
            || (CallerOfficeId != null && (e.ActorOfficeId == CallerOfficeId || e.RecordOffices.Contains(CallerOfficeMarker!))));
    }
}
