using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Reports;
using Pantau.Web.Data;
using Pantau.Web.Features.FieldActivity;
using Pantau.Web.Features.Operations;
using Pantau.Web.Features.LiveEvents;
using Pantau.Web.Features.Places;
using Xunit.Abstractions;

namespace Pantau.Tests.LiveEvents;

/// <summary>
/// Two real app processes on one PostgreSQL database: what one raises, the consoles on the other see. On SQLite an
/// agency runs one instance, so there A and B are the same process and the tests check the single-instance fact.
/// </summary>
public sealed class SeveralInstancesTests(SeveralInstancesTests.Instances instances, ITestOutputHelper output) : IClassFixture<SeveralInstancesTests.Instances>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_report_and_a_ping_on_one_instance_reach_the_consoles_on_another()
    {
        using var cts = new CancellationTokenSource(HangGuard);
        var officer = await instances.B.LoginAsync("petugas.jaksel@pantau.test");
        await using var queue = await AppProcess.OpenStreamAsync(officer, "/api/events", cts.Token);
        var head = await instances.B.LoginAsync("kepala.tangerang@pantau.test");
        await using var field = await AppProcess.OpenStreamAsync(head, "/api/field/stream", cts.Token);

        var ticket = await SubmitReportAsync(instances.A, "Laporan dari instans A");
        var report = await AppProcess.NextAsync(queue, "report", r => r.GetProperty("ticket").GetString() == ticket);
        Assert.Equal("Verified", report.GetProperty("status").GetString());
        Assert.Equal("Setia Budi, Kec. Setiabudi, Kota Administrasi Jakarta Selatan", report.GetProperty("place").GetString()); // read on B

        var fieldOfficer = await instances.A.LoginAsync("petugas.tangerang@pantau.test");
        var sent = await fieldOfficer.PostAsJsonAsync("/api/field/positions", new { latitude = -6.1783, longitude = 106.6319, activity = "Arrived", note = "Dari instans A" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var ping = await AppProcess.NextAsync(field, "position", p => p.GetProperty("id").GetInt64() == id);
        Assert.Equal("Dari instans A", ping.GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_console_on_an_instance_that_lost_its_listening_connection_still_gets_the_report()
    {
        using var cts = new CancellationTokenSource(HangGuard);
        var officer = await instances.B.LoginAsync("petugas.jaksel@pantau.test");
        await using var queue = await AppProcess.OpenStreamAsync(officer, "/api/events", cts.Token);
        var outputBefore = instances.B.Output.Length;
        if (instances.Provider == DatabaseProvider.Postgres)
        {
            // The listening connections die (a restarted server or a network cut looks the same to the instance); they
            // come back after LiveEvents:RetryDelay (5 s here), by when the report below has been raised and notified to no one.
            var terminated = await TerminateListenersAsync(instances.Database.ConnectionString);
            Assert.True(terminated >= 2, $"expected the listening connections of both instances, terminated {terminated}");
        }

        var ticket = await SubmitReportAsync(instances.A, "Laporan saat koneksi terputus");
        var report = await AppProcess.NextAsync(queue, "report", r => r.GetProperty("ticket").GetString() == ticket);
        Assert.Equal("Verified", report.GetProperty("status").GetString());
        if (instances.Provider == DatabaseProvider.Postgres)
        {
            while (!instances.B.Output[outputBefore..].Contains("Caught up")) await Task.Delay(100, cts.Token);
            output.WriteLine(instances.B.Output[outputBefore..]);
        }
    }

    [Fact]
    public async Task An_event_too_large_to_notify_is_read_from_the_database_by_the_receiver()
    {
        using var cts = new CancellationTokenSource(HangGuard);
        var json = instances.Database.Services.GetRequiredService<IOptions<JsonOptions>>().Value;
        // A ping written without being published (as if its instance's NOTIFY carried only a reference to it), at a time
        // that both databases keep exactly (PostgreSQL keeps microseconds).
        var now = new DateTime(DateTime.UtcNow.Ticks / 10 * 10, DateTimeKind.Utc);
        var position = await instances.Database.WithDbAsync(async db =>
        {
            var p = new FieldPosition
            {
                OfficerId = Guid.NewGuid(), OfficerName = "Petugas Lain", At = now, ReceivedAt = now, Latitude = -6.17,
                Longitude = 106.63, Activity = FieldActivityKind.CheckDone, Note = "Dibaca dari basis data", VillageCode = "36.71.01.1001",
                OfficeId = await db.Offices.Where(o => o.Code == "KANIM-TANGERANG").Select(o => o.Id).SingleAsync(),
            };
            db.FieldPositions.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        using var scope = instances.Database.Services.CreateScope();
        var expected = FieldPositions.Event(PositionResponse.From(position, scope.ServiceProvider.GetRequiredService<PlaceFinder>().Directory), json);
        Assert.Contains("\"place\":\"", expected.Data); // the stored ping is read back with its place's name
        var stored = scope.ServiceProvider.GetServices<IStoredLiveEvents>().Single(s => s.Kind == Kinds.Position); // as the relay finds it
        var loaded = await instances.Database.WithDbAsync(db => stored.LoadAsync(db, [position.Id], cts.Token));
        Assert.Equal(expected, Assert.Single(loaded));
        if (instances.Provider == DatabaseProvider.Postgres) // one instance (SQLite) never sends anything, by reference or not
        {
            var head = await instances.B.LoginAsync("kepala.tangerang@pantau.test");
            await using var field = await AppProcess.OpenStreamAsync(head, "/api/field/stream", cts.Token);
            var tooLarge = expected with { Data = JsonSerializer.Serialize(new { note = new string('x', RelayMessage.NotifyLimit) }) };
            var payload = RelayMessage.Encode(Guid.NewGuid(), tooLarge); // from a third instance
            Assert.True(RelayMessage.Decode(payload).IsReference);
            await using (var connection = new NpgsqlConnection(instances.Database.ConnectionString))
            {
                await connection.OpenAsync(cts.Token);
                await using var notify = new NpgsqlCommand($"SELECT pg_notify('{PostgresEventRelay.ChannelName}', @payload)", connection);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync(cts.Token);
            }
            var ping = await AppProcess.NextAsync(field, "position", p => p.GetProperty("id").GetInt64() == position.Id);
            Assert.Equal(expected.Data, ping.GetRawText());
        }
    }

    // The RT head is a trusted reporter: the report is verified at once, so it enters the queue.
    private static async Task<string> SubmitReportAsync(AppProcess instance, string description) =>
        await Reporting.RaiseAsTrustedReporterAsync(await instance.LoginAsync("rt.setiabudi@pantau.test"), description);

    private static async Task<int> TerminateListenersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        terminate.Parameters.AddWithValue("name", PostgresEventRelay.ListenerName);
        await using var rows = await terminate.ExecuteReaderAsync();
        var terminated = 0;
        while (await rows.ReadAsync()) terminated += rows.GetBoolean(0) ? 1 : 0;
        return terminated;
    }

    /// <summary>The database (prepared by the app in-process, which then steps aside) and the instances on it.</summary>
    public sealed class Instances : IAsyncLifetime
    {
        public PantauApp Database { get; } = new();
        public DatabaseProvider Provider => Database.Provider;
        public AppProcess A { get; private set; } = null!;
        public AppProcess B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var relay = Database.Services.GetRequiredService<IEventRelay>(); // schema, regions, demo accounts
            Assert.IsType(Provider == DatabaseProvider.Postgres ? typeof(PostgresEventRelay) : typeof(NoRelay), relay);
            string[] settings = ["--LiveEvents:RetryDelay", "00:00:05", "--Reports:Limits:PerAddressPerHour", "100000"];
            A = await AppProcess.StartAsync(Database, settings);
            B = Provider == DatabaseProvider.Postgres ? await AppProcess.StartAsync(Database, settings) : A;
            if (Provider == DatabaseProvider.Postgres)
                foreach (var instance in new[] { A, B })
                    Assert.Contains("Listening for other instances' live events", instance.Output);
        }

        public async Task DisposeAsync()
        {
            if (A is not null) await A.DisposeAsync();
            if (B is not null) await B.DisposeAsync();
            Database.Dispose();
        }
    }
}
