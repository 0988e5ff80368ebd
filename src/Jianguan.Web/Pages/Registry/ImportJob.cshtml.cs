using Jianguan.Web.Modules.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Registry;

public sealed class ImportJobModel(ImportJobs jobs) : PageModel
{
    public ImportJobDto Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await jobs.FindAsync(id, User, ct) is not { } job) return NotFound();
        Job = job;
        return Page();
    }
}
