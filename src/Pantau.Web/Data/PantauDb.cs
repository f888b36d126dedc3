using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.FieldChecks;
using Pantau.Web.Features.Lodging;
using Pantau.Web.Features.PermitExpiry;
using Pantau.Web.Features.Partners;
using Pantau.Web.Features.Statistics;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Open311;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Teams;
using Pantau.Web.Features.Sync;

namespace Pantau.Web.Data;

/// <summary>
/// The database, as seen by one caller (<see cref="Current"/>). Contexts are leased from a pool
/// (<see cref="PantauDatabase.AddPantauDb"/>), and <see cref="Serve"/> hands a leased one to the scope's caller.
/// </summary>
public sealed class PantauDb(DbContextOptions<PantauDb> options) : IdentityUserContext<StaffUser, Guid>(options), IDataProtectionKeyContext
{
    private CurrentStaff _current = new();

    /// <summary>For <paramref name="caller"/> from now on, with nothing left of a previous lease's events.</summary>
    public void Serve(CurrentStaff caller)
    {
        _current = caller;
        UnpublishedEvents.Clear();
        ReadyEvents.Clear();
    }

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
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<ResidentCount> ResidentCounts => Set<ResidentCount>();
    public DbSet<NationalityCount> NationalityCounts => Set<NationalityCount>();
    public DbSet<FieldCheck> FieldChecks => Set<FieldCheck>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<FieldPosition> FieldPositions => Set<FieldPosition>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportPhoto> ReportPhotos => Set<ReportPhoto>();
    public DbSet<ReportStatusChange> ReportStatusChanges => Set<ReportStatusChange>();
    public DbSet<ReportKey> ReportKeys => Set<ReportKey>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<Reporter> Reporters => Set<Reporter>();
    public DbSet<ReporterCode> ReporterCodes => Set<ReporterCode>();
    public DbSet<ReporterSession> ReporterSessions => Set<ReporterSession>();
    public DbSet<HourlyCount> HourlyCounts => Set<HourlyCount>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<Lodging> Lodgings => Set<Lodging>();
    public DbSet<GuestStay> GuestStays => Set<GuestStay>();
    public DbSet<LodgingFlag> LodgingFlags => Set<LodgingFlag>();
    public DbSet<ScheduledRun> ScheduledRuns => Set<ScheduledRun>();
    public DbSet<Infrastructure.ReadinessProbe> ReadinessProbes => Set<Infrastructure.ReadinessProbe>();
    public DbSet<PermitReminder> PermitReminders => Set<PermitReminder>();
    public DbSet<QueueEvent> QueueEvents => Set<QueueEvent>();
    public DbSet<ReportMessage> ReportMessages => Set<ReportMessage>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<RosterShift> RosterShifts => Set<RosterShift>();

    /// <summary>The queue events of the save under way, published once it succeeded (<see cref="QueueEventsInterceptor"/>).</summary>
    internal List<QueueEvent> UnpublishedEvents { get; } = [];
    /// <summary>Those events as the consoles receive them, waiting for the transaction they were saved in to commit.</summary>
    internal List<Features.LiveEvents.LiveEvent> ReadyEvents { get; } = [];
    public DbSet<CentralPerson> CentralPeople => Set<CentralPerson>();
    public DbSet<CentralEvent> CentralEvents => Set<CentralEvent>();
    public DbSet<SnapshotImport> SnapshotImports => Set<SnapshotImport>();
    public DbSet<SnapshotRejection> SnapshotRejections => Set<SnapshotRejection>();

    /// <summary>Read by the query filters at query time: the caller's scope, or nothing for anonymous work.</summary>
    public AccessScope Scope => _current.Scope;

    /// <summary>The caller's office, for the office head's view of the audit trail.</summary>
    public int? CallerOfficeId => _current.OfficeId;
    public string? CallerOfficeMarker => _current.OfficeId is { } id ? $",{id}," : null;

    public CurrentStaff Current => _current;

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
        // The package's entity, on the table 0003 made (both columns are always written).
        b.Entity<DataProtectionKey>(k =>
        {
            k.Property(x => x.FriendlyName).HasMaxLength(200).IsRequired();
            k.Property(x => x.Xml).IsRequired();
        });
        b.ApplyConfiguration(new RefreshTokenConfiguration());
        b.Entity<ResidentCount>(c =>
        {
            c.HasKey(x => new { x.VillageCode, x.Rw, x.Rt });
            c.Property(x => x.VillageCode).HasMaxLength(13);
            c.Property(x => x.DistrictCode).HasMaxLength(8);
            c.Property(x => x.RegencyCode).HasMaxLength(5);
            c.Property(x => x.ProvinceCode).HasMaxLength(2);
            // Read by its key only (a village, RW or RT): sums over a kecamatan and above read NationalityCounts. No
            // other index holds the count, so changing it rewrites no index entry (a HOT update on PostgreSQL).
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
            c.HasIndex(x => x.ReportId);
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
        b.Entity<Report>(r =>
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
            r.Property(x => x.FindingsNote).HasMaxLength(2000);
            r.HasIndex(x => new { x.TeamId, x.Status });
            r.HasMany(x => x.Photos).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
            r.HasMany(x => x.History).WithOne().HasForeignKey(h => h.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReportPhoto>(p => { p.Property(x => x.Id).ValueGeneratedNever(); p.Property(x => x.ContentType).HasMaxLength(32); });
        b.Entity<QueueEvent>(e => e.HasIndex(x => new { x.OfficeId, x.Id }));
        b.Entity<ReportMessage>(m =>
        {
            m.Property(x => x.AuthorName).HasMaxLength(200);
            m.Property(x => x.Text).HasMaxLength(ReportMessage.MaxText);
            m.HasIndex(x => x.ReportId);
            m.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReportStatusChange>(h =>
        {
            h.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            h.Property(x => x.Note).HasMaxLength(500);
            h.Property(x => x.PublicNote).HasMaxLength(500);
        });
        b.Entity<ReportKey>(k =>
        {
            k.HasKey(x => x.Hash);
            k.Property(x => x.Hash).HasMaxLength(64);
        });
        b.Entity<Incident>(i =>
        {
            i.Property(x => x.Id).ValueGeneratedNever();
            i.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
            i.Property(x => x.VillageCode).HasMaxLength(13);
            i.HasIndex(x => new { x.OfficeId, x.Category, x.LastReportAt });
        });
        b.Entity<Reporter>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Phone).HasMaxLength(16);
            r.HasIndex(x => x.Phone).IsUnique();
            r.Ignore(x => x.IsBlocked);
            r.Ignore(x => x.Credibility);
        });
        b.Entity<ReporterCode>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Phone).HasMaxLength(16);
            c.Property(x => x.CodeHash).HasMaxLength(64);
            c.HasIndex(x => new { x.Phone, x.SentAt });
        });
        b.Entity<ReporterSession>(s => { s.HasKey(x => x.TokenHash); s.Property(x => x.TokenHash).HasMaxLength(64); });
        b.Entity<HourlyCount>(c =>
        {
            c.HasKey(x => new { x.Key, x.Hour });
            c.Property(x => x.Key).HasMaxLength(HourlyCount.MaxKey);
            c.HasIndex(x => x.Hour);
        });
        b.Entity<OutboxMessage>(m => { m.Property(x => x.Recipient).HasMaxLength(32); m.Property(x => x.Text).HasMaxLength(1000); });
        b.ApplyConfiguration(new ApiClientConfiguration());
        b.ApplyConfiguration(new LodgingConfiguration());
        b.ApplyConfiguration(new GuestStayConfiguration());
        b.ApplyConfiguration(new LodgingFlagConfiguration());
        b.ApplyConfiguration(new ScheduledRunConfiguration());
        b.Entity<Infrastructure.ReadinessProbe>(p =>
        {
            p.HasKey(x => x.Instance);
            p.Property(x => x.Instance).HasMaxLength(200);
        });
        b.ApplyConfiguration(new PermitReminderConfiguration());
        b.ApplyConfiguration(new TeamConfiguration());
        b.ApplyConfiguration(new TeamMemberConfiguration());
        b.ApplyConfiguration(new RosterShiftConfiguration());
        b.ApplyConfiguration(new CentralPersonConfiguration());
        b.ApplyConfiguration(new CentralEventConfiguration());
        b.ApplyConfiguration(new SnapshotImportConfiguration());
        b.ApplyConfiguration(new SnapshotRejectionConfiguration());

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
        // Every filter is named (QueryFilters): a query reads across one of them by name, never across all at once.
        b.Entity<Foreigner>().HasQueryFilter(QueryFilters.Jurisdiction, f =>
            Scope.Everything
            || f.ProvinceCode == Scope.ProvinceCode
            || Scope.RegencyCodes.Contains(f.RegencyCode)
            || Scope.DistrictCodes.Contains(f.DistrictCode)
            || (f.VillageCode == Scope.VillageCode
                && (Scope.Rw == null || f.Rw == Scope.Rw)
                && (Scope.Rt == null || f.Rt == Scope.Rt)));
        b.Entity<Passport>().HasQueryFilter(QueryFilters.PersonScope, p => Foreigners.Any(f => f.Id == p.ForeignerId));
        b.Entity<StayPermit>().HasQueryFilter(QueryFilters.PersonScope, p => Foreigners.Any(f => f.Id == p.ForeignerId));
        b.Entity<ResidenceAddress>().HasQueryFilter(QueryFilters.PersonScope, a => Foreigners.Any(f => f.Id == a.ForeignerId));
        b.Entity<NameToken>().HasQueryFilter(QueryFilters.PersonScope, t => Foreigners.Any(f => f.Id == t.ForeignerId));

        // Officers see the reports routed to their office. The public side (tracking by the reporter's key, idempotent
        // retries) reads across offices explicitly (QueryFilters.AcrossOffices), and returns no personal data.
        b.Entity<Report>().HasQueryFilter(QueryFilters.OfficeReports, r => Scope.Everything || (CallerOfficeId != null && r.OfficeId == CallerOfficeId));

        // Teams and the roster belong to one office: another office's do not exist for its staff (404).
        b.Entity<Team>().HasQueryFilter(QueryFilters.OfficeTeams, t => Scope.Everything || (CallerOfficeId != null && t.OfficeId == CallerOfficeId));
        b.Entity<TeamMember>().HasQueryFilter(QueryFilters.OfficeTeams, m => Teams.Any(t => t.Id == m.TeamId));
        b.Entity<RosterShift>().HasQueryFilter(QueryFilters.OfficeTeams, s => Scope.Everything || (CallerOfficeId != null && s.OfficeId == CallerOfficeId));

        // Office heads read their office's trail: what their staff did and what was done to their office's records.
        b.Entity<AuditEntry>().HasQueryFilter(QueryFilters.OfficeTrail, e =>
            Scope.Everything
            || (CallerOfficeId != null && (e.ActorOfficeId == CallerOfficeId || e.RecordOffices.Contains(CallerOfficeMarker!))));
    }
}
