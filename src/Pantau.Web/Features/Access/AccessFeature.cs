using Microsoft.EntityFrameworkCore.Diagnostics;
using Pantau.Web.Features.Audit;

namespace Pantau.Web.Features.Access;

/// <summary>Staff accounts, sign-in and the caller's scope.</summary>
public sealed class AccessFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffCacheInterceptor>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<StaffCacheInterceptor>());
        builder.Services.AddScoped<CurrentStaff>();
        // Who acts, for the audit trail: the same caller.
        builder.Services.AddScoped<IActingStaff>(sp => sp.GetRequiredService<CurrentStaff>());
        builder.Services.AddPantauAccess(builder.Configuration, builder.Environment);
    }

    public static void Map(WebApplication app)
    {
        app.MapAuth();
        app.MapAccounts();
    }
}
