using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Catalog.Import;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Catalog;

/// <summary>The current catalog of the user's department (all departments for administrators and the committee), and its export.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(AppDbContext db, SupervisionItemEditor items, CatalogSpreadsheets sheets, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? DepartmentId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<SupervisionItem> Items { get; private set; } = [];
    public HashSet<string> WithChecklist { get; private set; } = [];
    public List<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Departments = await CatalogPages.VisibleDepartmentsAsync(db, User, ct);
        var query = items.CurrentVisibleTo(User).AsNoTracking();
        if (DepartmentId is not null) query = query.Where(i => i.DepartmentId == DepartmentId);
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(i => i.Name.Contains(Q.Trim()) || i.Code.Contains(Q.Trim()));
        Items = await query.ToListAsync(ct);
        var codes = Items.Select(i => i.Code).ToList();
        WithChecklist = (await db.Set<InspectionChecklist>().Where(c => codes.Contains(c.ItemCode) && c.EffectiveTo == null).Select(c => c.ItemCode).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Downloads a list of one department as .xlsx: /Catalog?handler=Export&amp;list=Items&amp;departmentId=1.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? list, CancellationToken ct)
    {
        if (!CatalogSpreadsheets.TryParseList(list, out var which)) return BadRequest();
        var id = DepartmentId ?? User.DepartmentId();
        if (id is null || !User.CanSeeDepartment(id)) return NotFound();
        var department = await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null) return NotFound();
        var bytes = await sheets.ExportAsync(which, department.Id, ct);
        return File(bytes, Spreadsheet.ContentType, CatalogSpreadsheets.FileName(which, department, DateOnly.FromDateTime(time.GetLocalNow().DateTime)));
    }
}

/// <summary>What the catalog pages share.</summary>
public static class CatalogPages
{
    /// <summary>Departments the user sees, for filters and export choices.</summary>
    public static Task<List<Department>> VisibleDepartmentsAsync(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var all = user.SeesAllDepartments();
        var own = user.DepartmentId();
        return db.Set<Department>().AsNoTracking().Where(d => d.IsActive && (all || d.Id == own)).OrderBy(d => d.SortOrder).ToListAsync(ct);
    }

    /// <summary>Departments whose catalog the user maintains.</summary>
    public static async Task<List<Department>> MaintainedDepartmentsAsync(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        (await db.Set<Department>().AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.SortOrder).ToListAsync(ct))
            .Where(d => user.MaintainsCatalogOf(d.Id)).ToList();

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd") ?? "";
}
