using Jianguan.Web.Modules.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Registry;

[RequestSizeLimit(RegistryModule.MaxImportBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RegistryModule.MaxImportBytes + 1024 * 1024)]
public sealed class ImportModel(EntityImporter importer) : PageModel
{
    public ImportReport? Report { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, ImportMode mode, CancellationToken ct)
    {
        var (report, error) = await RegistryModule.ImportUpload(file, mode, importer, ct);
        Report = report;
        if (error is not null)
        {
            ModelState.AddModelError("file", error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
