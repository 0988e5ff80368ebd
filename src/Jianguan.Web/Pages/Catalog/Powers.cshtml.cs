using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Pages.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Catalog;

/// <summary>The 权责清单 of the user's department (all for administrators and the committee), with an add/change form.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PowersModel(AppDbContext db, PowerListEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? DepartmentId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public PowerListEntryInput Input { get; set; } = new(null, null, null, null, null, null);
    public List<PowerListEntry> Entries { get; private set; } = [];
    public List<Department> Departments { get; private set; } = [];
    public List<Department> Maintained { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is not null)
        {
            if (Entries.FirstOrDefault(e => e.Id == Id) is not { } e) return NotFound();
            Input = new PowerListEntryInput(e.DepartmentId, e.Code, e.Name, e.Type.Label(), e.LegalBasis, e.Responsibility, e.IsPublished);
        }
        else Input = Input with { DepartmentId = User.DepartmentId(), Type = PowerType.Inspection.Label() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.MaintainsCatalog()) return Forbid();
        var result = await editor.SaveAsync(User, Id, Input, ct);
        await LoadAsync(ct);
        return EditResultPages.Handle(this, result, $"已保存权责清单条目“{Input.Name}”。", "/Catalog/Powers");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Departments = await CatalogPages.VisibleDepartmentsAsync(db, User, ct);
        Maintained = await CatalogPages.MaintainedDepartmentsAsync(db, User, ct);
        var query = editor.VisibleTo(User).AsNoTracking();
        if (DepartmentId is not null) query = query.Where(p => p.DepartmentId == DepartmentId);
        Entries = await query.ToListAsync(ct);
    }
}
