using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Teams;

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(Team.MaxName);
        // Dispatchers pick a team by name: two of one name in an office would be a guess.
        b.HasIndex(t => new { t.OfficeId, t.Name }).IsUnique();
        b.HasOne<Office>().WithMany().HasForeignKey(t => t.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.Property(m => m.Name).HasMaxLength(TeamMember.MaxName);
        b.Property(m => m.Agency).HasConversion<string>().HasMaxLength(12);
        // "Which teams am I on?" (DutyRoster.TeamsOfAsync) asks by account.
        b.HasIndex(m => m.StaffUserId);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(m => m.StaffUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RosterShiftConfiguration : IEntityTypeConfiguration<RosterShift>
{
    public void Configure(EntityTypeBuilder<RosterShift> b)
    {
        b.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Office>().WithMany().HasForeignKey(s => s.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.TeamId, s.StartsAt });
        b.HasIndex(s => new { s.OfficeId, s.StartsAt });
    }
}
