using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pantau.Tests.Infrastructure;
using Pantau.Tests.Reports;
using Pantau.Web.Data;

namespace Pantau.Tests.Backup;

/// <summary>
/// The office backed up while it serves: a real app process takes a burst of reports and audited searches, the
/// <c>backup</c> command runs in the middle of it, and <c>restore</c> puts it into a fresh database and file places.
/// Every report acknowledged before the backup began is there, the audit chain verifies (the Audit feature's own
/// verifier, with the checkpoints that came back), the files are byte for byte the same, and verify finds a changed
/// file and a deleted row. Runs on the provider of the test run (SQLite file, or PostgreSQL through pg_dump).
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_taken_during_a_burst_restores_every_acknowledged_write_with_a_valid_chain_and_its_files()
    {
        using var app = new OperatorKeyApp(); // prepares the database (schema, regions, offices), then steps aside
        _ = app.Services;
        var root = Path.Combine(AppContext.BaseDirectory, "backups", Guid.NewGuid().ToString("N"));
        var uploads = Path.Combine(root, "office", "snapshots");
        var checkpoints = Path.Combine(root, "office", "audit-checkpoints.jsonl");
        Directory.CreateDirectory(uploads);
        var snapshot = RandomNumberGenerator.GetBytes(200_000);
        await File.WriteAllBytesAsync(Path.Combine(uploads, "central-snapshot.csv"), snapshot);
        string[] office =
        [
            $"--Database:Provider={app.Provider}", $"--ConnectionStrings:Pantau={app.ConnectionString}",
            $"--Audit:CheckpointPath={checkpoints}", $"--Sync:UploadPath={uploads}",
        ];
        var restoredConnection = app.Provider == DatabaseProvider.Postgres
            ? TestDatabase.NewPostgresDatabase()
            : $"Data Source={Path.Combine(root, "restored", "pantau.db")}";
        var restoredUploads = Path.Combine(root, "restored", "snapshots");
        var restoredCheckpoints = Path.Combine(root, "restored", "audit-checkpoints.jsonl");
        string[] restored =
        [
            $"--Database:Provider={app.Provider}", $"--ConnectionStrings:Pantau={restoredConnection}",
            $"--Audit:CheckpointPath={restoredCheckpoints}", $"--Sync:UploadPath={restoredUploads}",
        ];
        var backup = Path.Combine(root, "backup");
        try
        {
            await using var process = await AppProcess.StartAsync(app, [.. office, "--Reports:Limits:PerAddressPerHour", "100000",
                "--Reports:Limits:UnverifiedPerAddressPerHour", "100000", "--Audit:CheckpointEveryEntries", "3"]);
            using var http = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(20) };
            var officer = await process.LoginAsync("petugas.tangerang@pantau.test");

            var acknowledged = new ConcurrentBag<(string Ticket, DateTime At)>();
            var searches = 0;
            using var stop = new CancellationTokenSource();
            var reporters = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    using var form = Reporting.Form(description: $"Laporan saat cadangan {worker}-{i}", lat: null, lon: null,
                        photos: i % 5 == 0 ? [("foto.png", Reporting.Png)] : []);
                    using var response = await Reporting.SubmitAsync(http, form, key: $"backup-{worker}-{i}");
                    if (response.StatusCode != HttpStatusCode.Created) continue;
                    var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                    acknowledged.Add((receipt.GetProperty("ticket").GetString()!, DateTime.UtcNow));
                }
            })).ToList();
            // Audited reads: the chain and the checkpoint file grow while the backup is taken.
            var searcher = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var response = await officer.GetAsync("/api/foreigners?query=SMITH");
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"search: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    Interlocked.Increment(ref searches);
                }
            });
            // Some writes before the backup begins, so that "acknowledged before" is not empty.
            for (var guard = 0; acknowledged.Count < 20 || Volatile.Read(ref searches) < 10; guard++)
            {
                Assert.True(guard < 600, $"the burst acknowledged too few writes ({acknowledged.Count} reports, {searches} searches; {searcher.Exception?.Message})\n{process.Output}");
                await Task.Delay(100);
            }
            var began = DateTime.UtcNow;
            var (backedUp, backupOutput) = await RunAsync(["backup", "--to", backup, .. office]);
            await stop.CancelAsync();
            try { await Task.WhenAll([.. reporters, searcher]); }
            catch (HttpRequestException e)
            {
                // The instance stopped answering while the backup ran: what it said is the finding.
                throw new InvalidOperationException($"{e.Message} (exited: {process.HasExited})\n{process.Output}\nbackup: {backupOutput}", e);
            }
            Assert.True(backedUp == 0, backupOutput);
            await process.DisposeAsync();

            // A fresh database and file places: restore puts everything back and checks it (exit code 0).
            var (restoredCode, restoreOutput) = await RunAsync(["restore", "--from", backup, .. restored]);
            Assert.True(restoredCode == 0, restoreOutput);
            Assert.Contains("the audit chain verifies", restoreOutput);

            var tickets = await TicketsAsync(app.Provider, restoredConnection);
            var before = acknowledged.Where(a => a.At < began).Select(a => a.Ticket).ToList();
            var lost = before.Except(tickets).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {before.Count} reports acknowledged before the backup began are not in the restore: {string.Join(", ", lost.Take(5))}");
            Assert.Equal(snapshot, await File.ReadAllBytesAsync(Path.Combine(restoredUploads, "central-snapshot.csv")));
            // The checkpoints as they were when copied: complete lines, a prefix of the file the app went on appending to.
            var keptCheckpoints = await File.ReadAllBytesAsync(restoredCheckpoints);
            Assert.NotEmpty(keptCheckpoints);
            Assert.Equal((byte)'\n', keptCheckpoints[^1]);
            Assert.Equal(keptCheckpoints, (await File.ReadAllBytesAsync(checkpoints))[..keptCheckpoints.Length]);
            var (verified, verifyOutput) = await RunAsync(["verify", "--against", backup, .. restored]);
            Assert.True(verified == 0, verifyOutput);
            Assert.Matches(@"the audit chain verifies: [1-9][\d,]* entries, [1-9]\d* signed checkpoints", verifyOutput);

            // A restore over a database that holds data is refused without --replace, with a message and no trace.
            var (again, againOutput) = await RunAsync(["restore", "--from", backup, .. restored]);
            Assert.Equal(1, again);
            Assert.Contains("--replace", againOutput);
            Assert.DoesNotContain("   at ", againOutput);

            // A row deleted from the restored database: its count no longer matches the manifest.
            await ExecuteAsync(app.Provider, restoredConnection, """DELETE FROM "ReportStatusChanges" WHERE "Id" = (SELECT MAX("Id") FROM "ReportStatusChanges")""");
            var (afterDelete, deleteOutput) = await RunAsync(["verify", "--against", backup, .. restored]);
            Assert.True(afterDelete == 1, deleteOutput);
            Assert.Contains("FAIL  table ReportStatusChanges has", deleteOutput);

            // A changed byte in the backup's copy of the upload: verify of the backup names the file.
            var (intact, intactOutput) = await RunAsync(["verify", "--from", backup, .. office]);
            Assert.True(intact == 0, intactOutput);
            var copy = Path.Combine(backup, "snapshots", "central-snapshot.csv");
            var bytes = await File.ReadAllBytesAsync(copy);
            bytes[1000] ^= 0xFF;
            await File.WriteAllBytesAsync(copy, bytes);
            var (tampered, tamperedOutput) = await RunAsync(["verify", "--from", backup, .. office]);
            Assert.True(tampered == 1, tamperedOutput);
            Assert.Contains("FAIL  file snapshots/central-snapshot.csv (snapshot-upload) differs", tamperedOutput);
            // Nor is such a backup restored: refused before anything is touched, even with --replace.
            var (refused, refusedOutput) = await RunAsync(["restore", "--from", backup, "--replace", .. restored]);
            Assert.True(refused == 1, refusedOutput);
            Assert.Contains("nothing was changed", refusedOutput);
            Assert.Equal(snapshot, await File.ReadAllBytesAsync(Path.Combine(restoredUploads, "central-snapshot.csv")));
        }
        finally
        {
            if (app.Provider == DatabaseProvider.Postgres) TestDatabase.DropPostgresDatabase(restoredConnection);
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_argument_is_a_message_and_exit_code_1_without_a_trace()
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "backups", "no-such-backup");
        var (code, output) = await RunAsync(["verify", "--from", missing]);
        Assert.Equal(1, code);
        Assert.Contains("has no manifest.json", output);
        Assert.DoesNotContain("   at ", output);
        (code, output) = await RunAsync(["backup"]);
        Assert.Equal(1, code);
        Assert.Contains("--to", output);
    }

    /// <summary>A database prepared with the operator's chain key, which the app process and the commands are given.</summary>
    private sealed class OperatorKeyApp : PantauApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Audit:ChainKey", TestSecrets.ChainKey)];
    }

    /// <summary>The command as an operator runs it (`dotnet Pantau.Web.dll …`, Production, the operator's secrets), with a hang guard.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        var secrets = TestSecrets.ProductionArguments();
        // Settings after a command are --Key=value.
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "Pantau.Web.dll"), .. arguments,
                     .. secrets.Chunk(2).Select(pair => $"{pair[0]}={pair[1]}")])
            start.ArgumentList.Add(a);
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{arguments[0]} did not end within three minutes:\n{await output}\n{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }

    private static DbConnection Connect(DatabaseProvider provider, string connectionString) => provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(connectionString + ";Pooling=False");

    private static async Task<HashSet<string>> TicketsAsync(DatabaseProvider provider, string connectionString)
    {
        await using var connection = Connect(provider, connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Ticket" FROM "Reports" """;
        var tickets = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tickets.Add(reader.GetString(0));
        return tickets;
    }

    private static async Task ExecuteAsync(DatabaseProvider provider, string connectionString, string sql)
    {
        await using var connection = Connect(provider, connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
