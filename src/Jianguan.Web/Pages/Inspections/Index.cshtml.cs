using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Inspections;

/// <summary>The department's inspections: overdue rectification orders, the share done on the phone, recent records, case leads.</summary>
public sealed class IndexModel(Modules.Inspections.Inspections inspections, AppDbContext db, TimeProvider time) : PageModel
{
    public DateOnly Today { get; private set; }
    public int Year { get; private set; }
    public bool SeesAll { get; private set; }
    public List<RectificationOrder> Overdue { get; private set; } = [];
    public List<CoverageRow> Coverage { get; private set; } = [];
    public List<Inspection> Recent { get; private set; } = [];
    public List<CaseLead> Leads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = time.Today();
        Year = Today.Year;
        SeesAll = User.SeesAllDepartments();
        Overdue = await inspections.OverdueOrdersAsync(User, ct);
        Coverage = await inspections.CoverageAsync(User, Year, ct);
        Recent = await inspections.VisibleTo(User).Include(i => i.Entity).Include(i => i.Points).OrderByDescending(i => i.FinishedAtUtc).Take(50).ToListAsync(ct);
        var leads = db.Set<CaseLead>().AsNoTracking().Include(l => l.Entity).AsQueryable();
        if (!SeesAll) leads = leads.Where(l => l.DepartmentId == (User.DepartmentId() ?? -1));
        Leads = await leads.OrderByDescending(l => l.CreatedAtUtc).Take(50).ToListAsync(ct);
    }
}
