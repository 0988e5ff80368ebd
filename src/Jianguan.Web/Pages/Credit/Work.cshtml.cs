using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Credit;

/// <summary>A department's credit work: the risk notices it received and the repair applications it must decide.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class WorkModel(RiskNotices notices, CreditRepairs repairs) : PageModel
{
    public List<RiskNoticeDto> Notices { get; private set; } = [];
    public List<RepairApplicationDto> Repairs { get; private set; } = [];

    [BindProperty] public long? NoticeId { get; set; }
    [BindProperty] public long? RepairId { get; set; }
    [BindProperty] public RepairDecisionInput Decision { get; set; } = new(null, null);

    /// <summary>Whether the user may decide repairs: a manager or head (of the issuing department, which the list already is).</summary>
    public bool Decides => User.IsInRole(Roles.DepartmentManager) || User.IsInRole(Roles.DepartmentHead);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (NoticeId is { } notice)
        {
            if (!await notices.MarkReadAsync(notice, User, ct)) return NotFound();
            return RedirectToPage("/Credit/Work");
        }
        var result = await repairs.DecideAsync(RepairId ?? 0, Decision, User, ct);
        var page = EditResultPages.Handle(this, result, Decision.Approve == true ? "已准予修复，该记录停止公示。" : "已决定不予修复。", "/Credit/Work");
        if (page is PageResult) await LoadAsync(ct);
        return page;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Notices = await notices.ForAsync(User, ct);
        Repairs = await repairs.ForDepartmentAsync(User, ct);
    }
}
