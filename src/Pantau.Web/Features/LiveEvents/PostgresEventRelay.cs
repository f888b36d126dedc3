using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.LiveEvents;

/// <summary>
/// Live events between the instances that serve one PostgreSQL database, through LISTEN/NOTIFY on
/// <see cref="ChannelName"/>. An event published here is queued (the request that raised it never waits) and sent in
/// batches with <c>pg_notify</c> on a pooled connection; a dedicated connection listens for the other instances' events
/// and hands them to this instance's consoles. After that connection was lost, it reconnects with back-off and catches
/// up from the database (<see cref="IStoredLiveEvents.SinceAsync"/>) what was raised meanwhile.
/// </summary>
public sealed class PostgresEventRelay : BackgroundService, IEventRelay
{
    public const string ChannelName = "pantau_events";
    /// <summary>The listening connection's application_name, so that an operator (or a test) can find it in pg_stat_activity.</summary>
    public const string ListenerName = "pantau-listener";
    private const int BatchSize = 100;
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);
    /// <summary>How far before the moment the loss was noticed the catch-up looks: keepalive and commit-order slack.</summary>
    private static readonly TimeSpan CatchUpSlack = TimeSpan.FromMinutes(1);

    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresEventRelay> _log;
    private readonly NpgsqlDataSource _sending;
    private readonly string _listening;
    private readonly TimeSpan _firstRetry;
    private readonly Channel<LiveEvent> _outbox =
        Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SeenEvents _seen = new(20_000);
    private NpgsqlConnection? _listener;
    private LiveEventHub? _hub;

    public PostgresEventRelay(IServiceProvider services, IConfiguration cfg, IOptions<LiveEventsOptions> options, TimeProvider time, ILogger<PostgresEventRelay> log)
    {
        _services = services;
        _time = time;
        _log = log;
        var cs = PantauDatabase.ConnectionStringFrom(cfg);
        _sending = NpgsqlDataSource.Create(cs);
        // Its own physical connection, never pooled (a broken one must not go back to a pool); Keepalive pings it while
        // it waits, so that a dead connection is noticed and replaced.
        _listening = new NpgsqlConnectionStringBuilder(cs) { Pooling = false, KeepAlive = 10, ApplicationName = ListenerName }.ConnectionString;
        _firstRetry = options.Value.RetryDelay;
    }

    /// <summary>Whether the connection that listens for the other instances' events is open (readiness).</summary>
    public bool IsListening => _listener is { State: System.Data.ConnectionState.Open };

    /// <summary>This instance, in every payload it sends: it ignores its own events when they come back.</summary>
    public Guid Instance { get; } = Guid.NewGuid();

    // The hub depends on the relay, so the relay finds the hub when it first needs it.
    private LiveEventHub Hub => _hub ??= _services.GetRequiredService<LiveEventHub>();

    public void Forward(LiveEvent e)
    {
        _seen.Add(e.Kind, e.Id);
        _outbox.Writer.TryWrite(e);
    }

    /// <summary>Listens before the app serves: an event raised elsewhere once this instance answers reaches its consoles.</summary>
    public override async Task StartAsync(CancellationToken ct)
    {
        _listener = await ListenAsync(ct);
        await base.StartAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stop) => Task.WhenAll(SendAsync(stop), ReceiveAsync(stop));

    private async Task SendAsync(CancellationToken stop)
    {
        var batch = new List<string>(BatchSize);
        var delay = _firstRetry;
        try
        {
            while (batch.Count > 0 || await _outbox.Reader.WaitToReadAsync(stop))
            {
                while (batch.Count < BatchSize && _outbox.Reader.TryRead(out var e))
                {
                    try
                    {
                        batch.Add(RelayMessage.Encode(Instance, e));
                    }
                    catch (Exception ex) when (ex is ArgumentException or JsonException)
                    {
                        _log.LogError(ex, "Live event {Kind} {Id} has data that is not JSON; not sent to the other instances", e.Kind, e.Id);
                    }
                }
                if (batch.Count == 0) continue;
                try
                {
                    await using var connection = await _sending.OpenConnectionAsync(stop);
                    await using var notify = new NpgsqlBatch(connection);
                    foreach (var payload in batch)
                        notify.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{ChannelName}', $1)") { Parameters = { new() { Value = payload } } });
                    await notify.ExecuteNonQueryAsync(stop);
                    batch.Clear();
                    delay = _firstRetry;
                }
                catch (PostgresException ex) when (!ex.IsTransient)
                {
                    // The server refused the batch itself (not the connection): sending it again would stop every later event.
                    _log.LogError(ex, "PostgreSQL refused {Count} live events for the other instances; they are dropped", batch.Count);
                    batch.Clear();
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    // Kept and sent again: the other instances' consoles would miss these otherwise.
                    _log.LogWarning(ex, "Could not send {Count} live events to the other instances; trying again in {Delay}", batch.Count, delay);
                    await Task.Delay(delay, _time, stop);
                    delay = Longer(delay);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    private async Task ReceiveAsync(CancellationToken stop)
    {
        var delay = _firstRetry;
        DateTime? lostAt = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    _listener ??= await ListenAsync(stop);
                    if (lostAt is { } lost)
                    {
                        await CatchUpAsync(lost - CatchUpSlack, stop);
                        lostAt = null;
                    }
                    delay = _firstRetry;
                    while (true) await _listener.WaitAsync(stop);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    lostAt ??= _time.GetUtcNow().UtcDateTime;
                    await DropListenerAsync();
                    _log.LogWarning(ex, "Lost the connection that listens for other instances' live events; reconnecting in {Delay}", delay);
                    await Task.Delay(delay, _time, stop);
                    delay = Longer(delay);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            await DropListenerAsync();
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_listening);
        try
        {
            connection.Notification += (_, n) => Received(n.Payload);
            await connection.OpenAsync(ct);
            await using var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection);
            await listen.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _log.LogInformation("Listening for other instances' live events on PostgreSQL channel {Channel} (this instance: {Instance})", ChannelName, Instance);
        return connection;
    }

    private async Task DropListenerAsync()
    {
        if (_listener is null) return;
        await _listener.DisposeAsync();
        _listener = null;
    }

    /// <summary>Runs on the listening connection's reader: quick, and never throws.</summary>
    private void Received(string payload)
    {
        RelayMessage message;
        try
        {
            message = RelayMessage.Decode(payload);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            _log.LogWarning(ex, "Ignored a payload on {Channel} that is not a live event", ChannelName);
            return;
        }
        if (message.From == Instance) return; // delivered here when it was published
        if (message.Event is { } e)
        {
            if (_seen.Add(e.Kind, e.Id)) Hub.Deliver(e);
        }
        // Sent by reference (too large to NOTIFY, or not built where it happened): read it, off the listening
        // connection, if a page here follows the office.
        else if (Hub.HasListeners(message.OfficeId, message.Kind)) _ = DeliverStoredAsync(message);
    }

    private async Task DeliverStoredAsync(RelayMessage reference)
    {
        try
        {
            var events = await ReadAsync(async (db, stored, ct) =>
                stored.FirstOrDefault(s => s.Kind == reference.Kind) is { } kind ? await kind.LoadAsync(db, [reference.Id], ct) : [],
                CancellationToken.None);
            foreach (var e in events)
                if (_seen.Add(e.Kind, e.Id)) Hub.Deliver(e);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Could not load live event {Kind} {Id} sent by reference", reference.Kind, reference.Id);
        }
    }

    private async Task CatchUpAsync(DateTime since, CancellationToken ct)
    {
        var events = await ReadAsync(async (db, stored, c) =>
        {
            var all = new List<LiveEvent>();
            foreach (var kind in stored) all.AddRange(await kind.SinceAsync(db, _seen.LastOf(kind.Kind), since, c));
            return all;
        }, ct);
        var delivered = 0;
        foreach (var e in events)
            if (_seen.Add(e.Kind, e.Id))
            {
                Hub.Deliver(e);
                delivered++;
            }
        _log.LogInformation("Caught up {Count} live events raised while this instance was not listening", delivered);
    }

    private async Task<List<LiveEvent>> ReadAsync(Func<PantauDb, IEnumerable<IStoredLiveEvents>, CancellationToken, Task<List<LiveEvent>>> read,
        CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
        return await read(scope.ServiceProvider.GetRequiredService<PantauDb>(), scope.ServiceProvider.GetServices<IStoredLiveEvents>(), ct);
    }

    private static TimeSpan Longer(TimeSpan delay) => delay * 2 < LongestRetry ? delay * 2 : LongestRetry;

    public override void Dispose()
    {
        base.Dispose();
        _sending.Dispose();
    }

    /// <summary>
    /// The events this instance already has (published here, or received): a catch-up or a repeated notification
    /// does not show them twice. Bounded; the highest ids tell where a catch-up starts.
    /// </summary>
    private sealed class SeenEvents(int capacity)
    {
        private readonly HashSet<(string Kind, long Id)> _ids = [];
        private readonly Queue<(string Kind, long Id)> _order = new();
        private readonly Dictionary<string, long> _last = [];

        /// <summary>The highest id seen of a kind (0: none).</summary>
        public long LastOf(string kind)
        {
            lock (_ids) return _last.GetValueOrDefault(kind);
        }

        public bool Add(string kind, long id)
        {
            lock (_ids)
            {
                if (!_ids.Add((kind, id))) return false;
                _order.Enqueue((kind, id));
                if (_order.Count > capacity) _ids.Remove(_order.Dequeue());
                _last[kind] = Math.Max(_last.GetValueOrDefault(kind), id);
                return true;
            }
        }
    }
}

/// <summary><c>LiveEvents:RetryDelay</c>: the first wait before a lost listening connection is opened again (then doubling, up to 30 s).</summary>
public sealed class LiveEventsOptions
{
    public const string Section = "LiveEvents";

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

public static class EventRelayRegistration
{
    /// <summary>On PostgreSQL, instances tell each other through LISTEN/NOTIFY; on SQLite one instance has no one to tell.</summary>
    public static IServiceCollection AddEventRelay(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<LiveEventsOptions>().Bind(cfg.GetSection(LiveEventsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Each feature that raises live events says where it keeps them; the relay knows only the interface.
        foreach (var stored in typeof(IStoredLiveEvents).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IStoredLiveEvents))))
            services.AddScoped(typeof(IStoredLiveEvents), stored);
        services.AddHealthChecks().AddCheck<LiveEventsReadiness>("live-events", tags: [Readiness.Tag]);
        if (PantauDatabase.ProviderFrom(cfg) != DatabaseProvider.Postgres) return services.AddSingleton<IEventRelay, NoRelay>();
        services.AddSingleton<PostgresEventRelay>();
        services.AddSingleton<IEventRelay>(sp => sp.GetRequiredService<PostgresEventRelay>());
        return services.AddHostedService(sp => sp.GetRequiredService<PostgresEventRelay>());
    }
}

/// <summary>Part of <c>/health/ready</c>: on PostgreSQL, the connection that listens for the other instances' events is up.</summary>
internal sealed class LiveEventsReadiness(IEventRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        Task.FromResult(relay is PostgresEventRelay { IsListening: false }
            ? HealthCheckResult.Unhealthy("Not listening for the other instances' live events (PostgreSQL LISTEN connection down).")
            : HealthCheckResult.Healthy());
}
