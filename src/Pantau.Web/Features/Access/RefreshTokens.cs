using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Access;

/// <summary>
/// A refresh token handed out with a bearer token. The token itself is the bearer handler's protected ticket; this
/// row is what makes it single use: the ticket names its row (<see cref="RefreshTokens.TokenClaim"/>), and a row is used
/// once. Every token descended from one login shares its <see cref="FamilyId"/>.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid FamilyId { get; init; }
    public Guid AccountId { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; init; }
    public DateTime? RevokedAt { get; init; }
}

public sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> b)
    {
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.FamilyId);
        b.HasIndex(t => t.AccountId);
    }
}

/// <summary>
/// Single-use refresh tokens. A token used a second time is a stolen one (or a stolen copy was used first): it is
/// refused, its whole family is revoked, and the account's security stamp changes, which ends every token and cookie
/// of the account (the family's access tokens among them).
/// </summary>
public static class RefreshTokens
{
    public const string TokenClaim = "pantau:refresh";
    public const string FamilyClaim = "pantau:family";

    /// <summary>Adds a new token of <paramref name="family"/> (a new family for a login) and names it in the principal.</summary>
    public static async Task IssueAsync(PantauDb db, ClaimsPrincipal principal, Guid accountId, Guid? family, DateTime now, TimeSpan lifetime)
    {
        var token = new RefreshToken { FamilyId = family ?? Guid.CreateVersion7(), AccountId = accountId, IssuedAt = now, ExpiresAt = now + lifetime };
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync();
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(TokenClaim, token.Id.ToString()));
        identity.AddClaim(new Claim(FamilyClaim, token.FamilyId.ToString()));
    }

    /// <summary>
    /// Uses the token the refresh ticket names, once: its family, or null when it is unknown, expired, revoked or
    /// used before (then the family is revoked and the account's sessions end).
    /// </summary>
    public static async Task<Guid?> UseAsync(PantauDb db, ClaimsPrincipal ticket, StaffUser account, UserManager<StaffUser> users, DateTime now)
    {
        if (!Guid.TryParse(ticket.FindFirstValue(TokenClaim), out var id)) return null;
        // One statement, so two requests with the same token cannot both win.
        var won = await db.RefreshTokens
            .Where(t => t.Id == id && t.AccountId == account.Id && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now));
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.AccountId == account.Id);
        if (token is null) return null;
        if (won == 1) return token.FamilyId;
        // The first reuse revokes; a token of a family already revoked is only refused (else replaying it would sign the
        // owner out again and again).
        if (token.UsedAt is not null && token.RevokedAt is null)
        {
            await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
            await users.UpdateSecurityStampAsync(account);
        }
        return null;
    }
}
