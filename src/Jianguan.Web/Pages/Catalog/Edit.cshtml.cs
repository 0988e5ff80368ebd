using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Pages.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Catalog;

/// <summary>Adds an item, or adjusts one: saving adds a new version; the current one is kept as history.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class EditModel(AppDbContext db, SupervisionItemEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public SupervisionItemInput Input { get; set; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null);
    public SupervisionItem? Current { get; private set; }
    public List<Department> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.MaintainsCatalog()) return Forbid();
        Departments = await CatalogPages.MaintainedDepartmentsAsync(db, User, ct);
        if (Code is null)
        {
            Input = Input with { DepartmentId = User.DepartmentId(), Level = ItemLevel.County.Label(), Category = ItemCategory.Inspection.Label(), OwnershipRule = OwnershipRule.ApproverSupervises.Label(), EffectiveFrom = CatalogPages.Date(editor.Today) };
            return Page();
        }
        if ((Current = await editor.FindCurrentAsync(User, Code, ct)) is not { } i) return NotFound();
        Input = new SupervisionItemInput(i.Code, i.Name, i.Category.Label(), i.SupervisedObject, i.Measures, i.LegalBasisLaw, i.LegalBasisArticle,
            i.LegalBasisText, i.Process, i.Result, i.Level.Label(), i.OwnershipRule.Label(), i.DepartmentId, CatalogPages.Date(editor.Today), "", i.IsPublished);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.MaintainsCatalog()) return Forbid();
        Departments = await CatalogPages.MaintainedDepartmentsAsync(db, User, ct);
        if (Code is not null) Current = await editor.FindCurrentAsync(User, Code, ct);
        var result = await editor.SaveAsync(User, Code, Input, ct);
        if (result is EditResult<SupervisionItem>.Saved saved)
        {
            TempData["Message"] = saved.Value.Version == (Current?.Version ?? 0)
                ? $"“{saved.Value.Name}”内容未变，未生成新版本。"
                : $"已保存“{saved.Value.Name}”第 {saved.Value.Version} 版，自 {CatalogPages.Date(saved.Value.EffectiveFrom)} 起生效。";
            return RedirectToPage("/Catalog/History", new { code = saved.Value.Code });
        }
        return EditResultPages.Handle(this, result, "", "/Catalog/Index");
    }
}
