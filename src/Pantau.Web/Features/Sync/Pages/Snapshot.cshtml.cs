using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Sync.Pages;

/// <summary>One snapshot import: its progress while it runs (the page reloads itself), its reconciliation when done.</summary>
[Authorize(Policy = SyncSetup.ManageSync)]
public sealed class SnapshotModel(PantauDb db, SnapshotRunner runner) : PageModel
{
    public const int RejectionsShown = 200;

    public SnapshotImport Import { get; private set; } = null!;
    public SnapshotProgress? Progress { get; private set; }
    public IReadOnlyList<SnapshotRejection> Rejections { get; private set; } = [];
    public IReadOnlyList<string> MissingSample { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.SnapshotImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } import) return NotFound();
        Import = import;
        Progress = runner.ProgressOf(id);
        Rejections = await db.SnapshotRejections.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Line).Take(RejectionsShown).ToListAsync(ct);
        MissingSample = (import.MissingSample ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return Page();
    }

    /// <summary>Share of the file read: the bytes behind the last committed batch, while this instance runs it.</summary>
    public int Percent => Import.Status == SnapshotImportStatus.Completed ? 100
        : Progress is { FileSize: > 0 } p ? (int)(100 * p.BytesRead / p.FileSize) : 0;
}
