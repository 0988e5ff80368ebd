using Jianguan.Web.Modules.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Registry;

[RequestSizeLimit(RegistryModule.MaxImportBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RegistryModule.MaxImportBytes + 1024 * 1024)]
public sealed class ImportModel(ImportJobs jobs) : PageModel
{
    public void OnGet() { }

    /// <summary>Queues the file and shows the job's page, which follows its progress.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file, ImportMode mode, CancellationToken ct)
    {
        var (job, error) = await jobs.StartAsync(file, mode, User, ct);
        if (job is not null) return RedirectToPage("/Registry/ImportJob", new { id = job.Id });
        ModelState.AddModelError("file", error!);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
