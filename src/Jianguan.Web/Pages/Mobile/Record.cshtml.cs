using Jianguan.Web.Modules.Inspections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Mobile;

/// <summary>The 现场检查笔录 of a synced inspection, for the phone (signed in by cookie) to open or share.</summary>
public sealed class RecordModel(Modules.Inspections.Inspections inspections, InspectionRecords records) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        var inspection = await inspections.VisibleTo(User).Include(i => i.Points).Include(i => i.Evidence).Include(i => i.Entity)
            .FirstOrDefaultAsync(i => i.ClientId == clientId, ct);
        return inspection is null ? NotFound() : File(await records.RenderAsync(inspection, ct), "application/pdf", $"现场检查笔录-{inspection.Id}.pdf");
    }
}
