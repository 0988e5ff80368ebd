using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Pages.Organization;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Catalog;

/// <summary>An item's current checklist; a maintainer adjusts it here (saving adds a checklist version).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ChecklistModel(SupervisionItemEditor items, InspectionChecklistEditor checklists) : PageModel
{
    /// <summary>Blank point rows offered below the existing ones; blank rows are ignored on save.</summary>
    public const int BlankRows = 3;

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public InspectionChecklistInput Input { get; set; } = new(null, null, null, null, []);
    public SupervisionItem? Item { get; private set; }
    public InspectionChecklist? Current { get; private set; }
    public bool CanMaintain => Item is not null && User.MaintainsCatalogOf(Item.DepartmentId);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((Item = await items.FindCurrentAsync(User, Code, ct)) is null) return NotFound();
        Current = await checklists.FindCurrentAsync(User, Code, ct);
        Input = Current is { } c
            ? new InspectionChecklistInput(c.Name, c.SpotCheck.Label(), InspectionChecklistEditor.Percent(c.RatioBasisPoints), c.Frequency,
                [.. c.Points.OrderBy(p => p.Number).Select(p => new ChecklistPointInput(p.Content, p.Method.Label(), p.Basis, p.Standard, p.FailureHandling, p.IsMajor))],
                CatalogPages.Date(items.Today), "", c.IsPublished)
            : new InspectionChecklistInput(InspectionChecklist.DefaultName(Item.Name), SpotCheckFlag.None.Label(), null, "", [], CatalogPages.Date(items.Today));
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if ((Item = await items.FindCurrentAsync(User, Code, ct)) is null) return NotFound();
        Current = await checklists.FindCurrentAsync(User, Code, ct);
        var points = (Input.Points ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Content) || !string.IsNullOrWhiteSpace(p.Basis)).ToList();
        var result = await checklists.SaveAsync(User, Code, Input with { Points = points }, ct);
        if (result is EditResult<InspectionChecklist>.Saved saved)
        {
            TempData["Message"] = saved.Value.Version == (Current?.Version ?? 0)
                ? "检查清单内容未变，未生成新版本。"
                : $"已保存检查实施清单第 {saved.Value.Version} 版，自 {CatalogPages.Date(saved.Value.EffectiveFrom)} 起生效。";
            return RedirectToPage("/Catalog/Checklist", new { code = Code });
        }
        Input = Input with { Points = points };
        Pad();
        return EditResultPages.Handle(this, result, "", "/Catalog/Index");
    }

    private void Pad() => Input = Input with { Points = [.. Input.Points ?? [], .. Enumerable.Repeat(new ChecklistPointInput("", CheckMethod.OnSite.Label(), "", "", ""), BlankRows)] };
}
