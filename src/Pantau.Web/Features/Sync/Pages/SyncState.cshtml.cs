using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;

namespace Pantau.Web.Features.Sync.Pages;

/// <summary>The national admin's view of the sync with the central database, and the snapshot upload.</summary>
[Authorize(Policy = SyncSetup.ManageSync)]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class SyncStateModel(PantauDb db, CurrentStaff current, SnapshotImporter importer, SnapshotRunner runner,
    IOptions<SyncOptions> options) : PageModel
{
    public const long MaxUpload = 8L << 30;

    public SyncState State { get; private set; } = null!;
    public IReadOnlyList<SnapshotImport> Imports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        State = await SyncStateQuery.ReadAsync(db, ct);
        Imports = await db.SnapshotImports.AsNoTracking().OrderByDescending(i => i.StartedAt).Take(20).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? snapshot, CancellationToken ct)
    {
        if (snapshot is not { Length: > 0 })
        {
            ModelState.AddModelError("snapshot", "sync.chooseFile");
            await OnGetAsync(ct);
            return Page();
        }
        // Kept on disk under the upload folder, so that an import a restart interrupted resumes from its file.
        var folder = Directory.CreateDirectory(Path.GetFullPath(options.Value.UploadPath)).FullName;
        var path = Path.Combine(folder, $"{Guid.CreateVersion7():N}.csv");
        await using (var file = System.IO.File.Create(path)) await snapshot.CopyToAsync(file, ct);
        var name = Path.GetFileName(snapshot.FileName);
        var import = await importer.BeginAsync(path, name.Length > 200 ? name[..200] : name, current.User!.Email!, ct);
        runner.Enqueue(import.Id);
        return RedirectToPage("/Sync/Pages/Snapshot", new { id = import.Id });
    }
}
