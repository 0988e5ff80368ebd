using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Organization.Departments;

public sealed class EditModel(AppDbContext db, DepartmentEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public DepartmentInput Input { get; set; } = new(null, null, null, "330702");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        if (await db.Set<Department>().FindAsync([Id.Value], ct) is not { } d) return NotFound();
        Input = new DepartmentInput(d.Code, d.Name, d.ShortName, d.DivisionCode, d.SortOrder, d.IsActive, d.IsRegistrationAuthority);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        EditResultPages.Handle(this, await editor.SaveAsync(Id, Input, ct), $"已保存部门“{Input.Name}”。", "/Organization/Departments/Index");
}
