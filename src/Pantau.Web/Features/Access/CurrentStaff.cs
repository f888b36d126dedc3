using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Access;

/// <summary>
/// Who is calling, as the database says now. Loaded once per request by <see cref="CurrentStaffMiddleware"/>;
/// <see cref="PantauDb"/> reads <see cref="Scope"/> in its query filters.
/// </summary>
public sealed class CurrentStaff : IActingStaff
{
    public StaffUser? User { get; private set; }
    public AccessScope Scope { get; private set; } = AccessScope.Nothing;
    public bool IsSystem { get; private set; }

    public Guid? UserId => User?.Id;
    public string? Email => User?.Email;
    public int? OfficeId => User?.OfficeId;
    public StaffRole? Role => User?.Role;

    /// <summary>For work the system does on its own behalf: start-up seeding, imports, the central feed.</summary>
    public void ActAsSystem()
    {
        IsSystem = true;
        Scope = AccessScope.All;
    }

    internal void Become(StaffUser user, AccessScope scope)
    {
        User = user;
        Scope = scope;
    }

    public static async Task<AccessScope> ScopeOfAsync(StaffUser user, PantauDb db, JurisdictionMap offices) => user.Role switch
    {
        StaffRole.NationalAdmin => AccessScope.All,
        StaffRole.RegionalDivision when user.ProvinceCode is { } p => AccessScope.Nothing with { ProvinceCode = p },
        StaffRole.OfficeHead or StaffRole.OfficeAdmin or StaffRole.Officer when user.OfficeId is { } o =>
            AccessScope.Nothing with { RegencyCodes = [.. await offices.RegenciesOfAsync(o, db)] },
        StaffRole.Partner => AccessScope.Nothing with { DistrictCodes = [.. user.Districts] },
        StaffRole.NeighbourhoodHead when user.VillageCode is { } v =>
            AccessScope.Nothing with { VillageCode = v, Rw = user.Rw, Rt = user.Rt },
        _ => AccessScope.Nothing,
    };

    /// <summary>
    /// The account as of at most <see cref="AccountCacheLifetime"/> ago: read on every request, so kept in memory
    /// briefly; a change saved on this instance evicts it at once (<see cref="StaffCacheInterceptor"/>).
    /// </summary>
    public static readonly TimeSpan AccountCacheLifetime = TimeSpan.FromSeconds(5);

    public static string AccountCacheKey(Guid id) => $"staff:{id}";
}

/// <summary>
/// Replaces the token's view of the caller with the database's: a disabled or deleted account becomes anonymous
/// (so every protected endpoint answers 401) and the role claim is the current one. A token or cookie issued before
/// the account's security stamp last changed (disabled or enabled, password, role or scope, two-factor) is refused for
/// good, and so is one that did not pass two-factor for an account that has it on.
/// </summary>
public sealed class CurrentStaffMiddleware(RequestDelegate next)
{
    public static bool IsCurrent(ClaimsPrincipal token, StaffUser user, string stampClaim) =>
        !user.IsDisabled
        && !string.IsNullOrEmpty(user.SecurityStamp) && token.FindFirstValue(stampClaim) == user.SecurityStamp
        && (!user.TwoFactorEnabled || token.HasClaim(StaffSignIn.MethodClaim, "mfa"));

    public async Task InvokeAsync(HttpContext ctx, CurrentStaff current, PantauDb db, IMemoryCache cache, JurisdictionMap offices,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> identityOptions)
    {
        if (ctx.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(ctx.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            var user = await cache.GetOrCreateAsync(CurrentStaff.AccountCacheKey(id), e =>
            {
                e.AbsoluteExpirationRelativeToNow = CurrentStaff.AccountCacheLifetime;
                return db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
            });
            if (user is null || !IsCurrent(ctx.User, user, identityOptions.Value.ClaimsIdentity.SecurityStampClaimType))
            {
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                current.Become(user, await CurrentStaff.ScopeOfAsync(user, db, offices));
                var identity = new ClaimsIdentity(
                    ctx.User.Claims.Where(c => c.Type != ClaimTypes.Role)
                        .Append(new Claim(ClaimTypes.Role, user.Role.ToString())),
                    ctx.User.Identity.AuthenticationType);
                ctx.User = new ClaimsPrincipal(identity);
            }
        }
        await next(ctx);
    }
}

/// <summary>Evicts a cached account whenever a change to it is saved, whoever saves it (API, pages, Identity).</summary>
public sealed class StaffCacheInterceptor(IMemoryCache cache) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<Guid>> _changed = [];

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData e, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        // Only saves that change an account are remembered: the table takes a lock, and every save passes here.
        if (e.Context is { } db
            && db.ChangeTracker.Entries<StaffUser>().Where(x => x.State is EntityState.Modified or EntityState.Deleted).Select(x => x.Entity.Id).ToList()
                is { Count: > 0 } ids)
            _changed.AddOrUpdate(db, ids);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesCompletedEventData e, int result,
        CancellationToken ct = default)
    {
        if (e.Context is { } db && _changed.TryGetValue(db, out var ids))
        {
            foreach (var id in ids) cache.Remove(CurrentStaff.AccountCacheKey(id));
            _changed.Remove(db);
        }
        return ValueTask.FromResult(result);
    }
}
