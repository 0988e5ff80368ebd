using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Organization.Officers;

[Authorize(Policy = Policies.ManageOfficers)]
public sealed class EditModel(AppDbContext db, OfficerEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public OfficerInput Input { get; set; } = new(null, null, null, null, null);
    public List<Department> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadDepartmentsAsync(ct);
        if (Id is null)
        {
            Input = Input with { DepartmentId = User.DepartmentId() };
            return Page();
        }
        if (await editor.FindVisibleAsync(User, Id.Value, ct) is not { } o) return NotFound();
        Input = new OfficerInput(o.DepartmentId, o.Name, o.LicenseNumber, o.LicenseExpiresOn.ToString("yyyy-MM-dd"), o.Qualifications, o.IsActive);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadDepartmentsAsync(ct);
        return EditResultPages.Handle(this, await editor.SaveAsync(User, Id, Input, ct), $"已保存执法人员“{Input.Name}”。", "/Organization/Officers/Index");
    }

    /// <summary>A manager is offered only the own department; the editor enforces the same rule.</summary>
    private async Task LoadDepartmentsAsync(CancellationToken ct)
    {
        var departmentId = User.DepartmentId();
        var all = User.IsInRole(Roles.Administrator);
        Departments = await db.Set<Department>().AsNoTracking()
            .Where(d => d.IsActive && (all || d.Id == departmentId))
            .OrderBy(d => d.SortOrder).ToListAsync(ct);
    }
}
