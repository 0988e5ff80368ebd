using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Organization.Officers;

public sealed class IndexModel(OfficerEditor editor, TimeProvider time) : PageModel
{
    public List<Officer> Officers { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanManage => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.DepartmentManager);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        Officers = await editor.VisibleTo(User).AsNoTracking().ToListAsync(ct);
    }
}
