using Jianguan.Web.Modules.SpotChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Documents;

/// <summary>The 检查通知书 PDF for a signed-in browser: staff of the task, or the business drawn.</summary>
public sealed class InspectionNoticeModel(InspectionNotices notices) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long task, string? code, CancellationToken ct) =>
        code is not null && await notices.RenderAsync(User, task, code, ct) is { } pdf
            ? File(pdf, "application/pdf", $"检查通知书-{task}-{code.Trim().ToUpperInvariant()}.pdf")
            : NotFound();
}
