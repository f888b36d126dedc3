using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Sync;

/// <summary>
/// <c>Sync:SharedKey</c> signs the central database's pushes; <c>Sync:Enabled</c> (default: whether a key is set)
/// accepts them at all; <c>Sync:UploadPath</c> keeps uploaded snapshots.
/// </summary>
public sealed class SyncOptions
{
    /// <summary>The key of <c>appsettings.Development.json</c>; refused outside Development.</summary>
    public const string DevelopmentSharedKey = "pantau-development-sync-key";

    public bool? Enabled { get; set; }
    public string? SharedKey { get; set; }
    public string UploadPath { get; set; } = Path.Combine("data", "snapshots");

    public bool IsEnabled => Enabled ?? !string.IsNullOrEmpty(SharedKey);

    /// <summary>Empty (every push refused) unless sync is enabled.</summary>
    public byte[] Key => IsEnabled ? Encoding.UTF8.GetBytes(SharedKey ?? "") : [];

    public sealed class Validation(IHostEnvironment env) : IValidateOptions<SyncOptions>
    {
        public ValidateOptionsResult Validate(string? name, SyncOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.UploadPath)) return ValidateOptionsResult.Fail("Sync:UploadPath is empty.");
            return options.IsEnabled && Secrets.ProblemWith("Sync:SharedKey", options.SharedKey, DevelopmentSharedKey, env) is { } problem
                ? ValidateOptionsResult.Fail(problem + " (Sync:Enabled=false turns the central feed off.)")
                : ValidateOptionsResult.Success;
        }
    }
}

public static class SyncSetup
{
    /// <summary>Only the national admin (Ditjen) sees the sync state and imports snapshots.</summary>
    public const string ManageSync = nameof(ManageSync);

    public static IServiceCollection AddCentralSync(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<SyncOptions>().Bind(cfg.GetSection("Sync")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptions.Validation>();
        services.AddScoped<CentralFeed>();
        services.AddScoped<SnapshotImporter>();
        services.AddAuthorizationBuilder().AddPolicy(ManageSync, p => p.RequireRole(nameof(StaffRole.NationalAdmin)));
        return services;
    }

    /// <summary>The web app's part: uploads imported in the background, and resumed after a restart.</summary>
    public static IServiceCollection AddSnapshotRunner(this IServiceCollection services)
    {
        services.AddSingleton<SnapshotRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotRunner>());
        return services;
    }
}

/// <summary>
/// Runs uploaded snapshot imports one after another, off the request, and keeps each one's live progress for its
/// page. At start it resumes the imports a stopped process left unfinished, from their checkpoints.
/// </summary>
public sealed class SnapshotRunner(IServiceScopeFactory scopes, IOptions<SyncOptions> options, ILogger<SnapshotRunner> log) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, SnapshotProgress> _progress = new();

    public void Enqueue(Guid importId) => _queue.Writer.TryWrite(importId);

    public SnapshotProgress? ProgressOf(Guid importId) => _progress.GetValueOrDefault(importId);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
            // Only uploads: an import started from the command line is resumed by running the command again.
            var uploads = Path.GetFullPath(options.Value.UploadPath) + Path.DirectorySeparatorChar;
            foreach (var i in await db.SnapshotImports.AsNoTracking().Where(i => i.Status == SnapshotImportStatus.Running)
                         .OrderBy(i => i.StartedAt).ToListAsync(stop))
                if (i.FilePath.StartsWith(uploads, StringComparison.Ordinal) && File.Exists(i.FilePath)) Enqueue(i.Id);
        }
        await foreach (var id in _queue.Reader.ReadAllAsync(stop))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
                var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
                if (await db.SnapshotImports.FirstOrDefaultAsync(i => i.Id == id, stop) is not { Status: SnapshotImportStatus.Running } import)
                    continue;
                var importer = scope.ServiceProvider.GetRequiredService<SnapshotImporter>();
                await importer.RunAsync(import, new Progress<SnapshotProgress>(p => _progress[id] = p), ct: stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Snapshot import {Id} failed", id);
            }
            finally
            {
                _progress.TryRemove(id, out _);
            }
        }
    }
}
