using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.SpotChecks;

/// <summary>
/// One task: its items and pool, the strata and quotas before the draw, the draw with the witness's entropy, the
/// drawn entities with their officers, result entry and publication, and the cancellation of a draw.
/// </summary>
public sealed class TaskModel(SpotCheckTasks tasks, SpotCheckDraws draws, SpotCheckResults results) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Form { get; set; }
    [BindProperty] public string? Entropy { get; set; }
    [BindProperty] public long? DrawId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? InspectedOn { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? FollowUp { get; set; }
    [BindProperty] public string? FollowUpNote { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<string> ProblemItems { get; set; } = [];

    public SpotCheckTask Current { get; private set; } = null!;
    public PoolPreview? Preview { get; private set; }
    public List<SpotCheckDraw> Draws { get; private set; } = [];
    public bool CanOrganise { get; private set; }
    public bool IsHead { get; private set; }
    public bool IsManager { get; private set; }
    public int? OfficerId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var back = new { id = Id };
        switch (Form)
        {
            case "draw":
                return await Handle(await draws.DrawAsync(User, Id, new DrawInput(Entropy), ct), "摇号完成，抽取记录已公示。", back, ct);
            case "cancel":
                return await Handle(await draws.RequestCancelAsync(User, DrawId ?? 0, new CancelInput(Reason), ct), "作废申请已提交，待部门负责人批准。", back, ct);
            case "approve":
                return await Handle(await draws.ApproveCancelAsync(User, DrawId ?? 0, ct), "已批准作废，任务已公示新的种子承诺，可重新摇号。", back, ct);
            case "result":
                var items = ProblemItems.Select(code => new ItemResultInput(code, true, null)).ToList();
                return await Handle(await results.RecordAsync(User, Id, new ResultInput(CreditCode, InspectedOn, Outcome, FollowUp, FollowUpNote, Note, items), ct),
                    "检查结果已录入，请在期限内公示。", back, ct);
            case "publish":
                return await Handle(await results.PublishAsync(User, Id, CreditCode ?? "", ct), "检查结果已公示，并记入信用记录。", back, ct);
            default:
                return BadRequest();
        }
    }

    private async Task<IActionResult> Handle<T>(EditResult<T> result, string message, object back, CancellationToken ct)
    {
        if (result is not EditResult<T>.Saved && !await LoadAsync(ct)) return NotFound();
        return EditResultPages.Handle(this, result, message, "/SpotChecks/Task", back);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var task = await tasks.TasksVisibleTo(User).AsNoTracking().Include(t => t.Items).ThenInclude(i => i.Department).FirstOrDefaultAsync(t => t.Id == Id, ct);
        if (task is null) return false;
        Current = task;
        CanOrganise = SpotCheckTasks.CanOrganise(User, task.LeadDepartmentId);
        IsHead = User.IsInRole(Roles.DepartmentHead) && User.DepartmentId() == task.LeadDepartmentId;
        IsManager = User.IsInRole(Roles.Administrator) || (User.IsInRole(Roles.DepartmentManager) && task.Items.Any(i => i.DepartmentId == User.DepartmentId()));
        OfficerId = await tasks.OfficerIdOfAsync(User, ct);
        Draws = await draws.OfTaskAsync(Id, ct);
        if (task.State == SpotCheckTaskState.Open) Preview = await tasks.PreviewAsync(task, ct);
        return true;
    }

    public bool MayRecord(DrawnEntity e) => IsManager || (OfficerId is { } o && e.Officers.Any(x => x.OfficerId == o));
}
