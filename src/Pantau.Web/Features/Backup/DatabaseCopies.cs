using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pantau.Web.Features.Backup;

/// <summary>What a database holds, read by SQL from the catalogue (every table, not only the model's) on one view of it.</summary>
public static class DatabaseStates
{
    public static async Task<DatabaseState> ReadAsync(DbConnection connection, DbTransaction? transaction, string tablesSql, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var list = Command(connection, transaction, tablesSql))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = Command(connection, transaction, $"SELECT COUNT(*) FROM {Quote(table)}");
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        string? schema = null;
        if (tables.Contains("__EFMigrationsHistory"))
        {
            await using var last = Command(connection, transaction, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""");
            schema = await last.ExecuteScalarAsync(ct) as string;
        }
        AuditHeadState? head = null;
        if (tables.Contains("AuditHeads"))
        {
            await using var read = Command(connection, transaction, """SELECT "Sequence", "Hash" FROM "AuditHeads" WHERE "Id" = 1""");
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) head = new AuditHeadState(reader.GetInt64(0), reader.GetString(1));
        }
        return new DatabaseState(schema, counts, head);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        return command;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>SQLite: the online backup API, so the copy is one consistent moment while the app writes (WAL lets it).</summary>
public static class SqliteCopy
{
    private const string Tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

    public static string FileOf(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>Copies the database into <paramref name="destination"/> and reads its state from the copy itself.</summary>
    public static async Task<DatabaseState> BackupAsync(string connectionString, string destination, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        if (!File.Exists(source.DataSource)) throw new ArgumentException($"no SQLite database at {Path.GetFullPath(source.DataSource)}.");
        await using (var from = new SqliteConnection(source.ConnectionString))
        await using (var to = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            // One step (-1) under one read transaction: the writer goes on meanwhile (WAL), the copy is that moment's.
            from.BackupDatabase(to);
            // A plain file (no -wal beside it): readable read-only, and its hash stays what the manifest says.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            await journal.ExecuteNonQueryAsync(ct);
        }
        return await StateAsync(destination, ct);
    }

    /// <summary>The state of a database file, opened read-only (a backup's file is not changed by reading it).</summary>
    public static async Task<DatabaseState> StateAsync(string file, CancellationToken ct)
    {
        await using var connection = Open(file, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(ct);
        return await DatabaseStates.ReadAsync(connection, null, Tables, ct);
    }

    public static string ReadOnlyConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;

    /// <summary>Whether the file holds any table (an app started on it once made the schema).</summary>
    public static async Task<bool> HoldsDataAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file) || new FileInfo(file).Length == 0) return false;
        await using var connection = Open(file, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Puts <paramref name="restored"/> (a checked copy beside the target) in the target's place by a rename, so the
    /// target is the old database or the new one, never half of one; the old one (with its -wal) is kept aside.
    /// </summary>
    public static string? Swap(string restored, string target)
    {
        string? kept = null;
        if (File.Exists(target))
        {
            kept = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            foreach (var suffix in new[] { "-wal", "-shm", "" })
                if (File.Exists(target + suffix)) File.Move(target + suffix, kept + suffix);
        }
        else
        {
            foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(target + suffix);
        }
        File.Move(restored, target);
        return kept;
    }

    public static async Task<bool> IntactAsync(string file, CancellationToken ct)
    {
        await using var connection = Open(file, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        return await command.ExecuteScalarAsync(ct) as string == "ok";
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ConnectionString);
}

/// <summary>
/// PostgreSQL: <c>pg_dump -Fc</c> of an exported snapshot, whose state is read in the same snapshot; restored by
/// <c>pg_restore</c> into a new database, which takes the target's name only once it is whole and checked.
/// </summary>
public static class PostgresCopy
{
    private const string Tables = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";

    public static async Task<DatabaseState> BackupAsync(string connectionString, string destination, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // The dump and the counts see the same snapshot: pg_dump imports the one this transaction exports.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(ct);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        var dump = PostgresTools.RunAsync("pg_dump", connectionString,
            ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={destination}"], ct);
        var state = await DatabaseStates.ReadAsync(connection, transaction, Tables, ct);
        await dump;
        await transaction.CommitAsync(ct);
        return state;
    }

    public static async Task<DatabaseState> StateAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        return await DatabaseStates.ReadAsync(connection, transaction, Tables, ct);
    }

    /// <summary>Whether the database exists, and whether it holds any table.</summary>
    public static async Task<(bool Exists, bool HoldsData)> InspectAsync(string connectionString, CancellationToken ct)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var server = await MaintenanceAsync(connectionString, ct))
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(ct) is null) return (false, false);
        }
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tables = new NpgsqlCommand("SELECT COUNT(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
        return (true, (long)(await tables.ExecuteScalarAsync(ct))! > 0);
    }

    /// <summary>A new database named <paramref name="name"/> on the target's server, filled from the archive in one transaction.</summary>
    public static async Task<string> RestoreIntoNewAsync(string connectionString, string dump, string name, CancellationToken ct)
    {
        await using (var server = await MaintenanceAsync(connectionString, ct))
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(name)}", server);
            await create.ExecuteNonQueryAsync(ct);
        }
        var restored = new NpgsqlConnectionStringBuilder(connectionString) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            await PostgresTools.RunAsync("pg_restore", restored, ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                $"--dbname={name}", dump], ct);
        }
        catch
        {
            await DropAsync(connectionString, name, CancellationToken.None);
            throw;
        }
        return restored;
    }

    /// <summary>
    /// Gives <paramref name="restored"/> the target's name; an existing target is renamed aside (kept) or, when it
    /// holds no table, dropped. Renaming needs that nobody is connected to either: the app is stopped first.
    /// </summary>
    public static async Task<string?> SwapAsync(string connectionString, string restored, bool targetExists, bool targetHoldsData, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        string? kept = null;
        await using var server = await MaintenanceAsync(connectionString, ct);
        if (targetExists && targetHoldsData)
        {
            kept = NameBeside(target, $"_old_{DateTime.UtcNow:yyyyMMddHHmmss}");
            await using var aside = new NpgsqlCommand($"ALTER DATABASE {Quote(target)} RENAME TO {Quote(kept)}", server);
            await aside.ExecuteNonQueryAsync(ct);
        }
        else if (targetExists)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE {Quote(target)}", server);
            await drop.ExecuteNonQueryAsync(ct);
        }
        await using var rename = new NpgsqlCommand($"ALTER DATABASE {Quote(restored)} RENAME TO {Quote(target)}", server);
        await rename.ExecuteNonQueryAsync(ct);
        return kept;
    }

    public static async Task DropAsync(string connectionString, string name, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = await MaintenanceAsync(connectionString, ct);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A database name made from <paramref name="name"/> and a suffix, within PostgreSQL's 63 bytes.</summary>
    public static string NameBeside(string name, string suffix) => name[..Math.Min(name.Length, 63 - suffix.Length)] + suffix;

    private static async Task<NpgsqlConnection> MaintenanceAsync(string connectionString, CancellationToken ct)
    {
        var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await server.OpenAsync(ct);
        return server;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// PostgreSQL's client tools (<c>pg_dump</c>, <c>pg_restore</c>, of the server's major version or newer), found on
/// PATH or under /usr/lib/postgresql/*/bin (newest first); the connection travels in libpq's environment variables,
/// so the password is never on a command line.
/// </summary>
public static class PostgresTools
{
    public static string Find(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var packaged = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return onPath.Concat(packaged).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
            ?? throw new ArgumentException($"{tool} was not found on PATH nor under /usr/lib/postgresql/*/bin: install PostgreSQL's client tools (Debian: postgresql-client).");
    }

    public static async Task RunAsync(string tool, string connectionString, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Find(tool), arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(c.Host)) start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(c.Database)) start.Environment["PGDATABASE"] = c.Database;
        if (!string.IsNullOrEmpty(c.Username)) start.Environment["PGUSER"] = c.Username;
        if (!string.IsNullOrEmpty(c.Password)) start.Environment["PGPASSWORD"] = c.Password;
        start.Environment["PGSSLMODE"] = c.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupFailedException($"{tool} stopped with exit code {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}".Trim());
    }
}

/// <summary>A step of a backup or restore that did not complete; the command says so and ends with exit code 1.</summary>
public sealed class BackupFailedException(string message) : Exception(message);
