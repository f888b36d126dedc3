using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Audit;
using Pantau.Web.Features.Shared;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging.Pages;

/// <summary>A lodging's CSV upload (<see cref="GuestCsv"/>): good lines saved, bad ones listed by number.</summary>
[Authorize(Policy = Policies.ReportGuests)]
public sealed class UploadModel(PantauDb db, CurrentStaff current, Auditor audit, TimeProvider time) : PageModel
{
    public CsvUploadResult? Result { get; private set; }
    public Validation Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LodgingApi.OwnLodgingAsync(db, current, ct) is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (await LodgingApi.OwnLodgingAsync(db, current, ct) is not { } lodging) return Forbid();
        if (file is null || file.Length == 0)
        {
            Errors.Add("file", LodgingCodes.ChooseCSVFile);
            return Page();
        }
        if (file.Length > GuestCsv.MaxBytes)
        {
            Errors.Add("file", LodgingCodes.FileMost2MB);
            return Page();
        }
        using var reader = new StreamReader(file.OpenReadStream());
        var (result, errors) = await GuestCsv.UploadAsync(db, audit, lodging, await reader.ReadToEndAsync(ct), time.GetUtcNow().UtcDateTime, ct);
        Errors.Add(errors);
        Result = result;
        return Page();
    }
}
