using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.SpotChecks;

/// <summary>Plans and tasks of the user's department, and the forms by which its manager makes them; officers' conflict declarations.</summary>
public sealed class IndexModel(SpotCheckTasks tasks, AppDbContext db) : PageModel
{
    [BindProperty] public string? Form { get; set; }
    // A plan
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? PlanName { get; set; }
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public string? PlanRules { get; set; }
    // A task
    [BindProperty] public string? TaskName { get; set; }
    [BindProperty] public long? PlanId { get; set; }
    [BindProperty] public string? StartsOn { get; set; }
    [BindProperty] public string? EndsOn { get; set; }
    [BindProperty] public List<string> ItemCodes { get; set; } = [];
    [BindProperty] public string? RequiredQualification { get; set; }
    [BindProperty] public string? IndustryCode { get; set; }
    [BindProperty] public string? DivisionCode { get; set; }
    [BindProperty] public string? Tag { get; set; }
    [BindProperty] public string? Stratification { get; set; }
    [BindProperty] public int? RatioA { get; set; }
    [BindProperty] public int? RatioB { get; set; }
    [BindProperty] public int? RatioC { get; set; }
    [BindProperty] public int? RatioD { get; set; }
    // A conflict
    [BindProperty] public int? OfficerId { get; set; }
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Relationship { get; set; }

    public List<SpotCheckPlan> Plans { get; private set; } = [];
    public List<SpotCheckTask> Tasks { get; private set; } = [];
    public List<(string Code, string Name, string Department, SpotCheckFlag Flag)> Items { get; private set; } = [];
    public List<(int Id, string Name)> Officers { get; private set; } = [];
    public bool CanOrganise { get; private set; }
    public IReadOnlyDictionary<string, int> DefaultRatios => tasks.DefaultRatios;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (Form)
        {
            case "plan":
            {
                var result = await tasks.CreatePlanAsync(User, new PlanInput(Year, PlanName, Scope, PlanRules), ct);
                if (result is not EditResult<SpotCheckPlan>.Saved) await LoadAsync(ct);
                return EditResultPages.Handle(this, result, "抽查计划已保存。", "/SpotChecks/Index");
            }
            case "task":
            {
                var input = new TaskInput(TaskName, PlanId, StartsOn, EndsOn, [.. ItemCodes.Select((c, n) => new TaskItemInput(c, n == 0 ? RequiredQualification : null))],
                    IndustryCode, DivisionCode, Tag, null, Stratification, new RatiosInput(RatioA, RatioB, RatioC, RatioD));
                var result = await tasks.CreateTaskAsync(User, input, ct);
                if (result is not EditResult<SpotCheckTask>.Saved) await LoadAsync(ct);
                return EditResultPages.Handle(this, result, "抽查任务已创建，种子承诺已公示。", "/SpotChecks/Task",
                    result is EditResult<SpotCheckTask>.Saved s ? new { id = s.Value.Id } : null);
            }
            case "conflict":
            {
                var result = await tasks.DeclareConflictAsync(User, new ConflictInput(OfficerId, CreditCode, Relationship), ct);
                if (result is not EditResult<OfficerConflict>.Saved) await LoadAsync(ct);
                return EditResultPages.Handle(this, result, "回避申报已登记，摇号时将不指派该人员检查该市场主体。", "/SpotChecks/Index");
            }
            case "report":
            {
                var result = await tasks.ReportPlanAsync(User, PlanId ?? 0, ct);
                if (result is not EditResult<SpotCheckPlan>.Saved) await LoadAsync(ct);
                return EditResultPages.Handle(this, result, "抽查计划已报送并公示。", "/SpotChecks/Index");
            }
            default:
                return BadRequest();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Plans = await tasks.PlansVisibleTo(User).AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Take(100).ToListAsync(ct);
        Tasks = await tasks.TasksVisibleTo(User).AsNoTracking().OrderByDescending(t => t.Id).Take(200).ToListAsync(ct);
        var department = User.DepartmentId();
        CanOrganise = department is { } d && SpotCheckTasks.CanOrganise(User, d);
        Items = [.. (await db.Set<InspectionChecklist>().AsNoTracking().Include(c => c.Department)
                .Where(c => c.SpotCheck != SpotCheckFlag.None && c.EffectiveTo == null).OrderBy(c => c.DepartmentId != department).ThenBy(c => c.DepartmentId).ThenBy(c => c.ItemCode)
                .ToListAsync(ct))
            .Select(c => (c.ItemCode, c.Name, c.Department?.ShortName ?? "", c.SpotCheck))];
        var officers = db.Set<Modules.Organization.Officer>().AsNoTracking().Where(o => o.IsActive);
        if (!User.SeesAllDepartments()) officers = officers.Where(o => o.DepartmentId == department);
        Officers = [.. (await officers.OrderBy(o => o.Id).ToListAsync(ct)).Select(o => (o.Id, o.Name))];
    }
}
