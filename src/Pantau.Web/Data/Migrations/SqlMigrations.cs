using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pantau.Web.Data.Migrations;

/// <summary>
/// A migration is a versioned SQL script per provider (<c>Sqlite/NNNN_Name.sql</c>, <c>Postgres/NNNN_Name.sql</c>),
/// embedded in the assembly and applied by <c>Database.Migrate()</c>, which records it in __EFMigrationsHistory.
/// Without the EF design-time tools, a new migration's script is written from <c>schema-script</c>'s output, and a
/// test checks that the migrated schema equals the model.
/// </summary>
public abstract class SqlMigration(string script) : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        var folder = (mb.ActiveProvider ?? "").Contains("Npgsql", StringComparison.Ordinal) ? "Postgres" : "Sqlite";
        var name = $"{typeof(SqlMigration).Namespace}.{folder}.{script}.sql";
        using var stream = typeof(SqlMigration).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration script {name} is not embedded.");
        mb.Sql(new StreamReader(stream).ReadToEnd());
    }
}

[DbContext(typeof(PantauDb))]
[Migration("20261122000001_Initial")]
public sealed class Initial() : SqlMigration("0001_Initial");

[DbContext(typeof(PantauDb))]
[Migration("20261122000002_AuditTrail")]
public sealed class AuditTrail() : SqlMigration("0002_AuditTrail");

[DbContext(typeof(PantauDb))]
[Migration("20261122000003_DataProtectionKeys")]
public sealed class DataProtectionKeys() : SqlMigration("0003_DataProtectionKeys");

[DbContext(typeof(PantauDb))]
[Migration("20261122000004_SisadaKeramas")]
public sealed class SisadaKeramas() : SqlMigration("0004_SisadaKeramas");

[DbContext(typeof(PantauDb))]
[Migration("20261122000005_Sipoa")]
public sealed class Sipoa() : SqlMigration("0005_Sipoa");

[DbContext(typeof(PantauDb))]
[Migration("20261122000006_Open311")]
public sealed class Open311Clients() : SqlMigration("0006_Open311");

[DbContext(typeof(PantauDb))]
[Migration("20261122000007_Teams")]
public sealed class TeamsAndRoster() : SqlMigration("0007_Teams");

[DbContext(typeof(PantauDb))]
[Migration("20261122000008_Sync")]
public sealed class CentralSync() : SqlMigration("0008_Sync");

[DbContext(typeof(PantauDb))]
[Migration("20261122000009_Lodging")]
public sealed class LodgingReports() : SqlMigration("0009_Lodging");

[DbContext(typeof(PantauDb))]
[Migration("20261122000010_Operations")]
public sealed class OperationsConsole() : SqlMigration("0010_Operations");

[DbContext(typeof(PantauDb))]
[Migration("20261122000011_CountIndexes")]
public sealed class CountIndexes() : SqlMigration("0011_CountIndexes");

[DbContext(typeof(PantauDb))]
[Migration("20261122000012_CountsByNationality")]
public sealed class CountsByNationality() : SqlMigration("0012_CountsByNationality");

[DbContext(typeof(PantauDb))]
[Migration("20261122000013_KeysAndReadiness")]
public sealed class KeysAndReadiness() : SqlMigration("0013_KeysAndReadiness");

[DbContext(typeof(PantauDb))]
[Migration("20261122000014_AuditHeadMac")]
public sealed class AuditHeadMac() : SqlMigration("0014_AuditHeadMac");

[DbContext(typeof(PantauDb))]
[Migration("20261122000015_RefreshTokens")]
public sealed class SingleUseRefreshTokens() : SqlMigration("0015_RefreshTokens");

[DbContext(typeof(PantauDb))]
[Migration("20261122000018_ReporterKeys")]
public sealed class ReporterKeys() : SqlMigration("0018_ReporterKeys");

[DbContext(typeof(PantauDb))]
[Migration("20261122000020_PublicServiceAbuse")]
public sealed class PublicServiceAbuse() : SqlMigration("0020_PublicServiceAbuse");
