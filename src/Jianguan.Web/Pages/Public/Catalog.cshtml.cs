using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Public;

/// <summary>事前公示: each department's published items, checklists and powers, for anyone, searchable.</summary>
[AllowAnonymous]
public sealed class CatalogModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? DepartmentId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<CatalogModule.PublicDepartmentDto> Departments { get; private set; } = [];
    public List<CatalogModule.PublicItemDto> Items { get; private set; } = [];
    public List<PowerListEntry> Powers { get; private set; } = [];
    public Department? Selected { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        Departments = await PublicCatalog.DepartmentsAsync(db, today, ct);
        if (DepartmentId is null && string.IsNullOrWhiteSpace(Q)) return;
        if (DepartmentId is not null) Selected = await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == DepartmentId, ct);
        Items = await PublicCatalog.ItemsAsync(db, today, DepartmentId, Q, ct);
        Powers = await PublicCatalog.Powers(db, DepartmentId, Q).Take(PublicCatalog.MaxResults).ToListAsync(ct);
    }
}
