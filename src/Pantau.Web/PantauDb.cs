using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
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

namespace Pantau.Web;

/// <summary>
/// The database, as seen by one caller (<see cref="Current"/>). Contexts are leased from a pool
/// (<see cref="PantauHost"/>), and <see cref="Serve"/> hands a leased one to the scope's caller.
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

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => UtcDateTimes.Configure(conventions);

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Each entity's mapping is its feature's IEntityTypeConfiguration, found in the assembly. The two that depend on
        // the provider (PostgreSQL's "C" collation for name keys and words) take it through their constructor and are
        // plain classes the scan does not see, applied here by hand.
        b.ApplyConfigurationsFromAssembly(typeof(PantauDb).Assembly);
        var postgres = Database.IsNpgsql();
        new ForeignerConfiguration(postgres).Configure(b.Entity<Foreigner>());
        new NameTokenConfiguration(postgres).Configure(b.Entity<NameToken>());
        FilterByScope(b);
    }

    private void FilterByScope(ModelBuilder b)
    {
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
