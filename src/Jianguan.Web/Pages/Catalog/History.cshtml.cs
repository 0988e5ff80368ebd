using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Catalog;

/// <summary>Every version of an item and of its checklist (动态调整 history).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HistoryModel(SupervisionItemEditor items, InspectionChecklistEditor checklists) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public List<SupervisionItem> Versions { get; private set; } = [];
    public List<InspectionChecklist> ChecklistVersions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Versions = await items.VersionsVisibleTo(User).AsNoTracking().Where(i => i.Code == Code).OrderByDescending(i => i.Version).ToListAsync(ct);
        if (Versions.Count == 0) return NotFound();
        ChecklistVersions = await checklists.VersionsVisibleTo(User).AsNoTracking().Where(c => c.ItemCode == Code).OrderByDescending(c => c.Version).ToListAsync(ct);
        return Page();
    }
}
