using System.Security.Claims;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Credit;

/// <summary>A business's own credit record (never its risk class, which is internal), and its annual report.</summary>
[Authorize(Roles = Roles.Business)]
public sealed class MineModel(CreditProfiles profiles, AnnualReports reports, TimeProvider time) : PageModel
{
    [BindProperty] public int? Year { get; set; }

    public OwnCreditDto Own { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The last year's report is the one due now.
        Year ??= time.GetLocalNow().Year - 1;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var result = await reports.FileAsync(new AnnualReportInput(Own.Entity.CreditCode, Year, null), User, ct);
        return EditResultPages.Handle(this, result, $"已报送 {Year} 年度报告。", "/Credit/Mine");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (User.FindFirstValue(RegistryModule.CreditCodeClaim) is not { } code || await profiles.FindEntityAsync(code, ct) is not { } entity) return false;
        Own = await profiles.OwnViewAsync(entity, ct);
        return true;
    }
}
