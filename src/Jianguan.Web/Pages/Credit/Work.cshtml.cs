using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Credit;

/// <summary>
/// A department's credit work: repair applications to decide, joint punishment measures to apply and report on,
/// commitments made to it to find kept or broken, and the risk notices it received.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class WorkModel(RiskNotices notices, CreditRepairs repairs, JointPunishments punishments, CreditCommitments commitments) : PageModel
{
    public List<RiskNoticeDto> Notices { get; private set; } = [];
    public List<RepairApplicationDto> Repairs { get; private set; } = [];
    public List<PunishmentMeasureDto> Measures { get; private set; } = [];
    public List<CommitmentDto> Commitments { get; private set; } = [];

    [BindProperty] public long? MeasureId { get; set; }
    [BindProperty] public PunishmentFeedbackInput Feedback { get; set; } = new(null, null);
    [BindProperty] public long? CommitmentId { get; set; }
    [BindProperty] public CommitmentOutcomeInput Outcome { get; set; } = new(null, null);

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
        var page = MeasureId is { } measure
            ? EditResultPages.Handle(this, await punishments.FeedbackAsync(measure, Feedback, User, ct), "已反馈惩戒措施的实施情况。", "/Credit/Work")
            : CommitmentId is { } commitment
                ? EditResultPages.Handle(this, await commitments.ConcludeAsync(commitment, Outcome, User, ct), Outcome.Kept == true ? "已认定履行承诺。" : "已认定违背承诺，并记入信用记录。", "/Credit/Work")
                : EditResultPages.Handle(this, await repairs.DecideAsync(RepairId ?? 0, Decision, User, ct), Decision.Approve == true ? "已准予修复，该记录停止公示。" : "已决定不予修复。", "/Credit/Work");
        if (page is PageResult) await LoadAsync(ct);
        return page;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Notices = await notices.ForAsync(User, ct);
        Repairs = await repairs.ForDepartmentAsync(User, ct);
        Measures = await punishments.ForDepartmentAsync(User, pendingOnly: false, ct);
        Commitments = await commitments.ForDepartmentAsync(User, ct);
    }
}
