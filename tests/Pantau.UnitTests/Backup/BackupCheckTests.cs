using Pantau.Web.Features.Backup;

namespace Pantau.UnitTests.Backup;

/// <summary>verify's comparisons: a backup or a restored database against its manifest and this app's schema.</summary>
public sealed class BackupCheckTests
{
    private static readonly Dictionary<string, long> Manifest = new() { ["Reports"] = 12, ["AuditEntries"] = 40, ["Offices"] = 3 };

    [Fact]
    public void Counts_as_the_manifest_has_them_are_no_finding()
    {
        Assert.Empty(BackupCheck.Counts(Manifest, new Dictionary<string, long>(Manifest)));
    }

    [Fact]
    public void A_deleted_row_a_missing_table_and_a_table_the_manifest_does_not_name_are_each_a_finding()
    {
        var findings = BackupCheck.Counts(Manifest, new Dictionary<string, long> { ["Reports"] = 11, ["AuditEntries"] = 40, ["Strangers"] = 0 }).ToList();
        Assert.Equal(
        [
            "table Offices is missing (the manifest counts 3 rows).",
            "table Reports has 11 rows, the manifest says 12.",
            "table Strangers is not in the manifest.",
        ], findings);
    }

    [Fact]
    public void The_schema_must_be_the_apps_and_the_manifests()
    {
        Assert.Empty(BackupCheck.Schema("2_B", "2_B", "2_B"));
        Assert.Equal(["schema version 1_A, but this app's last migration is 2_B."], BackupCheck.Schema("1_A", "2_B"));
        Assert.Equal(["schema version 2_B, but the manifest says 1_A."], BackupCheck.Schema("2_B", "2_B", "1_A"));
        Assert.Single(BackupCheck.Schema(null, "2_B"));
    }

    [Fact]
    public void The_chain_must_end_where_the_manifest_says()
    {
        var head = new AuditHeadState(40, "abcdef0123456789");
        Assert.Empty(BackupCheck.Head(head, head with { }));
        Assert.Single(BackupCheck.Head(head, new AuditHeadState(39, "0000")));
        Assert.Single(BackupCheck.Head(head, head with { Hash = "ffffff0123456789" }));
        Assert.Single(BackupCheck.Head(head, null));
    }

    [Fact]
    public void A_file_changed_in_size_or_content_or_missing_is_a_finding_and_the_hash_case_does_not_matter()
    {
        var same = new BackupFile("snapshots/a.csv", BackupRoles.SnapshotUpload, 10, "AB12");
        var changed = new BackupFile("snapshots/b.csv", BackupRoles.SnapshotUpload, 10, "cd34");
        var shorter = new BackupFile("audit/checkpoints.jsonl", BackupRoles.AuditCheckpoints, 10, "ef56");
        var missing = new BackupFile("database.sqlite", BackupRoles.Database, 10, "0000");
        var found = new Dictionary<string, FoundFile>
        {
            [same.Path] = new(10, "ab12"), [changed.Path] = new(10, "cd35"), [shorter.Path] = new(9, "ef56"),
        };
        var findings = BackupCheck.Files([same, changed, shorter, missing], f => found.GetValueOrDefault(f.Path)).ToList();
        Assert.Equal(3, findings.Count);
        Assert.StartsWith("file snapshots/b.csv (snapshot-upload) differs", findings[0]);
        Assert.StartsWith("file audit/checkpoints.jsonl (audit-checkpoints) differs", findings[1]);
        Assert.Equal("file database.sqlite (database) is missing.", findings[2]);
    }

    [Theory]
    [InlineData("database.sqlite", true)]
    [InlineData("snapshots/2026/a.csv", true)]
    [InlineData("../etc/passwd", false)]
    [InlineData("snapshots/../../x", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("C:/x", false)]
    [InlineData("a\\b", false)]
    [InlineData("a//b", false)]
    [InlineData("", false)]
    public void A_manifest_names_only_files_inside_the_backup(string path, bool safe) => Assert.Equal(safe, BackupCheck.IsSafePath(path));
}
