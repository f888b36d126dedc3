using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Access;

/// <summary>
/// What each role may do. Which records it reaches is <see cref="AccessScope"/>'s business. A feature that Access itself
/// uses names its own policy (Audit, Offices), so that it need not know Access; the roles are still given here.
/// </summary>
public static class Policies
{
    public const string RegistryRead = nameof(RegistryRead);
    public const string RegistryWrite = nameof(RegistryWrite);
    public const string ManageAccounts = nameof(ManageAccounts);
    public const string ManageOffices = OfficesFeature.ManagePolicy;
    public const string ReadAudit = AuditFeature.ReadPolicy;
    public const string FieldCheck = nameof(FieldCheck);
    public const string WatchField = nameof(WatchField);
    public const string PartnerView = nameof(PartnerView);
    public const string DecideAccess = nameof(DecideAccess);
    public const string HandleReports = nameof(HandleReports);
    public const string VerifyLodgings = nameof(VerifyLodgings);
    public const string ReportGuests = nameof(ReportGuests);
    public const string HandleLodgingFlags = nameof(HandleLodgingFlags);
    public const string RunDailyJobs = nameof(RunDailyJobs);
    public const string ManageTeams = nameof(ManageTeams);
    public const string ReadTeams = nameof(ReadTeams);
    public const string ReadOverview = nameof(ReadOverview);
    /// <summary>Hand a report that went up (<c>Report.Escalate</c>) to an office: the one thing above the offices that writes.</summary>
    public const string HandOverEscalations = nameof(HandOverEscalations);
    public const string ReadDashboard = nameof(ReadDashboard);

    public static readonly IReadOnlyDictionary<string, StaffRole[]> Roles = new Dictionary<string, StaffRole[]>
    {
        [RegistryRead] = [StaffRole.NationalAdmin, StaffRole.RegionalDivision, StaffRole.OfficeHead, StaffRole.Officer],
        [RegistryWrite] = [StaffRole.NationalAdmin, StaffRole.OfficeHead, StaffRole.Officer],
        [ManageAccounts] = [StaffRole.NationalAdmin, StaffRole.OfficeAdmin],
        [ManageOffices] = [StaffRole.NationalAdmin],
        [ReadAudit] = [StaffRole.NationalAdmin, StaffRole.OfficeHead],
        [FieldCheck] = [StaffRole.NationalAdmin, StaffRole.OfficeHead, StaffRole.Officer],
        [WatchField] = [StaffRole.NationalAdmin, StaffRole.OfficeHead],
        [PartnerView] = [StaffRole.Partner],
        [DecideAccess] = [StaffRole.NationalAdmin, StaffRole.OfficeHead],
        [HandleReports] = [StaffRole.NationalAdmin, StaffRole.OfficeHead, StaffRole.Officer],
        [VerifyLodgings] = [StaffRole.NationalAdmin, StaffRole.OfficeHead, StaffRole.OfficeAdmin, StaffRole.Officer],
        [ReportGuests] = [StaffRole.Lodging],
        [HandleLodgingFlags] = [StaffRole.NationalAdmin, StaffRole.OfficeHead, StaffRole.Officer],
        [RunDailyJobs] = [StaffRole.NationalAdmin],
        [ManageTeams] = [StaffRole.NationalAdmin, StaffRole.OfficeAdmin],
        [ReadTeams] = [StaffRole.NationalAdmin, StaffRole.OfficeHead, StaffRole.OfficeAdmin, StaffRole.Officer],
        [ReadOverview] = [StaffRole.NationalAdmin, StaffRole.RegionalDivision],
        [HandOverEscalations] = [StaffRole.NationalAdmin, StaffRole.RegionalDivision],
        [ReadDashboard] = [StaffRole.NationalAdmin, StaffRole.RegionalDivision, StaffRole.OfficeHead],
    };
}

public static class AccessSetup
{
    public const string StaffScheme = "Staff";

    public static IServiceCollection AddPantauAccess(this IServiceCollection services, IConfiguration cfg, IHostEnvironment env)
    {
        services.AddKeyProtection(cfg, env);
        // The header pantau.js sends the antiforgery token in (ApiAntiforgery checks it on the API).
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.HeaderName = ApiAntiforgery.HeaderName);

        // API clients send a bearer token; browsers carry the cookie of the login page.
        services.AddAuthentication(o => o.DefaultScheme = StaffScheme)
            .AddPolicyScheme(StaffScheme, null, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = "pantau";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403; only pages redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                // Not Identity's lockout, which locks the account for everyone: StaffSignIn locks one account out of
                // one client address (Access:Login).
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<PantauDb>()
            .AddDefaultTokenProviders();

        services.AddOptions<LoginLimits>().BindConfiguration("Access:Login")
            .Validate(o => o.IsValid(), "Access:Login needs PerAddress and FailuresBeforeLockout of at least 1 and positive Window and Lockout.")
            .ValidateOnStart();
        services.AddSingleton<LoginGuard>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<AccountChanges>();
        // The cookie's periodic re-check builds a new principal; it keeps saying how the session signed in.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.NewPrincipal?.Identity is ClaimsIdentity renewed)
                foreach (var method in ctx.CurrentPrincipal?.FindAll(StaffSignIn.MethodClaim) ?? [])
                    renewed.AddClaim(new Claim(method.Type, method.Value));
            return Task.CompletedTask;
        });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (name, roles) in Policies.Roles)
            authorization.AddPolicy(name, p => p.RequireRole(roles.Select(r => r.ToString())));
        return services;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
