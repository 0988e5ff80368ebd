using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Organization.Departments;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public List<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Departments = await db.Set<Department>().AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Code).ToListAsync(ct);
}
