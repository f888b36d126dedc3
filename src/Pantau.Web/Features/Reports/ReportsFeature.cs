using Microsoft.EntityFrameworkCore.Diagnostics;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>The public's reports and their intake.</summary>
public sealed class ReportsFeature : IFeature
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddReportLimits(builder.Configuration);
        builder.Services.AddReportLookups(builder.Configuration);
        builder.Services.AddSingleton<IMessageSender, OutboxSender>();
        builder.Services.AddSingleton<ReportTracker>();
        builder.Services.AddSingleton<PhoneProof>();
        builder.Services.AddSingleton<IntakeWriter>();
        builder.Services.AddSingleton<IInterceptor, ReportCounts>();
        builder.Services.AddSingleton<IObservedState, SmsBudgetGauge>();
    }

    public static void Map(WebApplication app)
    {
        app.MapPublicReports();
        if (app.Environment.IsDevelopment()) app.MapDevOutbox();
    }
}
