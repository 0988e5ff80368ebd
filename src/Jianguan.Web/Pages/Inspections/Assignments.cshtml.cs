using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Inspections;

/// <summary>
/// 投诉举报核查交办: the department's assigned complaint and report checks, and for its head the form that sends two
/// officers (and the button that cancels one with a reason).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AssignmentsModel(InspectionAssignments assignments, AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty] public AssignmentInput Input { get; set; } = new(null, null, null, null, null, null, null, null);
    /// <summary>An administrator's choice of department, whose officers and items the form offers.</summary>
    [BindProperty(SupportsGet = true, Name = "department")] public int? Department { get; set; }
    public List<InspectionAssignment> Assignments { get; private set; } = [];
    /// <summary>Why an open assignment cannot be inspected as it stands, by id.</summary>
    public Dictionary<long, List<string>> Obstacles { get; private set; } = [];
    public List<Department> Departments { get; private set; } = [];
    public List<Officer> Officers { get; private set; } = [];
    public List<(string Code, string Name)> Items { get; private set; } = [];
    public bool CanAssign { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = Input with { DepartmentId = User.IsInRole(Roles.Administrator) ? Department ?? User.DepartmentId() : User.DepartmentId(), DueOn = time.Today().AddDays(7).ToString("yyyy-MM-dd") };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await assignments.CreateAsync(User, Input, ct);
        // The page is drawn again only when refused; a saved one redirects.
        var saved = (result as EditResult<InspectionAssignment>.Saved)?.Value;
        if (saved is null) await LoadAsync(ct);
        return EditResultPages.Handle(this, result,
            saved is null ? "" : $"已交办：{saved.Entity?.CreditCode} 的{InspectionAssignment.SourceName(saved.Source)}核查（{saved.Reference}）。", "/Inspections/Assignments");
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, string? reason, CancellationToken ct)
    {
        var result = await assignments.CancelAsync(User, id, reason, ct);
        if (result is not EditResult<InspectionAssignment>.Saved) await LoadAsync(ct);
        return EditResultPages.Handle(this, result, $"已撤销核查交办 {id}。", "/Inspections/Assignments");
    }

    /// <summary>The list, and for a department head the department's officers with a valid licence and the items with checklists in force.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        Today = time.Today();
        Assignments = await assignments.ListAsync(User, ct);
        Obstacles = await assignments.ObstaclesAsync(Assignments, ct);
        var department = User.IsInRole(Roles.Administrator) ? Input.DepartmentId ?? User.DepartmentId() : User.DepartmentId();
        CanAssign = department is { } d ? InspectionAssignments.CanAssign(User, d) : User.IsInRole(Roles.Administrator);
        if (!CanAssign) return;
        Departments = await db.Set<Department>().AsNoTracking().Where(d => d.IsActive && (User.IsInRole(Roles.Administrator) || d.Id == department))
            .OrderBy(d => d.SortOrder).ToListAsync(ct);
        department ??= Departments.FirstOrDefault()?.Id;
        Input = Input with { DepartmentId = department };
        Officers = await db.Set<Officer>().AsNoTracking().Where(o => o.DepartmentId == department && o.IsActive && o.LicenseExpiresOn >= Today)
            .OrderBy(o => o.Name).ToListAsync(ct);
        var items = await db.Set<InspectionChecklist>().AsNoTracking()
            .Where(InspectionChecklist.InForceOn(Today)).Where(c => c.DepartmentId == department)
            .OrderBy(c => c.ItemCode).Select(c => new { c.ItemCode, c.Name }).ToListAsync(ct);
        Items = [.. items.Select(i => (i.ItemCode, i.Name))];
    }
}
