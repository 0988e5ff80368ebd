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

    /// <summary>The count as shown: exact, or "10,000 户以上" when the search stopped counting.</summary>
    public string TotalText => Result is null ? "" : Result.TotalIsExact ? $"共 {Result.Total:N0} 户" : $"超过 {Result.Total:N0} 户";

    public async Task OnGetAsync(string? q, string? industry, string? division, string? tag, string? status, string? after, CancellationToken ct)
    {
        Sections = await db.Set<Industry>().AsNoTracking().Where(i => i.Code.Length == 1).OrderBy(i => i.Code).ToListAsync(ct);
        Divisions = await db.Set<Division>().AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        Query = new EntitySearch.Query(q, industry, division, tag, status, after, null);
        var (result, errors) = await search.RunAsync(Query, ct);
        Result = result;
        foreach (var (field, messages) in errors)
            foreach (var message in messages) ModelState.AddModelError(field, message);
    }

    public string DivisionName(string code) => Divisions.FirstOrDefault(d => d.Code == code)?.Name ?? code;

    /// <summary>The same search from its start (<paramref name="after"/> null) or after a page's cursor.</summary>
    public string PageLink(string? after) => Url.Page("/Registry/Index", new { Query.Q, Query.Industry, Query.Division, Query.Tag, Query.Status, after })!;
}
