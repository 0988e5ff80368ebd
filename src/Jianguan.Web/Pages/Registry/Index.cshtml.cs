using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Registry;

public sealed class IndexModel(EntitySearch search, AppDbContext db) : PageModel
{
    public EntitySearch.Query Query { get; private set; } = new(null, null, null, null, null, null, null);
    public EntityPage? Result { get; private set; }
    public List<Industry> Sections { get; private set; } = [];
    public List<Division> Divisions { get; private set; } = [];
    public bool CanMaintain => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.DepartmentManager);
    public int PageCount => Result is null ? 0 : Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    // "page" names the Razor page in route values, so the page number travels as "p".
    public async Task OnGetAsync(string? q, string? industry, string? division, string? tag, string? status, string? p, CancellationToken ct)
    {
        Sections = await db.Set<Industry>().AsNoTracking().Where(i => i.Code.Length == 1).OrderBy(i => i.Code).ToListAsync(ct);
        Divisions = await db.Set<Division>().AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        Query = new EntitySearch.Query(q, industry, division, tag, status, p, null);
        var (result, errors) = await search.RunAsync(Query, ct);
        Result = result;
        foreach (var (field, messages) in errors)
            foreach (var message in messages) ModelState.AddModelError(field, message);
    }

    public string DivisionName(string code) => Divisions.FirstOrDefault(d => d.Code == code)?.Name ?? code;

    public string PageLink(int page) => Url.Page("/Registry/Index", new { Query.Q, Query.Industry, Query.Division, Query.Tag, Query.Status, p = page })!;
}
