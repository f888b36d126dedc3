using Microsoft.AspNetCore.Http.Json;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Demo;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.FieldChecks;
using Pantau.Web.Features.Lodging;
using Pantau.Web.Features.PermitExpiry;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.Partners;
using Pantau.Web.Features.Statistics;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Open311;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Registry;
using Pantau.Web.Features.Reports;
using Pantau.Web.Features.Teams;
using Pantau.Web.Features.Sync;
using Pantau.Web.Infrastructure;

if (await PantauCommands.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(HostArgs.WithoutConfigWatch(args));
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

builder.Services.AddSingleton<StaffCacheInterceptor>();
builder.Services.AddSingleton<QueueEventsInterceptor>();
builder.Services.AddPantauDb((sp, o) =>
    o.AddInterceptors(sp.GetRequiredService<StaffCacheInterceptor>(), sp.GetRequiredService<QueueEventsInterceptor>()));
builder.Services.AddScoped<CurrentStaff>();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton(TimeProvider.System);
// Enums travel by name; an undefined name or a number is a 400 naming the field (InputRules).
builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory()));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddPantauHealthChecks();
builder.Services.AddPantauAccess(builder.Configuration, builder.Environment);
builder.Services.AddSecureTransport(builder.Environment);
builder.Services.AddKnownProxies(builder.Configuration);
builder.Services.AddAuditTrail(builder.Configuration);
builder.Services.AddPantauLocalization();
builder.Services.AddRegions(builder.Configuration);
builder.Services.AddEventRelay(builder.Configuration);
builder.Services.AddSingleton<LiveEventHub>();
builder.Services.AddOperations(builder.Configuration);
builder.Services.AddOutputCache();
builder.Services.AddReportLimits(builder.Configuration);
builder.Services.AddReportLookups(builder.Configuration);
builder.Services.AddOpen311(builder.Configuration);
builder.Services.AddSingleton<IMessageSender, OutboxSender>();
builder.Services.AddSingleton<ReportTracker>();
builder.Services.AddSingleton<IntakeWriter>();
builder.Services.AddPermitExpiry(builder.Configuration);
builder.Services.AddCentralSync(builder.Configuration).AddSnapshotRunner();
builder.Services.AddDemo(builder.Configuration);
// Pages live in their feature folders; every page needs a signed-in user unless it says [AllowAnonymous].
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/");
});

var app = builder.Build();
await app.PreparePantauAsync();

app.UseKnownProxies();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseMiddleware<CurrentStaffMiddleware>();
app.UseApiAntiforgery();
app.UseAuthorization();
app.UseMiddleware<InputGuard>();
app.UseOutputCache();
app.UseRateLimiter();

app.MapOpenApi();
app.MapPantauHealthChecks();
app.MapGet("/api/ping", () => TypedResults.Ok(new { ok = true })).ExcludeFromDescription();
app.MapAuth();
app.MapAccounts();
app.MapRegions();
app.MapOffices();
app.MapRegistry();
app.MapAudit();
app.MapFieldChecks();
app.MapStatistics();
app.MapPartners();
app.MapFieldActivity();
app.MapPublicReports();
app.MapReports();
app.MapOperations();
app.MapDispatch();
app.MapOpen311();
app.MapLodging();
app.MapPermitExpiry();
app.MapTeams();
app.MapSync();
if (app.Environment.IsDevelopment()) app.MapDevOutbox();
app.MapCulture();
app.MapRazorPages();

app.Run();

public partial class Program;
